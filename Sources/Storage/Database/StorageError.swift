import Postgres

/// Why a storage operation failed, in terms the layers above can act on.
public enum StorageError: Error, CustomStringConvertible {
    /// A uniqueness rule was broken; `constraint` names it.
    case conflict(constraint: String)
    /// A referenced row does not exist (or belongs to another tenant).
    case missingReference(constraint: String)
    /// The database cannot be reached or no connection was free in time; worth retrying later.
    case unavailable(String)
    /// A stored value could not be read back.
    case corrupt(String)
    /// Anything else the database reported.
    case database(String)

    public var description: String {
        switch self {
        case .conflict(let constraint): "conflict on \(constraint)"
        case .missingReference(let constraint): "missing reference for \(constraint)"
        case .unavailable(let message): "database unavailable: \(message)"
        case .corrupt(let message): "stored value unreadable: \(message)"
        case .database(let message): "database error: \(message)"
        }
    }

    /// Maps a libpq-level error to what callers can act on.
    init(_ error: PostgresError) {
        if error.isUniqueViolation {
            self = .conflict(constraint: error.constraint ?? "unique")
        } else if error.isForeignKeyViolation {
            self = .missingReference(constraint: error.constraint ?? "foreign key")
        } else {
            switch error.kind {
            case .connection, .poolTimeout, .poolClosed: self = .unavailable(error.message)
            case .decoding: self = .corrupt(error.message)
            default: self = error.isConnectionLost ? .unavailable(error.message) : .database(error.description)
            }
        }
    }

    /// Runs `body`, translating any `PostgresError` it throws.
    static func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw StorageError(error)
        }
    }
}
