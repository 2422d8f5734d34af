import Foundation
import Postgres
import Storage
import Testing
import TestSupport
import WebhookCore

@Suite struct EventStoreTests {
    @Test func publishQueuesOneDeliveryPerMatchingActiveWebhook() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let otherBot = try f.chatbot(tenant)
        let byName = try f.webhook(tenant, bot, events: ["lead.created"])
        let byAlias = try f.webhook(tenant, bot, events: ["message.created", "NEW_LEAD_CAPTURE"])
        let byPrefix = try f.webhook(tenant, bot, events: ["lead.*"])
        let byStar = try f.webhook(tenant, bot, events: ["*"])
        let otherType = try f.webhook(tenant, bot, events: ["lead.updated", "conversation.*"])
        let paused = try f.webhook(tenant, bot, events: ["lead.created"], isActive: false)
        let disabled = try f.webhook(tenant, bot, events: ["*"], disabledReason: "Disabled automatically")
        let otherChatbot = try f.webhook(tenant, otherBot, events: ["lead.created"])
        let stranger = try f.tenant()
        let strangersHook = try f.webhook(stranger, try f.chatbot(stranger), events: ["*"])

        let data = #"{"email":"a@example.com","tags":["x/y","é"],"n":1.50}"#
        let result = try f.publish(tenant, bot, type: "lead.created", data: data)

