/// How the database stands against the migration files.
public struct MigrationStatus: Sendable, Equatable {
    /// Versions present as files but not applied.
    public let pending: [Int]
    /// Applied versions whose file has changed since.
    public let changed: [Int]
    /// Applied versions with no file (the database is newer than this build).
    public let unknown: [Int]

    /// Whether the schema is exactly what this build expects, or newer.
    public var isCurrent: Bool { pending.isEmpty && changed.isEmpty }
}
