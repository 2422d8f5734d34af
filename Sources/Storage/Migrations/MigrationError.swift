/// Why migrations could not be loaded or applied.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// The migrations folder could not be read.
    case unreadableDirectory(String)
    /// A file in the folder is not named `NNNN_name.sql`.
    case invalidFileName(String)
    /// Two files share a version number.
    case duplicateVersion(Int)
    /// A migration that was already applied has been edited since.
    case checksumMismatch(version: Int, name: String)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path): "cannot read the migrations folder \(path)"
        case .invalidFileName(let name): "migration file \(name) is not named NNNN_name.sql"
        case .duplicateVersion(let version): "two migration files have version \(version)"
        case .checksumMismatch(let version, let name):
            "migration \(version)_\(name) was changed after it was applied; add a new migration instead"
        }
    }
}
