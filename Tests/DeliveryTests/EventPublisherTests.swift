import Delivery
import Foundation
import Postgres
import Storage
import Testing
import TestSupport
import WebhookCore

/// The publisher's shared commits and its wake-ups.
@Suite struct EventPublisherTests {
    @Test func concurrentPublishersShareCommitsAndOnlyTheWrongChatbotFails() throws {
        let f = try DispatchFixture()
        let (tenant, bot) = (f.tenantId, f.chatbotId)
        let hooks = try (0..<2).map { _ in try f.webhook(url: "http://127.0.0.1:9/hook") }
        let strangersBot = try f.database.transaction { session in
            let stranger = try session.tenants.create(name: "Stranger", subscription: Subscription(plan: .scale))
            return try session.chatbots.create(tenantId: stranger.id, name: "Their bot").id
        }
        let keys = try #require(EventType.named("lead.created")).subscriptionKeys
        let publisher = f.publisher
        let occurredAt = Date(timeIntervalSince1970: 1_900_000_000)

        // 48 threads publish at once through one publisher; one names another tenant's chatbot, two share an
        // idempotency key.
        let results = Collector<(Int, Result<PublishResult, any Error>)>()
        onThreads(48) { index in
            let publication = EventPublication(
                tenantId: tenant, chatbotId: index == 7 ? strangersBot : bot, eventType: "lead.created",
                subscriptionKeys: keys, idempotencyKey: index == 20 || index == 21 ? "shared" : "key-\(index)",
                data: #"{"i":\#(index)}"#, occurredAt: occurredAt)
            results.append((index, Result { try publisher.publish(publication) }))
        }
        let outcomes = Dictionary(uniqueKeysWithValues: results.values.map { ($0.0, $0.1) })
        #expect(outcomes.count == 48)
        for (index, outcome) in outcomes {
            switch (index, outcome) {
            case (7, .failure(StorageError.missingReference)): break
            case (7, let other): Issue.record("the stranger's chatbot gave \(other)")
            case (_, .success(let result)): #expect(result.deliveriesQueued == 2)
            case (_, .failure(let error)): Issue.record("publication \(index) failed: \(error)")
            }
        }
        let shared = try [20, 21].map { try #require(outcomes[$0]).get() }
        #expect(shared[0].eventId == shared[1].eventId)
        #expect(shared.filter(\.duplicate).count == 1)
        #expect(try f.value("SELECT count(*) FROM events WHERE tenant_id = $1", [tenant]) as Int == 46)
        // How many commits served them depends on the threads' timing, so it is reported, not asserted.
        let commits: Int = try f.value("SELECT count(DISTINCT xmin::text) FROM events WHERE tenant_id = $1", [tenant])
        print("publisher: 46 events in \(commits) commits")
        for hook in hooks {
            #expect(try f.value("SELECT count(*) FROM deliveries WHERE webhook_id = $1", [hook.id]) as Int == 46)
        }
        // Each stored event holds its own data.
        let stored = try f.sql.query("SELECT idempotency_key, data FROM events WHERE tenant_id = $1", [tenant])
        #expect(try stored.allSatisfy { row in
            let key = try row.decode(0, as: String.self), data = try row.decode(1, as: String.self)
            return key == "shared" ? ["{\"i\":20}", "{\"i\":21}"].contains(data) : data == "{\"i\":\(key.dropFirst(4))}"
        })
    }

    @Test func publishingWakesTheDispatchersOnlyWhenItQueuedDeliveries() throws {
        let f = try DispatchFixture()
        let listener = try PostgresListener(url: f.url, channels: [EventStore.notificationChannel])
        defer { listener.close() }

        // No webhook: nothing queued, nobody woken.
        #expect(try f.publish().deliveriesQueued == 0)
        #expect(try listener.wait(timeout: .milliseconds(300)).isEmpty)
        _ = try f.webhook(url: "http://127.0.0.1:9/hook")
        #expect(try f.publish().deliveriesQueued == 1)
        #expect(try listener.wait(timeout: .seconds(5)).map(\.channel) == [EventStore.notificationChannel])
    }
}
