import Foundation
import Postgres
import Storage
import Testing
import TestSupport

@Suite struct MigrationRunnerTests {
    @Test func fileNamesMustBeFourDigitsAndALowercaseName() {
        #expect(Migration.parseFileName("0001_initial_schema.sql")! == (1, "initial_schema"))
        #expect(Migration.parseFileName("0012_add_index.sql")! == (12, "add_index"))
        for bad in ["1_x.sql", "0001-x.sql", "0001_.sql", "0001_X.sql", "0000_zero.sql", "0001_x.txt", "abcd_x.sql"] {
            #expect(Migration.parseFileName(bad) == nil, "\(bad)")
        }
    }

    @Test func duplicateVersionsAreRefused() {
        #expect(throws: MigrationError.duplicateVersion(1)) {
            try MigrationRunner(migrations: [Migration(version: 1, name: "a", sql: "SELECT 1"),
                                             Migration(version: 1, name: "b", sql: "SELECT 2")])
        }
    }

    @Test func projectMigrationsApplyOnceAndSecondRunIsANoOp() throws {
        let database = try TestDatabase.create()
        let connection = try PostgresConnection(url: database.url)
        let runner = try MigrationRunner.load(directory: TestPaths.migrations)
        #expect(!runner.migrations.isEmpty)

        #expect(try runner.status(on: connection).pending == runner.migrations.map(\.version))
        #expect(try runner.apply(on: connection) == runner.migrations.map(\.version))
        #expect(try runner.apply(on: connection) == [])
        #expect(try runner.status(on: connection).isCurrent)

        let tables = try connection.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
        ).map { try $0.decode(0, as: String.self) }
        for table in ["api_keys", "chatbots", "deliveries", "delivery_attempts", "events", "schema_migrations",
                      "sessions", "subscriptions", "tenants", "users", "webhooks"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let recorded = try connection.query("SELECT version, length(checksum) FROM schema_migrations ORDER BY version")
        #expect(try recorded.map { try $0.decode(1, as: Int.self) }.allSatisfy { $0 == 64 })
    }

    @Test func changedAppliedMigrationIsRefused() throws {
        let database = try TestDatabase.create()
        let connection = try PostgresConnection(url: database.url)
        let original = try MigrationRunner(migrations: [Migration(version: 1, name: "one", sql: "CREATE TABLE one (x int)")])
        try original.apply(on: connection)

        let edited = try MigrationRunner(migrations: [
            Migration(version: 1, name: "one", sql: "CREATE TABLE one (x bigint)"),
            Migration(version: 2, name: "two", sql: "CREATE TABLE two (x int)"),
        ])
        #expect(try edited.status(on: connection).changed == [1])
        #expect(throws: MigrationError.checksumMismatch(version: 1, name: "one")) { try edited.apply(on: connection) }
        // Nothing after the refused file was applied.
        #expect(try connection.query("SELECT to_regclass('two') IS NULL").first?.decode(0, as: Bool.self) == true)
    }

    @Test func failingMigrationRollsBackWhollyAndIsNotRecorded() throws {
        let database = try TestDatabase.create()
        let connection = try PostgresConnection(url: database.url)
        let runner = try MigrationRunner(migrations: [
            Migration(version: 1, name: "good", sql: "CREATE TABLE good (x int)"),
            Migration(version: 2, name: "bad", sql: "CREATE TABLE half (x int); SELECT no_such_function();"),
        ])
        #expect(throws: PostgresError.self) { try runner.apply(on: connection) }
        let status = try runner.status(on: connection)
        #expect(status.pending == [2])
        #expect(try connection.query("SELECT to_regclass('half') IS NULL").first?.decode(0, as: Bool.self) == true)
        #expect(try connection.query("SELECT to_regclass('good') IS NOT NULL").first?.decode(0, as: Bool.self) == true)
    }

    @Test func concurrentRunnersApplyEachMigrationExactlyOnce() throws {
        let database = try TestDatabase.create()
        let runner = try MigrationRunner.load(directory: TestPaths.migrations)
        let results = ResultBox()
        let group = DispatchGroup()
        for _ in 0..<3 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let connection = try PostgresConnection(url: database.url)
                    results.append(.success(try runner.apply(on: connection)))
                } catch {
                    results.append(.failure(error))
                }
            }
        }
        group.wait()
        let applied = try results.values.map { try $0.get() }
        #expect(applied.flatMap { $0 }.sorted() == runner.migrations.map(\.version))
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<[Int], any Error>] = []
    func append(_ value: Result<[Int], any Error>) { lock.withLock { stored.append(value) } }
    var values: [Result<[Int], any Error>] { lock.withLock { stored } }
}
