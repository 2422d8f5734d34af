import Foundation
package import Postgres

/// Applies `Migrations/NNNN_name.sql` in order, each inside a transaction, and records each with its checksum in
/// `schema_migrations`. Applying twice is a no-op; an applied file that changed is refused.
public struct MigrationRunner: Sendable {
    /// The migrations, ordered by version.
    public let migrations: [Migration]

    /// Session-level advisory lock key that serialises concurrent `migrate` runs.
    private static let lockKey: Int64 = 0x5745_4248_4f4f_4b53

    /// Creates a runner for the given migrations.
    public init(migrations: [Migration]) throws(MigrationError) {
        var seen = Set<Int>()
        for migration in migrations where !seen.insert(migration.version).inserted {
            throw MigrationError.duplicateVersion(migration.version)
        }
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Loads every `.sql` file of `directory`.
    public static func load(directory: String) throws(MigrationError) -> MigrationRunner {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError.unreadableDirectory(directory)
        }
        var migrations: [Migration] = []
        for fileName in names where fileName.hasSuffix(".sql") {
            guard let parsed = Migration.parseFileName(fileName) else { throw MigrationError.invalidFileName(fileName) }
            let path = (directory as NSString).appendingPathComponent(fileName)
            guard let sql = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw MigrationError.unreadableDirectory(path)
            }
            migrations.append(Migration(version: parsed.version, name: parsed.name, sql: sql))
        }
        return try MigrationRunner(migrations: migrations)
    }

    /// Applies every pending migration and returns the versions applied. Safe to run from several processes at
    /// once: an advisory lock makes them take turns.
    @discardableResult
    package func apply(on connection: PostgresConnection) throws -> [Int] {
        _ = try connection.query("SELECT pg_advisory_lock($1)", [Self.lockKey])
        defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
        try connection.simpleQuery(Self.createTableSQL)

        let current = try status(on: connection)
        if let version = current.changed.first, let migration = migrations.first(where: { $0.version == version }) {
            throw MigrationError.checksumMismatch(version: version, name: migration.name)
        }
        var applied: [Int] = []
        for migration in migrations where current.pending.contains(migration.version) {
            try connection.transaction { transaction in
                try transaction.simpleQuery(migration.sql)
                _ = try transaction.query(
                    """
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES ($1, $2, encode(sha256(convert_to($3, 'UTF8')), 'hex'))
                    """,
                    [migration.version, migration.name, migration.sql])
            }
            applied.append(migration.version)
        }
        return applied
    }

    /// Compares the database with the migration files, without changing anything.
    package func status(on connection: PostgresConnection) throws -> MigrationStatus {
        let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
        guard try exists.first?.decode(0, as: Bool.self) == true else {
            return MigrationStatus(pending: migrations.map(\.version), changed: [], unknown: [])
        }
        let rows = try connection.query(
            """
            SELECT m.version, m.checksum = encode(sha256(convert_to(f.sql, 'UTF8')), 'hex')
            FROM schema_migrations m
            LEFT JOIN unnest($1::int[], $2::text[]) AS f(version, sql) ON f.version = m.version
            """,
            [migrations.map { Int64($0.version) }, migrations.map(\.sql)])
        var applied: [Int: Bool?] = [:]
        for row in rows {
            applied.updateValue(try row.decode(1, as: Bool?.self), forKey: try row.decode(0, as: Int.self))
        }
        let pending = migrations.map(\.version).filter { applied[$0] == nil }
        let changed = migrations.map(\.version).filter { applied[$0] == .some(false) }
        let unknown = applied.keys.filter { key in !migrations.contains { $0.version == key } }.sorted()
        return MigrationStatus(pending: pending, changed: changed, unknown: unknown)
    }

    private static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """
}
