import Foundation
import Testing
import TestSupport

/// The `webhooksd` commands, run as a user runs them.
@Suite struct CommandLineTests {
    @Test func missingDatabaseURLStopsWithOneLineNamingIt() throws {
        let outcome = try ServiceProcess.run(["migrate"], environment: ServiceProcess.environment(databaseURL: nil))
        #expect(outcome.status != 0)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(outcome.stderr.contains("DATABASE_URL"))
    }

    @Test func malformedSettingsStopStartUpNamingTheSetting() throws {
        let cases = ["PORT": "eighty", "WEBHOOKS_MASTER_KEY": "too-short", "WEBHOOKS_ALLOW_PRIVATE_TARGETS": "maybe",
                     "LOG_LEVEL": "loud", "ADMIN_TOKEN": "short", "WEBHOOKS_HEADER_PREFIX": "X Bad", "DATABASE_POOL_SIZE": "0",
                     "WEBHOOKS_TRUSTED_PROXIES": "10.0.0.0/33", "WEBHOOKS_PUBLIC_ORIGIN": "https://x.example.com/app",
                     "WEBHOOKS_METRICS_TOKEN": "too short",
                     "WEBHOOKS_PORTAL_FRAME_ORIGINS": "https://app.example.com *"]
        for (name, value) in cases {
            let environment = ServiceProcess.environment(databaseURL: "postgresql://127.0.0.1:1/x", extra: [name: value])
            let outcome = try ServiceProcess.run(["serve"], environment: environment)
            #expect(outcome.status == 2, "\(name)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(name): \(outcome.stderr)")
            #expect(outcome.stderr.contains(name), "\(name): \(outcome.stderr)")
        }
    }

    @Test func migrateAppliesOnceThenReportsUpToDate() throws {
        let database = try TestDatabase.create()
        let environment = ServiceProcess.environment(databaseURL: database.url)
        let first = try ServiceProcess.run(["migrate"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("applied 1"))
        let second = try ServiceProcess.run(["migrate"], environment: environment)
        #expect(second.status == 0)
        #expect(second.stdout.contains("up to date"))
    }

    @Test func migrateRefusesAChangedOldFile() throws {
        let database = try TestDatabase.create()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("0001_first.sql")
        try "CREATE TABLE first (x int);".write(to: file, atomically: true, encoding: .utf8)
        let environment = ServiceProcess.environment(databaseURL: database.url,
                                                     extra: ["WEBHOOKS_MIGRATIONS_DIR": folder.path])
        #expect(try ServiceProcess.run(["migrate"], environment: environment).status == 0)
        try "CREATE TABLE first (x bigint);".write(to: file, atomically: true, encoding: .utf8)
        let refused = try ServiceProcess.run(["migrate"], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("0001") || refused.stderr.contains("1_first"))
        #expect(refused.stderr.contains("changed"))
    }

    @Test func demoPrintsTheSameCredentialsEveryTime() throws {
        let database = try TestDatabase.migrated()
        let environment = ServiceProcess.environment(databaseURL: database.url)
        let first = try ServiceProcess.run(["demo", "--json"], environment: environment)
        let second = try ServiceProcess.run(["demo", "--json"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: String])
        #expect(Set(object.keys) == ["email", "password", "tenantId", "chatbotId", "apiKey"])
        #expect(object["apiKey"]?.hasPrefix("sk_") == true)
    }

    @Test func adminCommandsCreateTenantsUsersAndSetPlans() throws {
        let database = try TestDatabase.migrated()
        let environment = ServiceProcess.environment(databaseURL: database.url)
        let created = try ServiceProcess.run(
            ["admin", "create-tenant", "--name", "Acme", "--plan", "pro", "--owner-email", "boss@acme.example",
             "--owner-password", "a long password"], environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        let tenant = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String])
        let tenantId = try #require(tenant["tenantId"])
        #expect(tenant["plan"] == "pro")

        let user = try ServiceProcess.run(
            ["admin", "create-user", "--tenant", tenantId, "--email", "reader@acme.example", "--password", "another long one",
             "--role", "member"], environment: environment)
        #expect(user.status == 0, "\(user.stderr)")
        #expect(user.stdout.contains("\"role\":\"member\""))

        let duplicate = try ServiceProcess.run(
            ["admin", "create-user", "--tenant", tenantId, "--email", "READER@acme.example", "--password", "another long one"],
            environment: environment)
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("email"))

        let addon = try ServiceProcess.run(
            ["admin", "set-plan", "--tenant", tenantId, "--plan", "pro", "--addon", "active", "--interval", "month"],
            environment: environment)
        #expect(addon.status == 0, "\(addon.stderr)")
        #expect(addon.stdout.contains("\"webhooks\":\"on\""))

        let unknown = try ServiceProcess.run(
            ["admin", "set-plan", "--tenant", UUID().uuidString, "--plan", "scale"], environment: environment)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("tenant not found"))
    }
}
