import Foundation
import Postgres
@testable import Storage
import Testing
import TestSupport

/// A queue is often nearly empty when autovacuum analyses it, and then grows far past what its statistics say, while
/// the dispatcher's prepared statements keep a plan made for the small queue. These tests give the queue 4,000 rows
/// whose statistics say 20, run the claim and the record of outcomes as the dispatcher does (same statement, same
/// planner settings; once with a generic plan, once with a custom one) under `EXPLAIN ANALYZE`, and count the queue
/// rows each run touched: a batch of 500 must touch about 500 queue rows, not the whole queue per row. No timing.
@Suite struct DeliveryQueueStaleStatisticsTests {
    static let batch = 500

    @Test(arguments: ["force_generic_plan", "force_custom_plan"])
    func claimAndRecordTouchOnlyTheirRowsWhenStatisticsSayTheQueueIsNearlyEmpty(planMode: String) throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 5)
        try f.bulkDeliveries(tenant, bot, hook, count: 4_000, dueAt: QueueFixture.t0.plus(-60))
        // Statistics of a near-empty queue that kept its pages: the last 20 rows stay for VACUUM ANALYZE, then the
        // other rows come back.
        try f.sql.execute(
            "DELETE FROM delivery_queue WHERE ctid NOT IN (SELECT ctid FROM delivery_queue ORDER BY ctid DESC LIMIT 20)")
        try f.sql.simpleQuery("VACUUM ANALYZE delivery_queue")
        try f.sql.execute(
            """
            INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, created_at)
            SELECT id, tenant_id, webhook_id, false, next_attempt_at, created_at FROM deliveries ON CONFLICT DO NOTHING
            """)
        let estimated: Int = try f.value("SELECT reltuples::int8 FROM pg_class WHERE relname = 'delivery_queue'", [])
        let queued: Int = try f.value("SELECT count(*) FROM delivery_queue", [])
        #expect(estimated <= 20 && queued == 4_000)

        let t0 = "to_timestamp(\(Int(QueueFixture.t0.timeIntervalSince1970)))"
        try f.sql.simpleQuery("SET plan_cache_mode = \(planMode)")
        try f.sql.simpleQuery("PREPARE claim_under_test(text, timestamptz, int4, timestamptz) AS \(DeliveryQueue.claimSQL)")
        let claim = try analyse(f, settings: ["enable_sort", "enable_seqscan"],
                                "EXECUTE claim_under_test('w', \(t0), \(Self.batch), \(t0) + interval '60 s')")
        #expect(claim.queueRowsTouched <= 3 * Self.batch, "\(claim.plan)")
        #expect(claim.joinFilterRejections <= Self.batch, "\(claim.plan)")

        let leased: [UUID] = try f.sql.query("SELECT delivery_id FROM delivery_queue WHERE lease_owner = 'w'")
            .map { try $0.decode(0) }
        #expect(leased.count == Self.batch)
        try f.sql.simpleQuery(
            """
            PREPARE record_under_test(text, timestamptz, timestamptz, uuid[], int4[], text[], int4[], int4[], text[],
                                      text[], text[], text[], text[], text[], text[], text[]) AS \(DeliveryQueue.recordSQL)
            """)
        let n = leased.count
        let retryAt = "2030-03-17 17:56:40+00"  // t0 + 10 minutes
        let record = try analyse(
            f, settings: DeliveryQueue.recordPlannerSettings,
            """
            EXECUTE record_under_test('w', \(t0), \(t0) - interval '5 days',
                '\(arrayLiteral(leased.map(\.uuidString)))', '\(arrayLiteral(Array(repeating: "1", count: n)))',
                '\(arrayLiteral(Array(repeating: "\"2030-03-17 17:46:40+00\"", count: n)))',
                '\(arrayLiteral(Array(repeating: "5", count: n)))', '\(arrayLiteral(Array(repeating: "NULL", count: n)))',
                '\(arrayLiteral(Array(repeating: "refused", count: n)))',
                '\(arrayLiteral(Array(repeating: "NULL", count: n)))',
                '\(arrayLiteral(Array(repeating: "retry", count: n)))',
                '\(arrayLiteral(Array(repeating: "\"\(retryAt)\"", count: n)))',
                '\(arrayLiteral(Array(repeating: "\"Content-Type: application/json\"", count: n)))',
                '\(arrayLiteral(Array(repeating: "standard", count: n)))',
                '\(arrayLiteral(Array(repeating: "NULL", count: n)))',
                '{webhook.disabled,delivery.exhausted}')
            """)
        #expect(record.queueRowsTouched <= 3 * Self.batch, "\(record.plan)")
        #expect(record.joinFilterRejections <= Self.batch, "\(record.plan)")
        // With the statement's triggers (the rollup's, migration 0023), which the plan does not show: each outcome
        // reads its delivery's page a few times (five here: found by key, updated, its old and new versions for the
        // triggers, found by key again for the attempt's count), never the log's 4,000 deliveries in an index's order.
        #expect(record.deliveriesFetched <= 6 * Self.batch, "\(record.deliveriesFetched) delivery pages read")

        // The statements did their work: every claimed delivery has its attempt logged and is queued for its retry.
        #expect(try f.value("SELECT count(*) FROM delivery_attempts", []) as Int == Self.batch)
        #expect(try f.value(
            "SELECT count(*) FROM delivery_queue WHERE lease_owner IS NULL AND due_at = $1", [QueueFixture.t0.plus(600)])
            as Int == Self.batch)
        #expect(try f.value("SELECT count(*) FROM delivery_queue", []) as Int == 4_000)
    }

    /// What one `EXPLAIN ANALYZE` run did: the plan (JSON), the queue rows its nodes read (returned or filtered
    /// out, over all loops), the row pairs join filters rejected, and the deliveries fetched through indexes by the
    /// statement and its triggers (which the plan does not show).
    struct Analysis {
        var plan: String
        var queueRowsTouched = 0
        var joinFilterRejections = 0
        var deliveriesFetched = 0
    }

    /// Runs `statement` under `EXPLAIN (ANALYZE, FORMAT JSON)` in a transaction with the planner `settings` turned
    /// off, as the queue does.
    func analyse(_ f: QueueFixture, settings: [String], _ statement: String) throws -> Analysis {
        let fetched = "SELECT pg_stat_get_xact_blocks_fetched('deliveries'::regclass)"
        let (plan, deliveriesFetched): (String, Int) = try f.sql.transaction { connection in
            for setting in settings { try connection.execute("SELECT set_config($1, 'off', true)", [setting]) }
            let before: Int = try #require(try connection.query(fetched).first).decode(0)
            let rows = try connection.query("EXPLAIN (ANALYZE, FORMAT JSON) \(statement)")
            let after: Int = try #require(try connection.query(fetched).first).decode(0)
            return (try #require(rows.first).decode(0), after - before)
        }
        var analysis = Analysis(plan: plan, deliveriesFetched: deliveriesFetched)
        let json = try JSONSerialization.jsonObject(with: Data(plan.utf8))
        let root = try #require((json as? [[String: Any]])?.first?["Plan"] as? [String: Any])
        tally(root, into: &analysis)
        return analysis
    }

    func tally(_ node: [String: Any], into analysis: inout Analysis) {
        let loops = node["Actual Loops"] as? Int ?? 1
        if node["Relation Name"] as? String == "delivery_queue" {
            let read = (node["Actual Rows"] as? Int ?? 0) + (node["Rows Removed by Filter"] as? Int ?? 0)
            analysis.queueRowsTouched += read * loops
        }
        analysis.joinFilterRejections += (node["Rows Removed by Join Filter"] as? Int ?? 0) * loops
        for child in node["Plans"] as? [[String: Any]] ?? [] { tally(child, into: &analysis) }
    }

    func arrayLiteral(_ elements: [String]) -> String { "{" + elements.joined(separator: ",") + "}" }
}
