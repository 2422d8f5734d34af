import Foundation
import Postgres
@testable import Storage
import Testing
import TestSupport
import WebhookCore

@Suite struct DeliveryQueueClaimTests {
    @Test func claimLeasesDueRowsOldestFirstUpToTheLimitWithEverythingTheSenderNeeds() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 4)
        let t0 = QueueFixture.t0
        // Due at t0-3, t0-2, t0-1, t0 (published then), and one not due until t0+10.
        for offset in [-1.0, -3.0, 10.0, -2.0, 0.0] {
            try f.publish(tenant, bot, data: #"{"offset":\#(Int(offset))}"#, now: t0.plus(offset))
        }

        let first = try f.claim("worker-a", limit: 2, lease: .seconds(30), now: t0)
        #expect(first.map(\.data) == [#"{"offset":-3}"#, #"{"offset":-2}"#])
        let claimed = try #require(first.first)
        #expect(claimed.tenantId == tenant && claimed.webhookId == hook && claimed.chatbotId == bot)
        #expect(claimed.eventType == "lead.created" && !claimed.isTest)
        #expect(claimed.attemptNumber == 1 && claimed.budgetAttempt == 1 && !claimed.isLastAttempt)
        #expect(claimed.leaseExpiresAt == t0.plus(30))
        #expect(claimed.occurredAt == t0.plus(-3))
        #expect(claimed.url == "https://receiver.example/hook")
        #expect(claimed.signatureScheme == .standard)
        #expect(claimed.secretCiphertext == [0x01, 0x02, 0xff])
        #expect(claimed.previousSecretCiphertext == [0x0a, 0x0b])
        #expect(claimed.previousSecretExpiresAt == Date(timeIntervalSince1970: 1_893_456_000))
        #expect(claimed.headers == [WebhookHeader(name: "X-Custom", value: "yes")])
        #expect(claimed.timeoutMs == 10_000 && claimed.maxRetries == 4 && claimed.retryDelayMs == 1_000)
        #expect(claimed.maxConcurrency == 16)
        let row = try f.delivery(claimed.id)
        #expect(row.leaseOwner == "worker-a" && row.nextAttemptAt == t0.plus(30) && row.status == "pending")
        #expect(row.attemptCount == 0)

        // Leased rows are not due; the rest are, up to now.
        let second = try f.claim("worker-b", limit: 10, lease: .seconds(30), now: t0)
        #expect(second.map(\.data) == [#"{"offset":-1}"#, #"{"offset":0}"#])
        #expect(try f.claim("worker-b", limit: 10, now: t0.plus(9)).isEmpty)
        #expect(try f.claim("worker-b", limit: 10, now: t0.plus(10)).map(\.data) == [#"{"offset":10}"#])
        #expect(try f.claim("worker-b", limit: 0, now: t0.plus(100)).isEmpty)
    }

    @Test func expiredLeaseMakesTheRowClaimableAgain() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        _ = try f.webhook(tenant, bot)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0

        let first = try #require(try f.claim("crashed", lease: .seconds(30), now: t0).first)
        #expect(try f.claim("survivor", now: t0.plus(29)).isEmpty)
        let again = try #require(try f.claim("survivor", lease: .seconds(30), now: t0.plus(30)).first)
        #expect(again.id == first.id)
        #expect(again.attemptNumber == 1)
        #expect(try f.delivery(first.id).leaseOwner == "survivor")
    }

    @Test func pausedDisabledOrUnpaidWebhooksWorkWaitsAndIsClaimedAfterResume() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0

        try f.sql.execute("UPDATE webhooks SET is_active = false WHERE id = $1", [hook])
        #expect(try f.claim("w", now: t0.plus(1)).isEmpty)
        try f.sql.execute("UPDATE webhooks SET is_active = true, disabled_reason = 'x' WHERE id = $1", [hook])
        #expect(try f.claim("w", now: t0.plus(1)).isEmpty)
        try f.sql.execute("UPDATE webhooks SET disabled_reason = NULL WHERE id = $1", [hook])
        try f.sql.execute("UPDATE subscriptions SET plan = 'pro' WHERE tenant_id = $1", [tenant])
        #expect(try f.claim("w", now: t0.plus(1)).isEmpty)
        #expect(try f.delivery(try #require(try f.deliveries(webhook: hook).first)).status == "pending")

        try f.sql.execute("UPDATE subscriptions SET webhooks_addon_status = 'active' WHERE tenant_id = $1", [tenant])
        #expect(try f.claim("w", now: t0.plus(1)).map(\.webhookId) == [hook])
    }

    @Test func testSendsAreClaimableWhateverTheWebhooksState() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant(plan: "free")
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, isActive: false)
        let t0 = QueueFixture.t0
        let test = try #require(try f.database.read {
            try $0.deliveryQueue.enqueueTest(tenantId: tenant, webhookId: hook, data: #"{"test":true}"#, occurredAt: t0,
                                             owner: "api", lease: .seconds(30), now: t0)
        })
        #expect(test.isTest && test.eventType == "webhook.test" && test.attemptNumber == 1)
        #expect(test.data == #"{"test":true}"# && test.chatbotId == bot && test.leaseExpiresAt == t0.plus(30))
        #expect(try f.claim("w", now: t0.plus(29)).isEmpty)
        #expect(try f.claim("w", now: t0.plus(30)).map(\.id) == [test.id])
        // Another tenant's webhook: nothing.
        let stranger = try f.tenant()
        #expect(try f.database.read {
            try $0.deliveryQueue.enqueueTest(tenantId: stranger, webhookId: hook, data: "{}", occurredAt: t0,
                                             owner: "api", lease: .seconds(30), now: t0)
        } == nil)
    }

    @Test func skipLockedLetsAConcurrentClaimTakeOnlyTheOtherRows() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        try f.bulkDeliveries(tenant, bot, hook, count: 5, dueAt: QueueFixture.t0)
        let database = f.database

        // The first claim's transaction stays open (its row locks held) while a second connection claims.
        let (held, other) = try database.transaction { session in
            let held = try session.deliveryQueue.claim(owner: "a", limit: 3, lease: .seconds(60), now: QueueFixture.t0)
            let other = try database.read {
                try $0.deliveryQueue.claim(owner: "b", limit: 10, lease: .seconds(60), now: QueueFixture.t0)
            }
            return (held, other)
        }
        #expect(held.count == 3 && other.count == 2)
        #expect(Set(held.map(\.id)).isDisjoint(with: other.map(\.id)))
    }

    @Test func twoThreadsClaimingFiveHundredDeliveriesGetEachExactlyOnce() throws {
        let f = try QueueFixture(poolSize: 4)
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hooks = try (0..<4).map { _ in try f.webhook(tenant, bot) }
        for hook in hooks { try f.bulkDeliveries(tenant, bot, hook, count: 125, dueAt: QueueFixture.t0) }
        let database = f.database

        let claimed = Collector<UUID>()
        let batches = Collector<Int>()
        let failures = Collector<String>()
        onThreads(2) { index in
            do {
                while true {
                    let batch = try database.read {
                        try $0.deliveryQueue.claim(owner: "worker-\(index)", limit: 50, lease: .seconds(300),
                                                   now: QueueFixture.t0)
                    }
                    if batch.isEmpty { break }
                    batches.append(batch.count)
                    claimed.append(contentsOf: batch.map(\.id))
                }
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.values.isEmpty)
        let ids = claimed.values
        #expect(ids.count == 500)
        #expect(Set(ids).count == 500)
        #expect(batches.values.allSatisfy { $0 <= 50 })
        #expect(try f.value("SELECT count(*) FROM delivery_queue WHERE lease_owner IS NOT NULL", []) as Int == 500)
    }

    @Test func claimFindsDueRowsThroughTheQueueIndex() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        // Mostly future and finished rows, a few due.
        try f.bulkDeliveries(tenant, bot, hook, count: 3_000, dueAt: QueueFixture.t0.plus(3_600))
        try f.bulkDeliveries(tenant, bot, hook, count: 3_000, dueAt: QueueFixture.t0.plus(-3_600))
        try f.sql.execute("UPDATE deliveries SET status = 'succeeded' WHERE next_attempt_at < $1", [QueueFixture.t0])
        try f.dequeueFinished()
        try f.bulkDeliveries(tenant, bot, hook, count: 20, dueAt: QueueFixture.t0)
        try f.sql.simpleQuery("ANALYZE")

        let plan = try f.sql.query("EXPLAIN " + DeliveryQueue.claimSQL,
                                   ["w", QueueFixture.t0, 50, QueueFixture.t0.plus(60)])
            .map { try $0.decode(0, as: String.self) }.joined(separator: "\n")
        #expect(plan.contains("delivery_queue_due_idx"), "\(plan)")
        #expect(plan.contains("LockRows"), "\(plan)")
        #expect(try f.claim("w", limit: 50).count == 20)
    }
}
