import Foundation
import Storage
import Testing
import WebhookCore

/// A fifo webhook's deliveries through the queue: one leased at a time, in publish order, across workers; a retry
/// holds the ones behind it; publishers never hand them over.
@Suite struct FifoClaimTests {
    private func fifoWebhook(_ f: QueueFixture, _ tenant: UUID, _ bot: UUID) throws -> UUID {
        let hook = try f.webhook(tenant, bot, maxRetries: 5)
        try f.sql.execute("UPDATE webhooks SET ordering = 'fifo' WHERE id = $1", [hook])
        return hook
    }

    @Test func oneAtATimeInPublishOrderAcrossWorkersWithRetriesHoldingTheRest() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let fifo = try fifoWebhook(f, tenant, bot)
        let concurrent = try f.webhook(tenant, bot)
        let t0 = QueueFixture.t0
        for n in 1...4 { try f.publish(tenant, bot, data: #"{"n":\#(n)}"#, now: t0) }

        // Two workers: the first gets the fifo webhook's first delivery, the second none of its others.
        let first = try f.claim("a", now: t0)
        let second = try f.claim("b", now: t0)
        #expect(first.filter { $0.webhookId == fifo }.map(\.data) == [#"{"n":1}"#])
        #expect(second.filter { $0.webhookId == fifo }.isEmpty)
        #expect((first + second).filter { $0.webhookId == concurrent }.count == 4)
        let head = try #require(first.first { $0.webhookId == fifo })
        #expect(head.isFifo)

        // It fails and waits for its retry: the ones behind it wait too, also after the retry time.
        try f.record([DeliveryOutcome(deliveryId: head.id, attemptNumber: 1, startedAt: t0, durationMs: 1,
                                      statusCode: 500, verdict: .retry(at: t0.plus(10)))], owner: "a", now: t0.plus(1))
        #expect(try f.claim("b", now: t0.plus(2)).filter { $0.webhookId == fifo }.isEmpty)
        let retried = try f.claim("b", now: t0.plus(11)).filter { $0.webhookId == fifo }
        #expect(retried.map(\.id) == [head.id])
        try f.record([DeliveryOutcome(deliveryId: head.id, attemptNumber: 2, startedAt: t0.plus(11), durationMs: 1,
                                      statusCode: 200, verdict: .succeeded)], owner: "b", now: t0.plus(12))

        // Then the next, and so on, in publish order.
        var order: [String] = []
        for step in 0..<3 {
            let now = t0.plus(13 + Double(step))
            let next = try f.claim(step % 2 == 0 ? "a" : "b", now: now).filter { $0.webhookId == fifo }
            #expect(next.count == 1)
            guard let delivery = next.first else { break }
            order.append(delivery.data)
            try f.record([DeliveryOutcome(deliveryId: delivery.id, attemptNumber: 1, startedAt: now, durationMs: 1,
                                          statusCode: 200, verdict: .succeeded)],
                         owner: step % 2 == 0 ? "a" : "b", now: now)
        }
        #expect(order == [#"{"n":2}"#, #"{"n":3}"#, #"{"n":4}"#])
    }

    @Test func anExpiredLeaseDoesNotHoldTheOrderAndPublishersNeverHandFifoDeliveriesOver() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let fifo = try fifoWebhook(f, tenant, bot)
        let concurrent = try f.webhook(tenant, bot)
        let t0 = QueueFixture.t0
        let keys = try #require(EventType.named("lead.created")).subscriptionKeys
        let batch = (1...2).map { n in
            EventPublication(tenantId: tenant, chatbotId: bot, eventType: "lead.created", subscriptionKeys: keys,
                             idempotencyKey: nil, data: #"{"n":\#(n)}"#, occurredAt: t0)
        }
        let published = try f.database.read {
            try $0.events.publish(batch, now: t0, leasing: DeliveryLease(owner: "w", until: t0.plus(60), limit: 10))
        }
        #expect(published.leased.allSatisfy { $0.webhookId == concurrent } && published.leased.count == 2)
        #expect(published.unleased == 2)

        let head = try #require(try f.claim("a", lease: .seconds(30), now: t0).first { $0.webhookId == fifo })
        #expect(head.data == #"{"n":1}"#)
        // Worker a dies: within its lease nothing else goes; after it, the same first delivery comes back.
        #expect(try f.claim("b", now: t0.plus(29)).filter { $0.webhookId == fifo }.isEmpty)
        #expect(try f.claim("b", now: t0.plus(31)).filter { $0.webhookId == fifo }.map(\.id) == [head.id])
    }

    @Test func switchingOrderingCarriesOverToQueuedDeliveries() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        let t0 = QueueFixture.t0
        for n in 1...3 { try f.publish(tenant, bot, data: #"{"n":\#(n)}"#, now: t0.plus(Double(n))) }
        let webhook = try #require(try f.database.read { try $0.webhooks.find(tenantId: tenant, chatbotId: bot, id: hook) })
        var settings = webhook.settings
        settings.ordering = .fifo
        let updated = try f.database.read {
            try $0.webhooks.update(tenantId: tenant, chatbotId: bot, id: hook, settings: settings)
        }
        #expect(updated?.settings.ordering == .fifo)
        #expect(try f.claim("a", now: t0.plus(10)).map(\.data) == [#"{"n":1}"#])
        settings.ordering = .concurrent
        _ = try f.database.read { try $0.webhooks.update(tenantId: tenant, chatbotId: bot, id: hook, settings: settings) }
        #expect(try f.claim("b", now: t0.plus(10)).count == 2)
    }
}
