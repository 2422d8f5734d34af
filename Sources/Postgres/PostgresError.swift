/// An error raised by the PostgreSQL client: a failed connection, a failed statement,
/// a value that could not be encoded or decoded, or a pool that could not hand out a connection.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// The broad category of a ``PostgresError``.
    public enum Kind: Sendable, Hashable {
        /// Connecting failed, or the connection was lost or closed.
        case connection
        /// The server rejected a statement; ``PostgresError/sqlState`` tells why.
        case query
        /// A Swift value could not be turned into a statement parameter.
        case encoding
        /// A column value could not be turned into the requested Swift type.
        case decoding
        /// No pooled connection became free within the pool's acquire timeout.
        case poolTimeout
        /// The pool was closed and hands out no more connections.
        case poolClosed
        /// The server or libpq answered something this client does not handle.
        case `protocol`
    }

    /// The broad category of the failure.
    public var kind: Kind
    /// The five-character SQLSTATE code reported by the server, if any.
    public var sqlState: String?
    /// The primary, human-readable error message.
    public var message: String
    /// The server's optional secondary message with more detail.
    public var detail: String?
    /// The server's optional suggestion on how to fix the problem.
    public var hint: String?
    /// The name of the table involved, when the server reports one.
    public var table: String?
    /// The name of the violated constraint, when the server reports one.
    public var constraint: String?

    /// Creates an error from its parts.
    public init(
        kind: Kind,
        message: String,
        sqlState: String? = nil,
        detail: String? = nil,
        hint: String? = nil,
        table: String? = nil,
        constraint: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.table = table
        self.constraint = constraint
    }

    /// True for a unique constraint violation (SQLSTATE 23505).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// True for a foreign key constraint violation (SQLSTATE 23503).
    public var isForeignKeyViolation: Bool { sqlState == "23503" }

    /// True when the connection is unusable: it failed, was closed, or the server
    /// terminated it (connection exceptions, class 08, and operator intervention 57P01–57P03).
    public var isConnectionLost: Bool {
        guard kind != .connection else { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    /// A one-line description with the kind, SQLSTATE, message and server details.
    public var description: String {
        var text = "PostgresError.\(kind)"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let detail { text += " (detail: \(detail))" }
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}
