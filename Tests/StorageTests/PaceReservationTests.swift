import Foundation
import Storage
import Testing
import WebhookCore

/// A rate-limited webhook's start times, reserved when its deliveries are claimed (`webhook_pace`): the slot
/// arithmetic alone, and two workers' claims getting one range after the other.
@Suite struct PaceReservationTests {
    @Test func startsAreOneIntervalApartFromTheFirstAndEndWithTheReservation() {
        let reservation = PaceReservation(firstDelay: 0.5, count: 3, rate: 4)
        #expect((0..<4).map { reservation.start($0) } == [0.5, 0.75, 1.0, nil])
        #expect(reservation.start(-1) == nil)
    }

    @Test func onlyTheStartsBeforeTheHorizonFit() {
        // Starts at 0, 0.2, ..., 1.0 s are the six that fit a horizon of 1 s at five a second.
        #expect(PaceReservation.fitting(wanted: 20, rate: 5, firstDelay: 0, horizon: 1) == 6)
        #expect(PaceReservation.fitting(wanted: 4, rate: 5, firstDelay: 0, horizon: 1) == 4)
        // A backlog already reserved past the horizon leaves nothing for this claim.
        #expect(PaceReservation.fitting(wanted: 4, rate: 5, firstDelay: 1.5, horizon: 1) == 0)
        #expect(PaceReservation.fitting(wanted: 0, rate: 5, firstDelay: 0, horizon: 1) == 0)
        #expect(PaceReservation.fitting(wanted: 1_000, rate: 1_000, firstDelay: 0.25, horizon: 0.5) == 251)
    }

    @Test func eachWebhooksDeliveriesTakeItsStartsInOrderAndTheRestNone() throws {
        let paced = UUID()
        let free = UUID()
        func delivery(_ webhookId: UUID, rate: Int?) -> ClaimedDelivery {
            ClaimedDelivery(id: UUID(), tenantId: UUID(), webhookId: webhookId, eventId: UUID(), eventType: "lead.created",
                            isTest: false, attemptNumber: 1, budgetAttempt: 1, leaseExpiresAt: Date(), chatbotId: UUID(),
                            data: "{}", occurredAt: Date(), url: "https://receiver.example", signatureScheme: .standard,
                            secretCiphertext: [], previousSecretCiphertext: nil, previousSecretExpiresAt: nil,
                            headers: [], timeoutMs: 1_000, maxRetries: 0, retryDelayMs: 0, maxConcurrency: 1,
                            rateLimit: rate)
        }
        let claimed = [delivery(paced, rate: 2), delivery(free, rate: nil), delivery(paced, rate: 2),
                       delivery(paced, rate: 2)]
        let assigned = PaceReservation.assign([paced: PaceReservation(firstDelay: 1, count: 2, rate: 2)], to: claimed)
        #expect(assigned.map(\.reservedStart) == [1, nil, 1.5, nil])
        #expect(assigned.map(\.id) == claimed.map(\.id))
    }

    @Test func twoWorkersClaimingOneWebhookGetOneRangeAfterTheOther() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let paced = try f.webhook(tenant, bot)
        let free = try f.webhook(tenant, bot)
        try f.sql.execute("UPDATE webhooks SET rate_limit = 5, timeout_ms = 10000 WHERE id = $1", [paced])
        let t0 = QueueFixture.t0
        // A publisher's own dispatcher is handed only the unlimited webhook's deliveries: the paced ones are claimed.
        let keys = try #require(EventType.named("lead.created")).subscriptionKeys
        let batch = (1...6).map { n in
            EventPublication(tenantId: tenant, chatbotId: bot, eventType: "lead.created", subscriptionKeys: keys,
                             idempotencyKey: nil, data: #"{"n":\#(n)}"#, occurredAt: t0)
        }
        let published = try f.database.read {
            try $0.events.publish(batch, now: t0, leasing: DeliveryLease(owner: "w", until: t0.plus(60), limit: 100))
        }
        #expect(published.leased.count == 6 && published.leased.allSatisfy { $0.webhookId == free })

        let before = Date()
        let first = try f.claim("a", limit: 3, now: t0)
        let second = try f.claim("b", now: t0)
        let elapsed = Date().timeIntervalSince(before)
        let a = first.filter { $0.webhookId == paced }.compactMap(\.reservedStart)
        let b = second.filter { $0.webhookId == paced }.compactMap(\.reservedStart)
        #expect(a.count + b.count == 6)
        let aFirst = try #require(a.first)
        let bFirst = try #require(b.first)
        #expect(aFirst < 0.05)
        for range in [a, b] {
            for (earlier, later) in zip(range, range.dropFirst()) { #expect(abs(later - earlier - 0.2) < 0.001) }
        }
        // b's range begins where a's ended: a's last start plus one interval, seen from b's later clock.
        let aEnd = aFirst + Double(a.count) * 0.2
        #expect(bFirst <= aEnd + 0.001 && bFirst >= aEnd - elapsed - 0.001, "a \(a), b \(b), elapsed \(elapsed)")
        #expect(try f.value("SELECT count(*)::int FROM webhook_pace WHERE webhook_id = $1", [free]) as Int == 0)
    }

    @Test func noMoreStartsAreReservedThanTheLeaseCoversAndDeletingTheWebhookDeletesItsRow() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let paced = try f.webhook(tenant, bot)
        try f.sql.execute("UPDATE webhooks SET rate_limit = 2, timeout_ms = 10000 WHERE id = $1", [paced])
        try f.bulkDeliveries(tenant, bot, paced, count: 30, dueAt: QueueFixture.t0)
        // A lease of 15 s less a 10 s timeout leaves 5 s of starts: eleven at two a second (0, 0.5, ..., 5 s).
        let claimed = try f.claim("a", limit: 30, lease: .seconds(15), now: QueueFixture.t0)
        #expect(claimed.count == 30)
        #expect(claimed.compactMap(\.reservedStart).count == 11)
        // The next claim's first start is after those eleven, and nothing fits before its horizon.
        try f.bulkDeliveries(tenant, bot, paced, count: 1, dueAt: QueueFixture.t0)
        let next = try f.claim("b", lease: .seconds(15), now: QueueFixture.t0)
        #expect(next.count == 1 && next.first?.reservedStart == nil)
        try f.sql.execute("DELETE FROM webhooks WHERE id = $1", [paced])
        #expect(try f.value("SELECT count(*)::int FROM webhook_pace", []) as Int == 0)
    }
}
