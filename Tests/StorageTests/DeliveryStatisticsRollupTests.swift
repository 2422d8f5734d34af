import Foundation
import Postgres
import Synchronization
@testable import Storage
import Testing
import TestSupport
import WebhookCore

/// The statistics read hourly rollups kept by triggers (migration 0023): after a history made through the stores'
/// own paths (publishing, settling from several sessions at once, retries, redeliver, replay, a test send) they must
/// say what counting the deliveries and attempts directly says, before and after compaction.
@Suite struct DeliveryStatisticsRollupTests {
    let t0 = QueueFixture.t0
    var now: Date { t0.addingTimeInterval(3 * 3_600) }

    /// Outcome counts and attempts per hour of the `24h` window, counted from the deliveries and attempts.
    func counted(_ f: QueueFixture, _ hook: UUID) throws -> [[Int]] {
        let start = StatisticsWindow.day.range(now: now).start
        var rows = Array(repeating: [0, 0, 0, 0, 0], count: 24)
        for row in try f.sql.query(
            """
            SELECT floor(extract(epoch FROM created_at - $2::timestamptz) / 3600)::int,
                   count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'),
                   count(*) FILTER (WHERE status = 'pending' AND attempt_count > 0),
                   count(*) FILTER (WHERE status = 'pending' AND attempt_count = 0)
            FROM deliveries WHERE webhook_id = $1 AND NOT is_test AND created_at >= $2 GROUP BY 1
            """, [hook, start]) {
            let hour: Int = try row.decode(0)
            rows[hour][0...3] = [try row.decode(1), try row.decode(2), try row.decode(3), try row.decode(4)]
        }
        for row in try f.sql.query(
            """
            SELECT floor(extract(epoch FROM a.started_at - $2::timestamptz) / 3600)::int, count(*)
            FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
            WHERE d.webhook_id = $1 AND NOT d.is_test AND a.started_at >= $2 GROUP BY 1
            """, [hook, start]) {
            rows[try row.decode(0, as: Int.self)][4] = try row.decode(1)
        }
        return rows
    }

    func reported(_ f: QueueFixture, _ tenant: UUID, _ hook: UUID) throws -> [[Int]] {
        try f.database.read {
            try $0.deliveryStatistics.statistics(tenantId: tenant, webhookId: hook, window: .day, now: now)
        }.buckets.map { [$0.figures.succeeded, $0.figures.failed, $0.figures.retrying, $0.figures.pending,
                         $0.figures.attempts] }
    }

    func outcomes(_ claimed: [ClaimedDelivery], at: Date, _ verdict: (Int) -> DeliveryOutcome.Verdict)
        -> [DeliveryOutcome] {
        claimed.enumerated().map { index, delivery in
            let verdict = verdict(index)
            return DeliveryOutcome(deliveryId: delivery.id, attemptNumber: delivery.attemptNumber, startedAt: at,
                                   durationMs: 20 + index, statusCode: verdict == .succeeded ? 200 : 500,
                                   verdict: verdict)
        }
    }

    func settle(_ f: QueueFixture, _ claimed: [ClaimedDelivery], at: Date,
                _ verdict: (Int) -> DeliveryOutcome.Verdict) throws {
        try f.record(outcomes(claimed, at: at, verdict), owner: "w", now: at)
    }

    @Test func theRollupSaysWhatTheLogSays() throws {
        let f = try QueueFixture(poolSize: 4)
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 1)
        let other = try f.webhook(tenant, bot, maxRetries: 1)
        for minute in 0..<12 { try f.publish(tenant, bot, now: t0.addingTimeInterval(Double(minute) * 600)) }

        // Settled in two sessions at once: half succeed, a quarter fail for good, a quarter will retry.
        let claimed = try f.claim("w", now: t0.addingTimeInterval(7_200))
        #expect(claimed.count == 24)
        let at = t0.addingTimeInterval(7_300)
        let batches = [Array(claimed.prefix(12)), Array(claimed.suffix(12))].map { half in
            outcomes(half, at: at) { index in
                index % 2 == 0 ? .succeeded : index % 4 == 1 ? .failed : .retry(at: t0.addingTimeInterval(8_000))
            }
        }
        let database = f.database
        let failures = Mutex<[String]>([])
        let threads = batches.map { batch in
            Thread {
                do {
                    _ = try database.read { try $0.deliveryQueue.record(batch, owner: "w", now: at) }
                } catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        threads.forEach { $0.start() }
        while threads.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.01) }
        #expect(failures.withLock { $0.isEmpty })
        #expect(try reported(f, tenant, hook) == counted(f, hook))

        // The retries come due and fail for good; one failure is redelivered, then the rest replayed.
        try settle(f, try f.claim("w", now: t0.addingTimeInterval(8_000)), at: t0.addingTimeInterval(8_100)) { _ in .failed }
        let failed: UUID = try f.value("SELECT id FROM deliveries WHERE webhook_id = $1 AND status = 'failed' LIMIT 1", [hook])
        #expect(try f.database.read {
            try $0.deliveryQueue.redeliver(tenantId: tenant, webhookId: hook, deliveryId: failed, now: t0.addingTimeInterval(8_200))
        })
        #expect(try reported(f, tenant, hook) == counted(f, hook))
        _ = try f.database.read { try $0.deliveryQueue.replay(tenantId: tenant, webhookId: hook, since: t0, now: t0.addingTimeInterval(8_300)) }
        try settle(f, try f.claim("w", now: t0.addingTimeInterval(8_400)), at: t0.addingTimeInterval(8_500)) { $0 % 2 == 0 ? .succeeded : .failed }
        // A test send is logged, never counted.
        let test = try #require(try f.database.read {
            try $0.deliveryQueue.enqueueTest(tenantId: tenant, webhookId: hook, data: "{}", occurredAt: t0, owner: "w",
                                             lease: .seconds(60), now: t0.addingTimeInterval(8_600))
        })
        try settle(f, [test], at: t0.addingTimeInterval(8_600)) { _ in .succeeded }

        let before = try counted(f, hook)
        #expect(before.map { $0[4] }.reduce(0, +) > 12)  // retries and redeliveries too
        #expect(try reported(f, tenant, hook) == before)
        #expect(try reported(f, tenant, other) == counted(f, other))

        // Compaction leaves one row per past hour and the same figures.
        #expect(try f.database.read { try $0.deliveryStatistics.compact(now: now) } > 0)
        #expect(try reported(f, tenant, hook) == before)
        #expect(try reported(f, tenant, other) == counted(f, other))
        let rowsPerHour: Int = try f.value(
            "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM delivery_stats GROUP BY webhook_id, hour) c")
        #expect(rowsPerHour == 1)

        // Deleting a webhook takes its rows; hours past the kept days go at the next compaction.
        #expect(try f.database.read { try $0.webhooks.delete(tenantId: tenant, chatbotId: bot, id: other) })
        #expect(try f.value("SELECT count(*) FROM delivery_stats WHERE webhook_id = $1", [other]) as Int == 0)
        try f.database.read {
            _ = try $0.deliveryStatistics.compact(now: now.addingTimeInterval(Double(DeliveryStatisticsStore.keptSeconds + 7_200)))
        }
        #expect(try f.value("SELECT count(*) FROM delivery_stats", []) as Int == 0)
        #expect(try f.value("SELECT count(*) FROM delivery_latency_stats", []) as Int == 0)
    }
}
