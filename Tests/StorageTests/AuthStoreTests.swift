import Foundation
import Postgres
import Storage
import Testing
import TestSupport
import WebhookCore

/// The stores behind logins, sessions and API keys, against a real PostgreSQL.
@Suite struct AuthStoreTests {
    private static let t0 = Date(timeIntervalSince1970: 1_900_000_000)
    private static let window: TimeInterval = 900

    /// A migrated database with two tenants of one user each (no KDF: the password hash is a placeholder).
    private struct Fixture {
        let database: Database
        let tenants: [Tenant]
        let users: [User]

        init() throws {
            database = try TestDatabase.migrated().open()
            var tenants: [Tenant] = []
            var users: [User] = []
            for (index, plan) in [Plan.pro, .scale].enumerated() {
                let (tenant, user) = try database.transaction { session in
                    let tenant = try session.tenants.create(name: "T\(index)", subscription: Subscription(plan: plan))
                    let user = try session.users.create(tenantId: tenant.id, email: "u\(index)@example.com",
                                                        passwordHash: "placeholder", role: .admin)
                    return (tenant, user)
                }
                tenants.append(tenant)
                users.append(user)
            }
            self.tenants = tenants
            self.users = users
        }
    }

    @Test func throttleCountsFailuresInAWindowAndRestartsItWhenItHasEnded() throws {
        let database = try TestDatabase.migrated().open()
        func fail(at offset: TimeInterval) throws -> [LoginThrottleStore.Counter] {
            let now = Self.t0.addingTimeInterval(offset)
            return try database.transaction {
                try $0.loginThrottle.recordFailure(buckets: ["b", "a", "a"], now: now,
                                                   windowStartedBy: now.addingTimeInterval(-Self.window))
            }
        }
        #expect(try fail(at: 0) == [.init(bucket: "a", windowStart: Self.t0, failures: 1),
                                    .init(bucket: "b", windowStart: Self.t0, failures: 1)])
        #expect(try fail(at: 899).map(\.failures) == [2, 2])
        #expect(try fail(at: 899).map(\.windowStart) == [Self.t0, Self.t0])
        let restarted = try fail(at: 900)
        #expect(restarted.map(\.failures) == [1, 1])
        #expect(restarted.map(\.windowStart) == [Self.t0.addingTimeInterval(900), Self.t0.addingTimeInterval(900)])

        try database.transaction { try $0.loginThrottle.reset(bucket: "a") }
        #expect(try database.read { try $0.loginThrottle.counters(buckets: ["a", "b", "c"]) }.map(\.bucket) == ["b"])
        #expect(try database.transaction { try $0.loginThrottle.purge(windowStartedBy: Self.t0.addingTimeInterval(900)) } == 1)
        #expect(try database.read { try $0.loginThrottle.counters(buckets: ["a", "b"]) }.isEmpty)
    }

    @Test func concurrentFailuresAreEachCountedOnce() throws {
        let database = try TestDatabase.migrated().open(poolSize: 8)
        let errors = ErrorBox()
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    for _ in 0..<5 {
                        _ = try database.transaction {
                            try $0.loginThrottle.recordFailure(buckets: ["account:x", "address:y"], now: Self.t0,
                                                               windowStartedBy: Self.t0.addingTimeInterval(-Self.window))
                        }
                    }
                } catch {
                    errors.append(error)
                }
            }
        }
        group.wait()
        #expect(errors.values.isEmpty, "\(errors.values)")
        #expect(try database.read { try $0.loginThrottle.counters(buckets: ["account:x", "address:y"]) }.map(\.failures)
                == [40, 40])
    }

    @Test func sessionIsFoundByTokenHashWithTheCurrentRoleAndSubscription() throws {
        let fixture = try Fixture()
        let hash = [UInt8](repeating: 7, count: 32)
        let created = try fixture.database.transaction {
            try $0.sessions.create(tenantId: fixture.tenants[0].id, userId: fixture.users[0].id, tokenHash: hash,
                                   createdAt: Self.t0, expiresAt: Self.t0.addingTimeInterval(3600), clientAddress: "192.0.2.1")
        }
        #expect(created.lastSeenAt == Self.t0 && created.createdAt == Self.t0 && created.revokedAt == nil)
        let found = try #require(try fixture.database.read { try $0.sessions.find(tokenHash: hash) })
        #expect(found.session == created)
        #expect(found.tokenHash == hash)
        #expect(found.role == .admin)
        #expect(found.subscription == Subscription(plan: .pro))
        #expect(try fixture.database.read { try $0.sessions.find(tokenHash: [UInt8](repeating: 8, count: 32)) } == nil)
    }

    @Test func sessionOfAUserOfAnotherTenantIsRefusedByTheSchema() throws {
        let fixture = try Fixture()
        #expect(throws: StorageError.self) {
            try fixture.database.transaction {
                try $0.sessions.create(tenantId: fixture.tenants[1].id, userId: fixture.users[0].id,
                                       tokenHash: [1, 2, 3], createdAt: Self.t0, expiresAt: Self.t0, clientAddress: nil)
            }
        }
    }

    @Test func sessionTouchIsTenantScopedAndWritesOncePerInterval() throws {
        let fixture = try Fixture()
        let hash = [UInt8](repeating: 9, count: 32)
        let session = try fixture.database.transaction {
            try $0.sessions.create(tenantId: fixture.tenants[0].id, userId: fixture.users[0].id, tokenHash: hash,
                                   createdAt: Self.t0, expiresAt: Self.t0.addingTimeInterval(3600), clientAddress: nil)
        }
        let later = Self.t0.addingTimeInterval(120)
        #expect(try !fixture.database.transaction {
            try $0.sessions.touch(tenantId: fixture.tenants[1].id, id: session.id, now: later, unlessSeenAfter: later.addingTimeInterval(-60))
        })
        #expect(try fixture.database.transaction {
            try $0.sessions.touch(tenantId: fixture.tenants[0].id, id: session.id, now: later, unlessSeenAfter: later.addingTimeInterval(-60))
        })
        #expect(try !fixture.database.transaction {
            try $0.sessions.touch(tenantId: fixture.tenants[0].id, id: session.id, now: later.addingTimeInterval(30),
                                  unlessSeenAfter: later.addingTimeInterval(-30))
        })
        #expect(try fixture.database.read { try $0.sessions.find(tokenHash: hash) }?.session.lastSeenAt == later)
    }

    @Test func sessionRevokeAndPurge() throws {
        let fixture = try Fixture()
        func create(_ byte: UInt8, expiresIn: TimeInterval) throws -> Session {
            try fixture.database.transaction {
                try $0.sessions.create(tenantId: fixture.tenants[0].id, userId: fixture.users[0].id,
                                       tokenHash: [UInt8](repeating: byte, count: 32), createdAt: Self.t0,
                                       expiresAt: Self.t0.addingTimeInterval(expiresIn), clientAddress: nil)
            }
        }
        _ = try create(1, expiresIn: 3600)
        _ = try create(2, expiresIn: 60)
        _ = try create(3, expiresIn: 3600)
        #expect(try fixture.database.transaction { try $0.sessions.revoke(tokenHash: [UInt8](repeating: 3, count: 32), at: Self.t0) })
        #expect(try !fixture.database.transaction { try $0.sessions.revoke(tokenHash: [UInt8](repeating: 3, count: 32), at: Self.t0) })
        // At t0 + 120 s: 2 has expired and 3 is revoked; 1 is idle only if last seen before the cut-off.
        let now = Self.t0.addingTimeInterval(120)
        #expect(try fixture.database.transaction { try $0.sessions.purge(now: now, idleBefore: Self.t0.addingTimeInterval(-1)) } == 2)
        #expect(try fixture.database.read { try $0.sessions.find(tokenHash: [UInt8](repeating: 1, count: 32)) } != nil)
        #expect(try fixture.database.transaction { try $0.sessions.purge(now: now, idleBefore: Self.t0) } == 1)
    }

    @Test func apiKeyRevokeListAndTouchAreTenantScoped() throws {
        let fixture = try Fixture()
        let hash = [UInt8](repeating: 5, count: 32)
        let key = try fixture.database.transaction {
            try $0.apiKeys.create(tenantId: fixture.tenants[0].id, name: "k", prefix: "sk_abcdef", keyHash: hash)
        }
        #expect(key.lastUsedAt == nil)
        let found = try #require(try fixture.database.read { try $0.apiKeys.lookup(keyHash: hash) })
        #expect(found.apiKey == key && found.keyHash == hash && found.subscription == Subscription(plan: .pro))

        #expect(try fixture.database.read { try $0.apiKeys.list(tenantId: fixture.tenants[1].id) }.isEmpty)
        #expect(try fixture.database.read { try $0.apiKeys.list(tenantId: fixture.tenants[0].id) } == [key])
        #expect(try !fixture.database.transaction {
            try $0.apiKeys.touch(tenantId: fixture.tenants[1].id, id: key.id, now: Self.t0, unlessUsedAfter: Self.t0)
        })
        #expect(try fixture.database.transaction {
            try $0.apiKeys.touch(tenantId: fixture.tenants[0].id, id: key.id, now: Self.t0,
                                 unlessUsedAfter: Self.t0.addingTimeInterval(-60))
        })
        #expect(try !fixture.database.transaction {
            try $0.apiKeys.touch(tenantId: fixture.tenants[0].id, id: key.id, now: Self.t0.addingTimeInterval(10),
                                 unlessUsedAfter: Self.t0.addingTimeInterval(-50))
        })
        #expect(try fixture.database.read { try $0.apiKeys.find(keyHash: hash) }?.lastUsedAt == Self.t0)

        #expect(try !fixture.database.transaction { try $0.apiKeys.revoke(tenantId: fixture.tenants[1].id, id: key.id, at: Self.t0) })
        #expect(try fixture.database.transaction { try $0.apiKeys.revoke(tenantId: fixture.tenants[0].id, id: key.id, at: Self.t0) })
        #expect(try fixture.database.read { try $0.apiKeys.lookup(keyHash: hash) } == nil)
        #expect(try fixture.database.read { try $0.apiKeys.list(tenantId: fixture.tenants[0].id) }.first?.revokedAt == Self.t0)
    }

    @Test func userIsFoundOnlyWithinItsTenant() throws {
        let fixture = try Fixture()
        #expect(try fixture.database.read { try $0.users.find(tenantId: fixture.tenants[0].id, id: fixture.users[0].id) }
                == fixture.users[0])
        #expect(try fixture.database.read { try $0.users.find(tenantId: fixture.tenants[1].id, id: fixture.users[0].id) }
                == nil)
    }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [any Error] = []
    func append(_ error: any Error) { lock.withLock { stored.append(error) } }
    var values: [any Error] { lock.withLock { stored } }
}
