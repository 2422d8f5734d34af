import Foundation
import Postgres
import Storage

/// A fresh, empty PostgreSQL database per test, on the server named by `DATABASE_URL` (which `scripts/test`
/// provides). Tests never share a database, so they can run in parallel.
public struct TestDatabase: Sendable {
    /// The connection URL of the new database.
    public let url: String
    /// Its name.
    public let name: String

    /// Creates a new empty database.
    public static func create() throws -> TestDatabase {
        try create(sql: { "CREATE DATABASE \($0)" })
    }

    /// Creates a new database as a copy of `template`, which no connection may be open on.
    public static func copy(of template: TestDatabase) throws -> TestDatabase {
        try create(sql: { "CREATE DATABASE \($0) TEMPLATE \(template.name)" })
    }

    private static func create(sql: (String) -> String) throws -> TestDatabase {
        guard let base = ProcessInfo.processInfo.environment["DATABASE_URL"], !base.isEmpty else {
            throw TestSupportError("DATABASE_URL is not set: run the suite through scripts/test")
        }
        let name = String("t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20))
        let admin = try PostgresConnection(url: base)
        defer { admin.close() }
        try admin.simpleQuery(sql(name))
        return TestDatabase(url: Self.replacingDatabase(in: base, with: name), name: name)
    }

    /// `url` with its database name replaced.
    static func replacingDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }
}

/// A failure of the test harness itself.
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension TestDatabase {
    /// A new database with this build's migrations applied.
    public static func migrated() throws -> TestDatabase {
        let database = try create()
        let connection = try PostgresConnection(url: database.url)
        defer { connection.close() }
        try MigrationRunner.load(directory: TestPaths.migrations).apply(on: connection)
        return database
    }

    /// A storage handle on this database.
    public func open(poolSize: Int = 4) throws -> Database {
        Database(url: url, poolSize: poolSize, migrations: try MigrationRunner.load(directory: TestPaths.migrations))
    }
}

/// Runs administrative SQL on a server (creating databases and the like).
public struct PostgresAdmin {
    private let url: String

    /// Prepares to run statements against `url`.
    public init(url: String) throws {
        self.url = url
    }

    /// Runs `sql` on a fresh connection.
    public func execute(_ sql: String) throws {
        let connection = try PostgresConnection(url: url)
        defer { connection.close() }
        try connection.simpleQuery(sql)
    }
}
