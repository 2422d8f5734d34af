import Foundation
import Postgres
@testable import Storage
import Testing
import TestSupport

/// The read cache alone: it serves only while live, refuses loads that raced with an invalidation, and drops a
/// tenant's entries and nothing else.
@Suite struct ReadCacheTests {
    let tenantA = UUID()
    let tenantB = UUID()

    func liveCache(ttl: Duration = .seconds(60)) -> ReadCache {
        let cache = ReadCache(timeToLive: ttl)
        cache.reset(live: true)
        return cache
    }

    @Test func servesNothingUntilLiveAndNothingOnceDark() {
        let cache = ReadCache(timeToLive: .seconds(60))
        let key = ReadCache.Key.webhooks(tenantId: tenantA, chatbotId: UUID())
        cache.store("list", for: key, tenantId: tenantA, ticket: cache.ticket(for: key))
        #expect(cache.value(key, as: String.self) == nil)
        cache.reset(live: true)
        cache.store("list", for: key, tenantId: tenantA, ticket: cache.ticket(for: key))
        #expect(cache.value(key, as: String.self) == "list")
        cache.reset(live: false)
        #expect(cache.value(key, as: String.self) == nil)
        cache.store("list", for: key, tenantId: tenantA, ticket: cache.ticket(for: key))
        #expect(cache.count == 0)
    }

    @Test func aZeroTimeToLiveNeverServes() {
        let cache = liveCache(ttl: .zero)
        let key = ReadCache.Key.apiKey(keyHash: [1, 2, 3])
        cache.store(1, for: key, tenantId: tenantA, ticket: cache.ticket(for: key))
        #expect(cache.value(key, as: Int.self) == nil)
        #expect(!cache.isLive)
    }

    @Test func aLoadThatRacedWithAnInvalidationIsNotKept() {
        let cache = liveCache()
        let key = ReadCache.Key.session(tokenHash: [7])
        let ticket = cache.ticket(for: key)
        cache.invalidate(tenantId: tenantB) // any change during the load, even another tenant's
        cache.store("old", for: key, tenantId: tenantA, ticket: ticket)
        #expect(cache.value(key, as: String.self) == nil)
        cache.store("new", for: key, tenantId: tenantA, ticket: cache.ticket(for: key))
        #expect(cache.value(key, as: String.self) == "new")
    }

    @Test func invalidatingATenantDropsAllItsEntriesAndOnlyThose() {
        let cache = liveCache()
        let keysOfA: [ReadCache.Key] = [.session(tokenHash: [1]), .apiKey(keyHash: [2]),
                                        .webhooks(tenantId: tenantA, chatbotId: UUID())]
        let keyOfB = ReadCache.Key.session(tokenHash: [3])
        for key in keysOfA { cache.store(1, for: key, tenantId: tenantA, ticket: cache.ticket(for: key)) }
        cache.store(2, for: keyOfB, tenantId: tenantB, ticket: cache.ticket(for: keyOfB))
        cache.invalidate(tenantId: tenantA)
        for key in keysOfA { #expect(cache.value(key, as: Int.self) == nil) }
        #expect(cache.value(keyOfB, as: Int.self) == 2)
        cache.remove(keyOfB)
        #expect(cache.value(keyOfB, as: Int.self) == nil)
    }

    @Test func entriesExpire() throws {
        let cache = liveCache(ttl: .milliseconds(50))
        let key = ReadCache.Key.apiKey(keyHash: [9])
        cache.store(1, for: key, tenantId: tenantA, ticket: cache.ticket(for: key))
        Thread.sleep(forTimeInterval: 0.1)
        #expect(cache.value(key, as: Int.self) == nil)
        #expect(cache.count == 0)
    }

    @Test func aValueOfAnotherTypeIsAMiss() {
        let cache = liveCache()
        let key = ReadCache.Key.apiKey(keyHash: [4])
        cache.store("text", for: key, tenantId: tenantA, ticket: cache.ticket(for: key))
        #expect(cache.value(key, as: Int.self) == nil)
    }
}

/// The change feed against a real PostgreSQL: the triggers of migration 0004 announce changes, the feed drops the
/// tenant's entries, and a lost listening connection empties the cache until it is back.
@Suite(.serialized) struct ChangeFeedTests {
    /// A cache with an hour's time to live, kept by a started feed on `fixture`'s database; `nil` when the feed did
    /// not get live. Stop the feed at the end.
    func liveFeed(_ fixture: QueueFixture) throws -> (ReadCache, ChangeFeed)? {
        let cache = ReadCache(timeToLive: .seconds(3_600))
        let feed = ChangeFeed(url: fixture.url, cache: cache)
        try feed.start()
        guard eventually({ cache.isLive }) else {
            feed.stop(deadline: .now)
            return nil
        }
        return (cache, feed)
    }

    /// Stores `value` under `key` once the notifications of the set-up's own inserts have been handled: stores it
    /// again until it survives 300 ms.
    func storeAfterSettling(_ cache: ReadCache, _ value: String, _ key: ReadCache.Key, tenant: UUID) -> Bool {
        eventually {
            cache.store(value, for: key, tenantId: tenant, ticket: cache.ticket(for: key))
            Thread.sleep(forTimeInterval: 0.3)
            return cache.value(key, as: String.self) == value
        }
    }

