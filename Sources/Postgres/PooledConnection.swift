/// A connection owned by a ``PostgresPool``.
///
/// `@unchecked Sendable` because the pool moves connections between threads: a connection
/// is either idle in the pool's mutex-protected state or leased to exactly one thread, and
/// every hand-over passes through that mutex, which orders the threads' accesses.
final class PooledConnection: @unchecked Sendable {
    let connection: PostgresConnection

    init(_ connection: PostgresConnection) {
        self.connection = connection
    }
}
