import Foundation
import Postgres
@testable import Storage
import Testing
import TestSupport
import WebhookCore

/// The batch statistics must read each webhook's range of deliveries_webhook_idx, never every webhook's deliveries
/// of a period through deliveries_created_idx (the log's pages: DeliveryLogPlanTests). The chatbot's busy webhook has 40
/// deliveries in the window and 4,000 older ones; a quiet one has a single delivery; a webhook of another chatbot
/// has 4,000 in the window (what a plan by creation time would read). Analysed before the busy one's history
/// arrived, run as the stores run them under `EXPLAIN ANALYZE`, generic and custom plans. Counts rows, never times.
@Suite struct DeliveryLogAndBatchPlanTests {
    static let inWindow = 40
    static let history = 4_000

    let statistics = DeliveryStatisticsPlanTests()

    /// Writes `count` succeeded deliveries of `webhook`, each with its event and one attempt, created a minute
    /// apart up to `at`, oldest first (so the table is in creation order, as a log is).
    func insert(_ f: QueueFixture, _ tenant: UUID, _ chatbot: UUID, _ webhook: UUID, count: Int, at: Date) throws {
        try f.sql.execute(
            """
            WITH e AS (
                INSERT INTO events (tenant_id, chatbot_id, type, data, occurred_at)
                SELECT $1, $5, 'lead.created', '{}', $3::timestamptz - g * interval '1 minute'
                FROM generate_series($4::int - 1, 0, -1) g
                RETURNING id, occurred_at
            ),
            d AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, status, attempt_count, created_at)
                SELECT $1, $2, e.id, 'lead.created', 'succeeded', 1, e.occurred_at FROM e
                RETURNING id, created_at
            )
            INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms, status_code)
            SELECT $1, id, 1, created_at, 50, 200 FROM d
            """, [tenant, webhook, at, count, chatbot])
    }

    @Test(arguments: ["force_generic_plan", "force_custom_plan"])
    func theLogsTimeRangeAndTheBatchStatisticsReadTheirWebhooksNotTheLog(planMode: String) throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let chatbot = try f.chatbot(tenant)
        let busy = try f.webhook(tenant, chatbot)
        let quiet = try f.webhook(tenant, chatbot)
        let other = try f.chatbot(tenant)
        let noisy = try f.webhook(tenant, other)
        let now = QueueFixture.t0
        try insert(f, tenant, chatbot, busy, count: Self.inWindow, at: now.addingTimeInterval(-3_600))
        try insert(f, tenant, chatbot, quiet, count: 1, at: now.addingTimeInterval(-7_200))
        // Analysed with three webhooks in the log, most of it the noisy one's: a plan by creation time then looks
        // cheap for a first page (a third of the rows match, it seems), and reads the whole log for a quiet webhook.
        try insert(f, tenant, other, noisy, count: Self.history, at: now.addingTimeInterval(-1_800))
        try f.sql.simpleQuery("ANALYZE deliveries; ANALYZE delivery_attempts; ANALYZE webhooks; ANALYZE events")
        try insert(f, tenant, chatbot, busy, count: Self.history, at: now.addingTimeInterval(-30 * 86_400))

        let summaries = try f.database.read {
            try $0.deliveryStatistics.summaries(tenantId: tenant, chatbotId: chatbot, window: .week, now: now)
        }
        #expect(summaries.map(\.webhookId) == [busy, quiet])
        #expect(summaries.map(\.figures.succeeded) == [Self.inWindow, 1])
        #expect(summaries.map(\.figures.attempts) == [Self.inWindow, 1])

        let (start, end) = StatisticsWindow.week.range(now: now)
        let stamp = { (date: Date) in "to_timestamp(\(Int(date.timeIntervalSince1970)))" }
        try f.sql.simpleQuery("SET plan_cache_mode = \(planMode)")
        try f.sql.simpleQuery("""
            PREPARE batch(uuid, uuid, timestamptz, timestamptz) AS \(DeliveryStatisticsStore.summariesSQL)
            """)
        try expectReads(f, "EXECUTE batch('\(tenant)', '\(chatbot)', \(stamp(start)), \(stamp(end)))",
                        atMost: 6 * (Self.inWindow + 1), "batch statistics")
    }

    func expectReads(_ f: QueueFixture, _ execute: String, atMost limit: Int, _ name: String) throws {
        // Prepared statements switch to a generic plan after five runs: the last one is measured.
        var touched = 0
        var plan = ""
        for _ in 0..<6 { (touched, plan) = try statistics.rowsTouched(f, execute) }
        #expect(touched <= limit, "\(name): \(touched) rows read: \(plan)")
    }
}
