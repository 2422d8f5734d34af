import Foundation
import Postgres
@testable import Storage
import Testing
import TestSupport
import WebhookCore

/// The statistics must cost the window's hours, not the webhook's history or the window's deliveries, also when the
/// planner's statistics were taken before the history arrived. The webhook gets 40 deliveries in the window, then
/// 40,000 over the nine months before it (through the rollup's triggers); another chatbot's webhook gets 40,000 in
/// the window. Each statement, run as the store runs it (same planner settings; generic and custom plans) under
/// `EXPLAIN ANALYZE`, may touch a few pages per hour of the window, never the deliveries. Counts pages, never times.
@Suite struct DeliveryStatisticsPlanTests {
    static let inWindow = 40
    static let history = 40_000

    /// Writes `count` succeeded deliveries of `webhook`, each with one attempt, `spacing` seconds apart before `at`.
    func insert(_ f: QueueFixture, _ tenant: UUID, _ webhook: UUID, count: Int, at: Date, spacing: Int = 60) throws {
        try f.sql.execute(
            """
            WITH d AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, status, attempt_count, created_at)
                SELECT $1, $2, gen_random_uuid(), 'lead.created', 'succeeded', 1,
                       $3::timestamptz - g * make_interval(secs => $5)
                FROM generate_series(1, $4) g
                RETURNING id, created_at
            )
            INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms, status_code)
            SELECT $1, id, 1, created_at, 50, 200 FROM d
            """, [tenant, webhook, at, count, spacing])
    }

    @Test(arguments: ["force_generic_plan", "force_custom_plan"])
    func everyStatementReadsTheWindowsHours(planMode: String) throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let chatbot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, chatbot)
        let quiet = try f.webhook(tenant, chatbot)
        let noisy = try f.webhook(tenant, try f.chatbot(tenant))
        let now = QueueFixture.t0
        try insert(f, tenant, hook, count: Self.inWindow, at: now.addingTimeInterval(-3_600))
        try f.sql.simpleQuery("""
            ANALYZE deliveries; ANALYZE delivery_attempts; ANALYZE delivery_stats; ANALYZE delivery_latency_stats;
            ALTER TABLE delivery_stats SET (autovacuum_enabled = false);
            ALTER TABLE delivery_latency_stats SET (autovacuum_enabled = false)
            """)
        // Ten minutes apart: 6,667 hours of rollup rows before the window.
        try insert(f, tenant, hook, count: Self.history, at: now.addingTimeInterval(-8 * 86_400), spacing: 600)
        try insert(f, tenant, noisy, count: Self.history, at: now, spacing: 15)

        let statistics = try f.database.read {
            try $0.deliveryStatistics.statistics(tenantId: tenant, webhookId: hook, window: .week, now: now)
        }
        #expect(statistics.totals.succeeded == Self.inWindow && statistics.totals.attempts == Self.inWindow)
        let summaries = try f.database.read {
            try $0.deliveryStatistics.summaries(tenantId: tenant, chatbotId: chatbot, window: .week, now: now)
        }
        #expect(summaries.map(\.webhookId) == [hook, quiet])
        #expect(summaries.map(\.figures.succeeded) == [Self.inWindow, 0])

        let (start, end) = StatisticsWindow.week.range(now: now)
        let stamp = { (date: Date) in "to_timestamp(\(Int(date.timeIntervalSince1970)))" }
        let bounds = "\(stamp(start)), \(stamp(end))"
        try f.sql.simpleQuery("SET plan_cache_mode = \(planMode)")
        for (name, sql, arguments) in [
            ("counts", DeliveryStatisticsStore.countsSQL, "'\(tenant)', '\(hook)', \(bounds), 21600"),
            ("latency", DeliveryStatisticsStore.latencySQL, "'\(tenant)', '\(hook)', \(bounds), 21600"),
            ("health", DeliveryStatisticsStore.healthSQL, "'\(tenant)', '\(hook)', \(bounds)"),
            ("batch", DeliveryStatisticsStore.summariesSQL, "'\(tenant)', '\(chatbot)', \(bounds)"),
            ("batch_latency", DeliveryStatisticsStore.summaryLatencySQL, "'\(tenant)', '\(chatbot)', \(bounds)"),
        ] {
            try f.sql.simpleQuery("PREPARE statistics_\(name) AS \(sql)")
            // Prepared statements switch to a generic plan after five runs: the last one is measured.
            var pages = 0
            var plan = ""
            for _ in 0..<6 { (pages, plan) = try pagesTouched(f, "EXECUTE statistics_\(name)(\(arguments))") }
            // The 40 deliveries fill a single hour of the week. Reading the webhook's earlier rollup rows, or the
            // deliveries, touches hundreds of pages.
            #expect(pages <= 30, "\(name): \(pages) pages: \(plan)")
        }
    }

    /// The shared buffers one run of `statement` touched (its whole plan), under the planner settings the store uses.
    func pagesTouched(_ f: QueueFixture, _ statement: String) throws -> (Int, String) {
        let plan: String = try f.sql.transaction { connection in
            try connection.useIndexPathsOnly()
            return try #require(try connection.query("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) \(statement)").first)
                .decode(0)
        }
        let json = try JSONSerialization.jsonObject(with: Data(plan.utf8))
        let root = try #require((json as? [[String: Any]])?.first?["Plan"] as? [String: Any])
        return ((root["Shared Hit Blocks"] as? Int ?? 0) + (root["Shared Read Blocks"] as? Int ?? 0), plan)
    }
}
