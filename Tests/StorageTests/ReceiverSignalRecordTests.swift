import Foundation
import Storage
import Testing

/// What the record of outcomes makes of the receivers' signals: `410 Gone` disables the webhook at once; the
/// slow-down statuses (429, 502, 503, 504) are failed attempts that do not start the failing streak behind the
/// automatic disable.
@Suite struct ReceiverSignalRecordTests {
    @Test func goneDisablesTheWebhookAtOnceWithItsReason() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let gone = try f.webhook(tenant, bot, maxRetries: 10)
        let other = try f.webhook(tenant, bot, maxRetries: 10)
        try f.publish(tenant, bot)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let claimed = try f.claim("w", now: t0)
        let first = try #require(claimed.first { $0.webhookId == gone })
        let summary = try f.record([
            DeliveryOutcome(deliveryId: first.id, attemptNumber: 1, startedAt: t0.plus(1), durationMs: 3,
                            statusCode: 410, verdict: .failed),
        ] + claimed.filter { $0.webhookId == other }.map {
            DeliveryOutcome(deliveryId: $0.id, attemptNumber: 1, startedAt: t0.plus(1), durationMs: 3, statusCode: 404,
                            verdict: .retry(at: t0.plus(10)))
        }, owner: "w", now: t0.plus(2))
        #expect(summary.disabledWebhooks == [gone])
        let counters = try f.counters(gone)
        #expect(counters.disabledReason == "Disabled because the receiver answered 410 Gone at 2030-03-17T17:46:41.000Z")
        #expect(counters.disabledAt == t0.plus(2))
        #expect(try f.delivery(first.id).status == "failed")
        #expect(try f.counters(other).disabledReason == nil)
        // Its other delivery stays pending but is no longer claimed; nothing new is queued for it.
        try f.dequeueFinished()
        #expect(try f.claim("w2", now: t0.plus(120)).allSatisfy { $0.webhookId != gone })
        #expect(try f.publish(tenant, bot, now: t0.plus(3)).deliveriesQueued == 1)
    }

    @Test func slowDownStatusesFailTheAttemptButStartNoFailingStreak() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 10)
        for _ in 0..<4 { try f.publish(tenant, bot) }
        let t0 = QueueFixture.t0
        let claimed = try f.claim("w", now: t0)
        #expect(claimed.count == 4)
        let summary = try f.record(zip(claimed, [429, 502, 503, 504]).map { delivery, status in
            DeliveryOutcome(deliveryId: delivery.id, attemptNumber: 1, startedAt: t0, durationMs: 3,
                            statusCode: status, verdict: .retry(at: t0.plus(10)))
        }, owner: "w", now: t0.plus(6 * 86_400))
        #expect(summary.disabledWebhooks.isEmpty)
        let counters = try f.counters(hook)
        #expect(counters.failingSince == nil && counters.lastFailureAt == t0 && counters.disabledReason == nil)
        // A hard failure after them does start it.
        let again = try f.claim("w", now: t0.plus(20))
        let later = try f.record(again.prefix(1).map {
            DeliveryOutcome(deliveryId: $0.id, attemptNumber: 2, startedAt: t0.plus(20), durationMs: 3,
                            statusCode: 500, verdict: .retry(at: t0.plus(60)))
        }, owner: "w", now: t0.plus(21))
        #expect(later.disabledWebhooks.isEmpty)
        #expect(try f.counters(hook).failingSince == t0.plus(20))
    }
}
