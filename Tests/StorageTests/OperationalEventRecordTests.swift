import Foundation
import Storage
import Testing

/// Operational events written with the outcomes that raise them: to the same tenant's same chatbot only, and
/// never for a delivery of an operational event.
@Suite struct OperationalEventRecordTests {
    @Test func aDisableReachesOnlyTheSameChatbotsSubscribers() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let otherBot = try f.chatbot(tenant)
        let otherTenant = try f.tenant()
        let otherTenantsBot = try f.chatbot(otherTenant)
        let gone = try f.webhook(tenant, bot)
        let watcher = try f.webhook(tenant, bot, events: ["webhook.disabled"])
        let starWatcher = try f.webhook(tenant, bot, events: ["*"])
        let otherBotsWatcher = try f.webhook(tenant, otherBot, events: ["webhook.disabled"])
        let otherTenantsWatcher = try f.webhook(otherTenant, otherTenantsBot, events: ["webhook.disabled"])
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let claimed = try f.claim("w", now: t0)
        let first = try #require(claimed.first { $0.webhookId == gone })
        let summary = try f.record([
            DeliveryOutcome(deliveryId: first.id, attemptNumber: 1, startedAt: t0, durationMs: 3, statusCode: 410,
                            verdict: .failed),
        ], owner: "w", now: t0.plus(1))
        #expect(summary.disabledWebhooks == [gone])
        #expect(summary.operationalDeliveriesQueued == 1)
        #expect(try f.deliveries(webhook: watcher).count == 1)
        #expect(try f.value("SELECT event_type FROM deliveries WHERE webhook_id = $1", [watcher]) as String
            == "webhook.disabled")
        // `*` selects chatbot events only: the star watcher has just its lead.created delivery.
        #expect(try f.deliveries(webhook: starWatcher).count == 1)
        #expect(try f.deliveries(webhook: otherBotsWatcher).isEmpty)
        #expect(try f.deliveries(webhook: otherTenantsWatcher).isEmpty)
        let data: String = try f.value("SELECT e.data::text FROM events e WHERE e.type = 'webhook.disabled'")
        #expect(data.contains(gone.uuidString.lowercased()) && data.contains("410 Gone"))
    }

    @Test func anExhaustedOperationalDeliveryRaisesNothing() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let failing = try f.webhook(tenant, bot, maxRetries: 0)
        let watcher = try f.webhook(tenant, bot, events: ["delivery.exhausted"], maxRetries: 0)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let first = try #require(try f.claim("w", now: t0).first)
        #expect(first.webhookId == failing)
        let summary = try f.record([
            DeliveryOutcome(deliveryId: first.id, attemptNumber: 1, startedAt: t0, durationMs: 3, statusCode: 500,
                            verdict: .failed),
        ], owner: "w", now: t0.plus(1))
        #expect(summary.operationalDeliveriesQueued == 1)
        let raised = try #require(try f.claim("w", now: t0.plus(2)).first)
        #expect(raised.webhookId == watcher && raised.eventType == "delivery.exhausted")
        let quiet = try f.record([
            DeliveryOutcome(deliveryId: raised.id, attemptNumber: 1, startedAt: t0.plus(2), durationMs: 3,
                            statusCode: 500, verdict: .failed),
        ], owner: "w", now: t0.plus(3))
        #expect(quiet.applied == [raised.id] && quiet.operationalDeliveriesQueued == 0)
        #expect(try f.value("SELECT count(*) FROM events WHERE type = 'delivery.exhausted'") as Int == 1)
    }
}
