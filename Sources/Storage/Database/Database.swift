public import Foundation
import Postgres
import Synchronization

/// The service's database: a bounded pool of libpq connections, and the migrations this build expects.
/// Every storage call goes through ``read(_:)`` or ``transaction(_:)``; libpq errors come out as ``StorageError``.
public final class Database: Sendable {
    private let pool: PostgresPool
    private let migrations: MigrationRunner
    private let poolSize: Int
    /// Set once a full check found the schema current; later checks only compare the applied count and newest
    /// version, one cheap query.
    private let verifiedCurrent = Atomic<Bool>(false)
    /// The in-process cache of hot reads; off (it never serves) unless a ``ChangeFeed`` keeps it live.
    public let readCache: ReadCache

    /// Opens a pool of at most `poolSize` connections to `url` (connections are made lazily).
    public init(url: String, poolSize: Int, migrations: MigrationRunner, acquireTimeout: Duration = .seconds(5),
                readCache: ReadCache = ReadCache(timeToLive: .zero)) {
        self.pool = PostgresPool(url: url, maxConnections: poolSize, acquireTimeout: acquireTimeout)
        self.migrations = migrations
        self.poolSize = poolSize
        self.readCache = readCache
    }

    /// Runs `body` on one connection, outside a transaction.
    public func read<T>(_ body: (DatabaseSession) throws -> T) throws -> T {
        try StorageError.translating {
            try pool.withConnection { try body(DatabaseSession(connection: $0)) }
        }
    }

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: (DatabaseSession) throws -> T) throws -> T {
        try StorageError.translating {
            try pool.transaction { try body(DatabaseSession(connection: $0)) }
        }
    }

    /// ``transaction(_:)`` for a change to `tenantId`'s data: afterwards, committed or not, this process's
    /// ``readCache`` drops the tenant's entries at once, before the change's notification comes back, so the
    /// writer reads its own write.
    public func transaction<T>(changing tenantId: UUID, _ body: (DatabaseSession) throws -> T) throws -> T {
        defer { readCache.invalidate(tenantId: tenantId) }
        return try transaction(body)
    }

    /// Tells every server that `tenantIds`' data changed (their read caches drop the tenants' entries), for
    /// changes the database's triggers leave out: the delivery counters of webhooks. Drops this process's entries
    /// at once; the notifications are sent in a statement of their own, after the change committed.
    public func announceChanges(tenantIds: Set<UUID>) throws {
        guard !tenantIds.isEmpty else { return }
        for tenantId in tenantIds { readCache.invalidate(tenantId: tenantId) }
        try StorageError.translating {
            _ = try pool.withConnection {
                try $0.execute("SELECT pg_notify($1, t::text) FROM unnest($2::uuid[]) t",
                               [ChangeFeed.channel, Array(tenantIds)])
            }
        }
    }

    /// `load`'s answer for `key`: from ``readCache`` when it holds one, else read now (and kept when found,
    /// filed under the tenant `tenantOf` names). `nil` answers are not kept.
    public func cachedRead<Value: Sendable>(_ key: ReadCache.Key, tenantOf: (Value) -> UUID,
                                            _ load: (DatabaseSession) throws -> Value?) throws -> Value? {
        if let hit = readCache.value(key, as: Value.self) { return hit }
        let ticket = readCache.ticket(for: key)
        guard let value = try read(load) else { return nil }
        readCache.store(value, for: key, tenantId: tenantOf(value), ticket: ticket)
        return value
    }

    /// Applies pending migrations; returns the versions applied.
    @discardableResult
    public func migrate() throws -> [Int] {
        try StorageError.translating {
            try pool.withConnection { try migrations.apply(on: $0) }
        }
    }

    /// How the schema stands against this build's migrations.
    public func migrationStatus() throws -> MigrationStatus {
        try StorageError.translating {
            try pool.withConnection { try migrations.status(on: $0) }
        }
    }

    /// Whether the database answers and its schema is this build's, for `/readyz`: a full check (checksums
    /// included) until it first passes, then one cheap query per call.
    public func readiness() throws -> MigrationStatus {
        if verifiedCurrent.load(ordering: .relaxed) {
            let expected = migrations.migrations.map(\.version)
            let row = try StorageError.translating {
                try pool.withConnection {
                    try $0.query("SELECT count(*), coalesce(max(version), 0) FROM schema_migrations").first
                }
            }
            if let row, try row.decode(0, as: Int.self) == expected.count,
               try row.decode(1, as: Int.self) == (expected.last ?? 0) {
                return MigrationStatus(pending: [], changed: [], unknown: [])
            }
        }
        let status = try migrationStatus()
        verifiedCurrent.store(status.isCurrent, ordering: .relaxed)
        return status
    }

    /// Connection pool figures, for metrics.
    public var poolStatistics: DatabasePoolStatistics {
        let statistics = pool.statistics
        return DatabasePoolStatistics(open: statistics.open, inUse: statistics.inUse, waiting: statistics.waiting,
                                      capacity: poolSize)
    }

    /// Closes idle connections and refuses new work.
    public func close() {
        pool.close()
    }
}

/// A snapshot of the connection pool.
public struct DatabasePoolStatistics: Sendable {
    /// Connections open.
    public let open: Int
    /// Connections lent out.
    public let inUse: Int
    /// Callers waiting for a connection.
    public let waiting: Int
    /// The most connections the pool will open.
    public let capacity: Int
}
