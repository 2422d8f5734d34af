import Foundation
import Postgres
import Storage
import Tenancy
import TestSupport
import WebhookCore

/// A fresh database with one tenant and its owner, and an authenticator over it with its own KDF gate (so tests
/// running in parallel do not refuse each other's logins).
struct AuthFixture {
    static let ownerEmail = "Owner@Acme.example"
    static let ownerPassword = "correct horse battery"
    static let otherPassword = "another long password"
    /// A fixed clock; every test moves it by hand.
    static let t0 = Date(timeIntervalSince1970: 1_900_000_000)

    let testDatabase: TestDatabase
    let database: Database
    let provisioning: Provisioning
    let authenticator: Authenticator
    let tenant: Tenant
    let owner: User

    init(plan: Plan = .scale, policy: AuthPolicy = .standard) throws {
        testDatabase = try TestDatabase.migrated()
        database = try testDatabase.open()
        provisioning = Provisioning(database: database)
        authenticator = Authenticator(database: database, policy: policy,
                                      kdfGate: KDFGate(concurrency: 2, waitingLimit: 64, maximumWait: 120))
        (tenant, owner) = try provisioning.createTenant(name: "Acme", subscription: Subscription(plan: plan),
                                                        ownerEmail: Self.ownerEmail, ownerPassword: Self.ownerPassword)
    }

    /// Logs the owner in from `address` at `now`.
    func loginOwner(address: String = "198.51.100.7", now: Date = AuthFixture.t0) throws -> LoginResult {
        try authenticator.login(email: Self.ownerEmail, password: Self.ownerPassword, clientAddress: address, now: now)
    }

    /// Runs one statement directly, for looking at what is stored.
    func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> PostgresRows {
        let connection = try PostgresConnection(url: testDatabase.url)
        defer { connection.close() }
        return try connection.query(sql, parameters)
    }
}

/// `body`'s error as a ``TenancyError``, or `nil` when it threw nothing or something else.
func tenancyError(_ body: () throws -> Void) -> TenancyError? {
    do {
        try body()
        return nil
    } catch {
        return error as? TenancyError
    }
}