    @Test func aWebhookChangeInAnotherConnectionDropsItsTenantsEntries() throws {
        let fixture = try QueueFixture()
        let (cache, feed) = try #require(try liveFeed(fixture))
        defer { feed.stop(deadline: .now) }

        let tenantA = try fixture.tenant(), tenantB = try fixture.tenant()
        let chatbotA = try fixture.chatbot(tenantA)
        let webhook = try fixture.webhook(tenantA, chatbotA)
        let keyA = ReadCache.Key.webhooks(tenantId: tenantA, chatbotId: chatbotA)
        let keyB = ReadCache.Key.session(tokenHash: [1])
        #expect(storeAfterSettling(cache, "a", keyA, tenant: tenantA))
        #expect(storeAfterSettling(cache, "b", keyB, tenant: tenantB))

        try fixture.sql.execute("UPDATE webhooks SET name = 'renamed' WHERE id = $1", [webhook])
        #expect(eventually { cache.value(keyA, as: String.self) == nil })
        #expect(cache.value(keyB, as: String.self) == "b")

        // A plan change is announced too.
        try fixture.sql.execute("UPDATE subscriptions SET plan = 'free' WHERE tenant_id = $1", [tenantB])
        #expect(eventually { cache.value(keyB, as: String.self) == nil })
    }

    @Test func refreshingLastSeenDoesNotAnnounceButRevokingDoes() throws {
        let fixture = try QueueFixture()
        let (cache, feed) = try #require(try liveFeed(fixture))
        defer { feed.stop(deadline: .now) }
        let tenant = try fixture.tenant()
        let session: UUID = try fixture.value(
            """
            WITH u AS (INSERT INTO users (tenant_id, email, password_hash, role) VALUES ($1, 'a@example.com', 'x', 'owner')
                       RETURNING id)
            INSERT INTO sessions (tenant_id, user_id, token_hash, created_at, last_seen_at, expires_at)
            SELECT $1, id, '\\x01', now(), now(), now() + interval '1 day' FROM u RETURNING id
            """, [tenant])
        let key = ReadCache.Key.session(tokenHash: [1])
        #expect(storeAfterSettling(cache, "s", key, tenant: tenant))
        try fixture.sql.execute("UPDATE sessions SET last_seen_at = now() WHERE id = $1", [session])
        // Give a (wrong) notification time to arrive, then check the entry is still served.
        try fixture.sql.execute("SELECT pg_sleep(0.2)")
        #expect(cache.value(key, as: String.self) == "s")
        try fixture.sql.execute("UPDATE sessions SET revoked_at = now() WHERE id = $1", [session])
        #expect(eventually { cache.value(key, as: String.self) == nil })
    }

    @Test func counterUpdatesAreAnnouncedByTheirWriterNotByTheTrigger() throws {
        let fixture = try QueueFixture()
        let (cache, feed) = try #require(try liveFeed(fixture))
        defer { feed.stop(deadline: .now) }
        let tenant = try fixture.tenant()
        let chatbot = try fixture.chatbot(tenant)
        let webhook = try fixture.webhook(tenant, chatbot)
        let key = ReadCache.Key.webhooks(tenantId: tenant, chatbotId: chatbot)
        #expect(storeAfterSettling(cache, "list", key, tenant: tenant))
        try fixture.sql.execute("UPDATE webhooks SET success_count = success_count + 1, last_success_at = now() WHERE id = $1",
                                [webhook])
        try fixture.sql.execute("SELECT pg_sleep(0.2)")
        #expect(cache.value(key, as: String.self) == "list")

        // The writer's announcement (through another Database, as another process would send it).
        try fixture.database.announceChanges(tenantIds: [tenant])
        #expect(eventually { cache.value(key, as: String.self) == nil })
    }

    @Test func aLostListenerEmptiesTheCacheUntilItIsBack() throws {
        let fixture = try QueueFixture()
        let (cache, feed) = try #require(try liveFeed(fixture))
        defer { feed.stop(deadline: .now) }
        let tenant = UUID()
        let key = ReadCache.Key.apiKey(keyHash: [5])
        cache.store(1, for: key, tenantId: tenant, ticket: cache.ticket(for: key))

        try fixture.sql.execute(
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'
            """)
        #expect(eventually { cache.value(key, as: Int.self) == nil })
        // Back and live again, and notifications reach it.
        #expect(eventually { cache.isLive })
        let tenantId = try fixture.tenant()
        let chatbot = try fixture.chatbot(tenantId)
        let webhookKey = ReadCache.Key.webhooks(tenantId: tenantId, chatbotId: chatbot)
        #expect(eventually {
            cache.store(2, for: webhookKey, tenantId: tenantId, ticket: cache.ticket(for: webhookKey))
            return cache.value(webhookKey, as: Int.self) == 2
        })
        _ = try fixture.webhook(tenantId, chatbot)
        #expect(eventually { cache.value(webhookKey, as: Int.self) == nil })
    }
}