        #expect(result.deliveriesQueued == 4)
        #expect(!result.duplicate)
        #expect(result.occurredAt == QueueFixture.t0)
        let queued = try f.sql.query(
            "SELECT webhook_id, event_type, status, is_test, next_attempt_at FROM deliveries WHERE event_id = $1",
            [result.eventId])
        #expect(Set(try queued.map { try $0.decode(0, as: UUID.self) }) == [byName, byAlias, byPrefix, byStar])
        #expect(try queued.allSatisfy {
            try $0.decode(1, as: String.self) == "lead.created" && $0.decode(2, as: String.self) == "pending"
                && !$0.decode(3, as: Bool.self) && $0.decode(4, as: Date.self) == QueueFixture.t0
        })
        for webhook in [otherType, paused, disabled, otherChatbot, strangersHook] {
            #expect(try f.deliveries(webhook: webhook).isEmpty)
        }
        // The event is stored verbatim, with its count.
        #expect(try f.value("SELECT data FROM events WHERE id = $1", [result.eventId]) as String == data)
        #expect(try f.value("SELECT deliveries_queued FROM events WHERE id = $1", [result.eventId]) as Int == 4)
        #expect(try f.value("SELECT type FROM events WHERE id = $1", [result.eventId]) as String == "lead.created")
    }

    @Test func tenantWithoutTheWebhooksFeatureQueuesNothing() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant(plan: "pro", addon: "past_due")
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)

        let without = try f.publish(tenant, bot)
        #expect(without.deliveriesQueued == 0)
        #expect(try f.deliveries(webhook: hook).isEmpty)
        #expect(try f.value("SELECT count(*) FROM events WHERE tenant_id = $1", [tenant]) as Int == 1)

        try f.sql.execute("UPDATE subscriptions SET webhooks_addon_status = 'active' WHERE tenant_id = $1", [tenant])
        #expect(try f.publish(tenant, bot).deliveriesQueued == 1)
        try f.sql.execute("UPDATE subscriptions SET webhooks_addon_status = 'canceled', plan = 'scale' WHERE tenant_id = $1",
                          [tenant])
        #expect(try f.publish(tenant, bot).deliveriesQueued == 1)
        #expect(try f.deliveries(webhook: hook).count == 2)
    }

    @Test func repeatedIdempotencyKeyReturnsTheFirstResultAndQueuesNothing() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let otherBot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        _ = try f.webhook(tenant, otherBot)

        let first = try f.publish(tenant, bot, key: "evt_1")
        let again = try f.publish(tenant, bot, key: "evt_1", data: #"{"changed":true}"#, now: QueueFixture.t0.plus(60))
        #expect(first.deliveriesQueued == 1 && !first.duplicate)
        #expect(again == PublishResult(eventId: first.eventId, deliveriesQueued: 1, duplicate: true,
                                       occurredAt: QueueFixture.t0))
        #expect(try f.deliveries(webhook: hook).count == 1)
        #expect(try f.value("SELECT count(*) FROM events", []) as Int == 1)

        // Keys are per chatbot; no key never deduplicates.
        #expect(try !f.publish(tenant, otherBot, key: "evt_1").duplicate)
        #expect(try f.publish(tenant, bot).eventId != f.publish(tenant, bot).eventId)
        #expect(try f.deliveries(webhook: hook).count == 3)
    }

    @Test func concurrentPublishesWithOneKeyQueueOnce() throws {
        let f = try QueueFixture(poolSize: 8)
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hooks = try (0..<3).map { _ in try f.webhook(tenant, bot, events: ["*"]) }
        let database = f.database
        let keys = try #require(EventType.named("lead.created")).subscriptionKeys

        // One publisher holds its transaction open while the other publishes the same key: the second waits on
        // the unique index, then finds the first event.
        let inserted = DispatchSemaphore(value: 0)
        let results = Collector<Result<PublishResult, any Error>>()
        onThreads(2) { index in
            results.append(Result {
                try database.transaction { session in
                    if index == 1 { inserted.wait() }
                    let result = try session.events.publish(
                        tenantId: tenant, chatbotId: bot, eventType: "lead.created", subscriptionKeys: keys,
                        idempotencyKey: "same", data: "{}", occurredAt: QueueFixture.t0)
                    if index == 0 {
                        inserted.signal()
                        Thread.sleep(forTimeInterval: 0.3)
                    }
                    return result
                }
            })
        }
        let pair = try results.values.map { try $0.get() }
        #expect(pair.count == 2)
        #expect(Set(pair.map(\.eventId)).count == 1)
        #expect(pair.filter(\.duplicate).count == 1)
        #expect(pair.allSatisfy { $0.deliveriesQueued == 3 })

        // Eight at once with another key.
        let crowd = Collector<Result<PublishResult, any Error>>()
        onThreads(8) { _ in
            crowd.append(Result {
                try database.transaction {
                    try $0.events.publish(tenantId: tenant, chatbotId: bot, eventType: "lead.created",
                                          subscriptionKeys: keys, idempotencyKey: "crowd", data: "{}",
                                          occurredAt: QueueFixture.t0)
                }
            })
        }
        let all = try crowd.values.map { try $0.get() }
        #expect(all.count == 8)
        #expect(Set(all.map(\.eventId)).count == 1)
        #expect(all.filter { !$0.duplicate }.count == 1)
        for hook in hooks { #expect(try f.deliveries(webhook: hook).count == 2) }
    }

    @Test func publishingLeavesTheWakeUpToANotifyAfterTheCommit() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        _ = try f.webhook(tenant, bot, events: ["lead.created"])
        let listener = try PostgresListener(url: f.url, channels: [EventStore.notificationChannel])
        defer { listener.close() }

        // The publishing transaction itself sends nothing (a NOTIFY there would serialise commits).
        try f.publish(tenant, bot, type: "lead.created")
        #expect(try listener.wait(timeout: .milliseconds(300)).isEmpty)
        // Waking the dispatchers is a statement of its own.
        try f.database.read { try $0.events.notifyDispatchers() }
        #expect(try listener.wait(timeout: .seconds(5)).map(\.channel) == [EventStore.notificationChannel])
    }

    @Test func publishToAnotherTenantsChatbotIsRefused() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let stranger = try f.tenant()
        let strangersBot = try f.chatbot(stranger)
        #expect(throws: StorageError.self) { try f.publish(tenant, strangersBot) }
    }

    @Test func aBatchQueuesEachEventsOwnDeliveriesAndAnswersInOrder() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant), otherBot = try f.chatbot(tenant)
        let leads = try f.webhook(tenant, bot, events: ["lead.*"])
        let everything = try f.webhook(tenant, bot, events: ["*"])
        let elsewhere = try f.webhook(tenant, otherBot, events: ["*"])
        func publication(_ chatbot: UUID, _ type: String, key: String? = nil, data: String) throws -> EventPublication {
            EventPublication(tenantId: tenant, chatbotId: chatbot, eventType: type,
                             subscriptionKeys: try #require(EventType.named(type)).subscriptionKeys,
                             idempotencyKey: key, data: data, occurredAt: QueueFixture.t0)
        }
        let batch = [
            try publication(bot, "lead.created", key: "a", data: #"{"n":1}"#),
            try publication(bot, "message.created", data: #"{"n":2}"#),
            try publication(otherBot, "lead.created", data: #"{"n":3}"#),
            try publication(bot, "lead.created", key: "a", data: #"{"n":4}"#),
        ]
        let results = try f.database.read { try $0.events.publish(batch, now: QueueFixture.t0) }

        #expect(results.map(\.deliveriesQueued) == [2, 1, 1, 2])
        #expect(results.map(\.duplicate) == [false, false, false, true])
        #expect(results[3].eventId == results[0].eventId)
        #expect(results[0...2].map(\.eventId) == batch[0...2].map(\.id))
        #expect(try f.value("SELECT count(*) FROM events WHERE tenant_id = $1", [tenant]) as Int == 3)
        #expect(try f.value("SELECT data FROM events WHERE id = $1", [results[1].eventId]) as String == #"{"n":2}"#)
        #expect(try f.deliveries(webhook: leads).count == 1)
        #expect(try f.deliveries(webhook: everything).count == 2)
        #expect(try f.deliveries(webhook: elsewhere).count == 1)
        let pairs = try f.sql.query("SELECT event_id, webhook_id FROM deliveries WHERE tenant_id = $1", [tenant])
            .map { [try $0.decode(0, as: UUID.self), try $0.decode(1, as: UUID.self)] }
        #expect(Set(pairs) == [[results[0].eventId, leads], [results[0].eventId, everything],
                               [results[1].eventId, everything], [results[2].eventId, elsewhere]])
    }

    @Test func aBatchWithAnotherTenantsChatbotFailsWhole() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let strangersBot = try f.chatbot(try f.tenant())
        let keys = try #require(EventType.named("lead.created")).subscriptionKeys
        let batch = [bot, strangersBot].map {
            EventPublication(tenantId: tenant, chatbotId: $0, eventType: "lead.created", subscriptionKeys: keys,
                             idempotencyKey: nil, data: "{}", occurredAt: QueueFixture.t0)
        }
        #expect {
            try f.database.read { try $0.events.publish(batch) }
        } throws: { error in
            if case StorageError.missingReference = error { true } else { false }
        }
        #expect(try f.value("SELECT count(*) FROM events WHERE tenant_id = $1", [tenant]) as Int == 0)
    }

    @Test func aLeaseWritesTheFirstDeliveriesLeasedAndQueuesTheRest() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hooks = try (0..<3).map { _ in try f.webhook(tenant, bot, events: ["*"]) }
        let keys = try #require(EventType.named("lead.created")).subscriptionKeys
        let batch = (0..<2).map { index in
            EventPublication(tenantId: tenant, chatbotId: bot, eventType: "lead.created", subscriptionKeys: keys,
                             idempotencyKey: nil, data: #"{"n":\#(index)}"#, occurredAt: QueueFixture.t0)
        }
        let leaseEnd = QueueFixture.t0.addingTimeInterval(60)
        let published = try f.database.read {
            try $0.events.publish(batch, now: QueueFixture.t0,
                                  leasing: DeliveryLease(owner: "worker-1", until: leaseEnd, limit: 4))
        }

        // Six deliveries: the first event's three and one of the second's are leased, two are queued.
        #expect(published.results.map(\.deliveriesQueued) == [3, 3])
        #expect(published.leased.count == 4 && published.unleased == 2)
        let rows = try f.sql.query(
            "SELECT d.id, q.lease_owner, q.due_at, d.event_id FROM deliveries d JOIN delivery_queue q ON q.delivery_id = d.id")
        let leasedRows = try rows.filter { try $0.decode(1, as: String?.self) == "worker-1" }
        #expect(Set(try leasedRows.map { try $0.decode(0, as: UUID.self) }) == Set(published.leased.map(\.id)))
        #expect(try leasedRows.allSatisfy { try $0.decode(2, as: Date.self) == leaseEnd })
        #expect(try leasedRows.filter { try $0.decode(3, as: UUID.self) == published.results[0].eventId }.count == 3)
        #expect(try rows.filter { try $0.decode(1, as: String?.self) == nil }
            .allSatisfy { try $0.decode(2, as: Date.self) == QueueFixture.t0 })

        // They come back as a claim returns deliveries, with everything the sender needs.
        let claimed = published.leased
        #expect(claimed.allSatisfy { $0.attemptNumber == 1 && $0.budgetAttempt == 1 && !$0.isTest })
        #expect(claimed.allSatisfy { $0.leaseExpiresAt == leaseEnd && $0.chatbotId == bot && $0.tenantId == tenant })
        #expect(claimed.allSatisfy { $0.eventType == "lead.created" && $0.occurredAt == QueueFixture.t0 })
        #expect(claimed.filter { $0.data == #"{"n":0}"# }.count == 3 && claimed.filter { $0.data == #"{"n":1}"# }.count == 1)
        #expect(claimed.filter { $0.eventId == published.results[0].eventId }.count == 3)
        #expect(Set(claimed.map(\.webhookId)).isSubset(of: Set(hooks)))
        #expect(claimed.allSatisfy { $0.url == "https://receiver.example/hook" && $0.signatureScheme == .standard })
        #expect(claimed.allSatisfy { $0.secretCiphertext == [0x01, 0x02, 0xff] && $0.headers == [WebhookHeader(name: "X-Custom", value: "yes")] })
        #expect(claimed.allSatisfy { $0.timeoutMs == 10_000 && $0.maxRetries == 3 && $0.maxConcurrency == 16 })

        // A claim meanwhile takes only the queued two; once the lease has run out (the owner died), the rest.
        #expect(try f.claim("worker-2", lease: .seconds(600), now: QueueFixture.t0).count == 2)
        #expect(try f.claim("worker-2", now: leaseEnd.addingTimeInterval(1)).count == 4)
    }
}
