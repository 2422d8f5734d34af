import Foundation
import Postgres
@testable import Storage
import Testing
import TestSupport
import WebhookCore

/// The statistics must cost what the window holds, not the webhook's history, also when the planner's statistics
/// were taken before the history arrived. A webhook with 40 deliveries in the window and 4,000 older ones, analysed
/// while it had only the 40: each statement, run as the store runs it (same planner settings; generic and custom
/// plans) under `EXPLAIN ANALYZE`, may read the window's rows a few times over, never the history. No timing.
@Suite struct DeliveryStatisticsPlanTests {
    static let inWindow = 40
    static let history = 4_000

    @Test(arguments: ["force_generic_plan", "force_custom_plan"])
    func everyStatementReadsTheWindowNotTheHistory(planMode: String) throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let hook = try f.webhook(tenant, try f.chatbot(tenant))
        let now = QueueFixture.t0
        try insert(f, tenant, hook, count: Self.inWindow, at: now.addingTimeInterval(-3_600))
        // The statistics must stay those of the 40: an autovacuum ANALYZE in between (likelier on a busy machine)
        // would test another case than this one.
        try f.sql.simpleQuery("""
            ANALYZE deliveries; ANALYZE delivery_attempts;
            ALTER TABLE deliveries SET (autovacuum_enabled = false);
            ALTER TABLE delivery_attempts SET (autovacuum_enabled = false)
            """)
        try insert(f, tenant, hook, count: Self.history, at: now.addingTimeInterval(-30 * 86_400))

        let statistics = try f.database.read {
            try $0.deliveryStatistics.statistics(tenantId: tenant, webhookId: hook, window: .week, now: now)
        }
        #expect(statistics.totals.succeeded == Self.inWindow && statistics.totals.attempts == Self.inWindow)

        let (start, end) = StatisticsWindow.week.range(now: now)
        let bounds = "'\(tenant)', '\(hook)', to_timestamp(\(Int(start.timeIntervalSince1970))), "
            + "to_timestamp(\(Int(end.timeIntervalSince1970)))"
        try f.sql.simpleQuery("SET plan_cache_mode = \(planMode)")
        for (name, sql, arguments) in [
            ("outcomes", DeliveryStatisticsStore.outcomesSQL, "uuid, uuid, timestamptz, timestamptz, int4"),
            ("latency", DeliveryStatisticsStore.latencySQL, "uuid, uuid, timestamptz, timestamptz, int4"),
            ("health", DeliveryStatisticsStore.healthSQL, "uuid, uuid, timestamptz, timestamptz"),
        ] {
            try f.sql.simpleQuery("PREPARE statistics_\(name)(\(arguments)) AS \(sql)")
            let execute = "EXECUTE statistics_\(name)(\(bounds)\(name == "health" ? "" : ", 21600"))"
            // Prepared statements switch to a generic plan after five runs: the last one is measured.
            var touched = 0
            var plan = ""
            for _ in 0..<6 { (touched, plan) = try rowsTouched(f, execute) }
            #expect(touched <= 6 * Self.inWindow, "\(name): \(plan)")
        }
    }

    /// Writes `count` succeeded deliveries of `webhook` created at `at`, each with one attempt.
    func insert(_ f: QueueFixture, _ tenant: UUID, _ webhook: UUID, count: Int, at: Date) throws {
        try f.sql.execute(
            """
            WITH d AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, status, attempt_count, created_at)
                SELECT $1, $2, gen_random_uuid(), 'lead.created', 'succeeded', 1, $3 FROM generate_series(1, $4)
                RETURNING id
            )
            INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms, status_code)
            SELECT $1, id, 1, $3, 50, 200 FROM d
            """, [tenant, webhook, at, count])
    }

    /// The rows of `deliveries` and `delivery_attempts` one run of `statement` read (returned or filtered out, over
    /// all loops), under the planner settings the store uses.
    func rowsTouched(_ f: QueueFixture, _ statement: String) throws -> (Int, String) {
        let plan: String = try f.sql.transaction { connection in
            for setting in ["enable_seqscan", "enable_hashjoin", "enable_mergejoin"] {
                try connection.execute("SELECT set_config($1, 'off', true)", [setting])
            }
            return try #require(try connection.query("EXPLAIN (ANALYZE, FORMAT JSON) \(statement)").first).decode(0)
        }
        let json = try JSONSerialization.jsonObject(with: Data(plan.utf8))
        let root = try #require((json as? [[String: Any]])?.first?["Plan"] as? [String: Any])
        return (tally(root), plan)
    }

    func tally(_ node: [String: Any]) -> Int {
        let loops = node["Actual Loops"] as? Int ?? 1
        var read = 0
        if ["deliveries", "delivery_attempts"].contains(node["Relation Name"] as? String ?? "") {
            read = ((node["Actual Rows"] as? Int ?? 0) + (node["Rows Removed by Filter"] as? Int ?? 0)
                + (node["Rows Removed by Index Recheck"] as? Int ?? 0)) * loops
        }
        return read + (node["Plans"] as? [[String: Any]] ?? []).map(tally).reduce(0, +)
    }
}
