import Foundation
import Postgres
import Storage
import Testing
import TestSupport
import WebhookCore

/// The log's `failed` and `pending` filters read the webhook's failure rows and queue rows (migration 0022): every
/// path that fails, re-queues or deletes a delivery keeps them equal to the deliveries' own status, and the filters
/// list what the deliveries say.
@Suite struct DeliveryFailuresTests {
    let t0 = QueueFixture.t0

    func page(_ f: QueueFixture, _ tenant: UUID, _ hook: UUID, _ status: DeliveryStatus) throws -> [UUID] {
        try f.database.read {
            try $0.deliveryLog.list(tenantId: tenant, webhookId: hook, status: status, limit: 50).items.map(\.id)
        }
    }

    /// The deliveries of `hook` with `status`, newest first, as the log orders them, read from the deliveries.
    func expected(_ f: QueueFixture, _ hook: UUID, _ status: DeliveryStatus) throws -> [UUID] {
        try f.sql.query("SELECT id FROM deliveries WHERE webhook_id = $1 AND status = $2 ORDER BY created_at DESC, id DESC",
                        [hook, status.rawValue]).map { try $0.decode(0) }
    }

    func expectFiltersAgree(_ f: QueueFixture, _ tenant: UUID, _ hook: UUID, _ moment: Comment) throws {
        for status in DeliveryStatus.allCases {
            #expect(try page(f, tenant, hook, status) == expected(f, hook, status), "\(status), \(moment)")
        }
        let strays: Int = try f.value(
            """
            SELECT (SELECT count(*) FROM delivery_failures f WHERE NOT EXISTS (
                        SELECT 1 FROM deliveries d WHERE d.id = f.delivery_id AND d.status = 'failed'))
                 + (SELECT count(*) FROM delivery_queue q WHERE NOT EXISTS (
                        SELECT 1 FROM deliveries d WHERE d.id = q.delivery_id AND d.created_at = q.created_at))
            """, [])
        #expect(strays == 0, "\(moment)")
    }

    @Test func failingRequeueingAndDeletingKeepTheFiltersTrue() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 0)
        for second in 0..<4 { try f.publish(tenant, bot, now: t0.plus(Double(second))) }
        try expectFiltersAgree(f, tenant, hook, "published")

        // Two fail for good, one is retried, one succeeds.
        let claimed = try f.claim("w", now: t0.plus(10)).sorted { $0.id.uuidString < $1.id.uuidString }
        #expect(claimed.count == 4)
        let verdicts: [DeliveryOutcome.Verdict] = [.failed, .failed, .retry(at: t0.plus(60)), .succeeded]
        try f.record(zip(claimed, verdicts).map { delivery, verdict in
            DeliveryOutcome(deliveryId: delivery.id, attemptNumber: 1, startedAt: t0.plus(10), durationMs: 5,
                            statusCode: verdict == .succeeded ? 200 : 500, verdict: verdict)
        }, owner: "w", now: t0.plus(11))
        #expect(try page(f, tenant, hook, .failed).sorted { $0.uuidString < $1.uuidString } == [claimed[0].id, claimed[1].id])
        try expectFiltersAgree(f, tenant, hook, "settled")

        // Redeliver one failure, replay the rest: none is failed any more.
        #expect(try f.database.read {
            try $0.deliveryQueue.redeliver(tenantId: tenant, webhookId: hook, deliveryId: claimed[0].id, now: t0.plus(20))
        })
        try expectFiltersAgree(f, tenant, hook, "redelivered")
        #expect(try f.database.read {
            try $0.deliveryQueue.replay(tenantId: tenant, webhookId: hook, since: t0, now: t0.plus(21))
        } == 1)
        #expect(try page(f, tenant, hook, .failed).isEmpty)
        try expectFiltersAgree(f, tenant, hook, "replayed")

        // They fail again; the retention purge then takes them (and their failure rows) away.
        let again = try f.claim("w", now: t0.plus(100))
        #expect(again.count == 3)
        try f.record(again.map {
            DeliveryOutcome(deliveryId: $0.id, attemptNumber: $0.attemptNumber, startedAt: t0.plus(100), durationMs: 5,
                            statusCode: 500, verdict: .failed)
        }, owner: "w", now: t0.plus(101))
        #expect(try page(f, tenant, hook, .failed).count == 3)
        try expectFiltersAgree(f, tenant, hook, "failed again")
        _ = try f.database.read { try $0.deliveryQueue.purgeExpired(now: t0.plus(40 * 86_400)) }
        #expect(try f.value("SELECT count(*) FROM delivery_failures", []) as Int == 0)
        try expectFiltersAgree(f, tenant, hook, "purged")
    }

    @Test func deletingAWebhookTakesItsFailureRows() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 0)
        let kept = try f.webhook(tenant, bot, maxRetries: 0)
        try f.publish(tenant, bot)
        try f.record(try f.claim("w", now: t0).map {
            DeliveryOutcome(deliveryId: $0.id, attemptNumber: 1, startedAt: t0, durationMs: 5, statusCode: 500,
                            verdict: .failed)
        }, owner: "w", now: t0.plus(1))
        #expect(try f.value("SELECT count(*) FROM delivery_failures", []) as Int == 2)
        #expect(try f.database.read { try $0.webhooks.delete(tenantId: tenant, chatbotId: bot, id: hook) })
        let left: [UUID] = try f.sql.query("SELECT webhook_id FROM delivery_failures", []).map { try $0.decode(0) }
        #expect(left == [kept])
        try expectFiltersAgree(f, tenant, kept, "after deleting the other webhook")
    }
}
