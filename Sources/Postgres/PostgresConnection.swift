internal import CLibPQ

/// A blocking connection to a PostgreSQL server.
///
/// A connection is not thread-safe and not `Sendable`: one thread uses it at a time. Every
/// call blocks until the server answers. Statements with parameters are prepared once per
/// connection and SQL text, then re-executed. Sessions run with `TimeZone` UTC,
/// `client_encoding` UTF8, `DateStyle` ISO, `bytea_output` hex and `jit` off (statements here are
/// short, and a plan whose estimated cost crosses `jit_above_cost` would spend hundreds of milliseconds compiling).
/// Server notices are discarded.
public final class PostgresConnection {
    /// The libpq connection; `nil` once closed.
    private(set) var handle: OpaquePointer?
    private var statements = PostgresStatementCache()
    /// Numbers savepoints so nested transactions get distinct names.
    var savepointCounter = 0

    /// Connects and configures the session.
    ///
    /// - Parameter url: A `postgresql://` URI or a `key=value` connection string, as libpq
    ///   accepts them (for example with `connect_timeout=5`).
    /// - Throws: ``PostgresError`` of kind `.connection` when the server cannot be reached
    ///   or rejects the login.
    public init(url: String) throws {
        guard let handle = PQconnectdb(url) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(handle), fallback: "connection failed")
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: message)
        }
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.handle = handle
        try simpleQuery(
            "SET client_encoding TO 'UTF8'; SET TIME ZONE 'UTC'; SET DateStyle TO 'ISO, MDY'; SET bytea_output TO 'hex'; SET jit TO off"
        )
    }

    deinit {
        close()
    }

    /// Whether the connection is open and libpq considers it healthy. A connection the
    /// server dropped is only noticed by the next call that talks to the server.
    public var isConnected: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK && transactionStatus != PQTRANS_UNKNOWN
    }

    /// The process ID of the server backend serving this connection, or `nil` once closed.
    public var backendPID: Int32? {
        handle.map { PQbackendPID($0) }
    }

    /// Runs one statement with `$1`, `$2`, ... bound to `parameters` and returns its rows.
    ///
    /// - Throws: ``PostgresError``; kind `.query` with ``PostgresError/sqlState`` when the
    ///   server rejects the statement, `.connection` when the connection is lost or closed.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> PostgresRows {
        let handle = try openHandle()
        let buffer = try PostgresParameterBuffer(parameters)
        let key = PostgresStatementCache.Key(sql: sql, parameterTypes: buffer.types)
        if let name = statements.name(for: key) {
            do {
                return try consume(buffer.executePrepared(name: name, on: handle), handle)
            } catch let error as PostgresError where error.sqlState == "0A000" || error.sqlState == "26000" {
                // "cached plan must not change result type" after a schema change, or the
                // statement was deallocated behind our back: prepare it afresh. Inside a
                // transaction the error has aborted it, so only forget the statement.
                _ = statements.remove(key)
                guard transactionStatus == PQTRANS_IDLE else { throw error }
                try? simpleQuery("DEALLOCATE \(name)")
            }
        }
        if statements.isFull {
            try simpleQuery("DEALLOCATE ALL")
            statements.removeAll()
        }
        let name = statements.makeName()
        _ = try consume(buffer.prepare(name: name, sql: sql, on: handle), handle)
        statements.insert(key, name: name)
        return try consume(buffer.executePrepared(name: name, on: handle), handle)
    }

    /// Runs one statement like ``query(_:_:)`` and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try query(sql, parameters).affectedRows
    }

    /// Runs SQL text without parameters through the simple query protocol; it may hold
    /// several statements separated by semicolons, as migrations do.
    ///
    /// - Throws: ``PostgresError`` for the first statement that fails.
    public func simpleQuery(_ sql: String) throws {
        let handle = try openHandle()
        _ = try consume(PQexec(handle, sql), handle)
    }

    /// Closes the connection. Further calls throw errors of kind `.connection`; closing
    /// again does nothing.
    public func close() {
        statements.removeAll()
        guard let handle else { return }
        self.handle = nil
        PQfinish(handle)
    }

    /// The libpq handle, or an error when the connection is closed.
    func openHandle() throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(kind: .connection, message: "the connection is closed")
        }
        return handle
    }

    /// libpq's transaction status; unknown once closed.
    var transactionStatus: PGTransactionStatusType {
        handle.map { PQtransactionStatus($0) } ?? PQTRANS_UNKNOWN
    }

    /// Whether the connection is idle outside any transaction.
    var isIdle: Bool { transactionStatus == PQTRANS_IDLE }

    /// Turns a result from libpq into rows, or into the error it reports.
    private func consume(_ result: OpaquePointer?, _ handle: OpaquePointer) throws -> PostgresRows {
        guard let result else { throw connectionError(handle) }
        let owned = PostgresResult(result)
        switch owned.status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return owned.rows()
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            close()
            throw PostgresError(kind: .protocol, message: "COPY is not supported; the connection was closed")
        default:
            throw owned.error(connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
    }

    /// The connection's current error as a `.connection` error.
    func connectionError(_ handle: OpaquePointer) -> PostgresError {
        PostgresError(kind: .connection, message: Self.trimmed(PQerrorMessage(handle), fallback: "connection lost"))
    }

    /// A libpq message without its trailing newline, or `fallback` when there is none.
    static func trimmed(_ message: UnsafePointer<CChar>?, fallback: String) -> String {
        var text = message.map { String(cString: $0) } ?? ""
        while text.last?.isWhitespace == true { text.removeLast() }
        return text.isEmpty ? fallback : text
    }
}
