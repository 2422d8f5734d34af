/// A statement parameter in one of PostgreSQL's wire formats.
public enum PostgresParameter: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// The value's text representation, as accepted by the type's input function.
    /// It must not contain NUL characters.
    case text(String)
    /// The value in the type's binary format; only valid when the parameter's
    /// ``PostgresEncodable/postgresDataType`` names the type.
    case binary([UInt8])
}
