/// A PostgreSQL type identified by its OID, sent along with a parameter so the server
/// knows how to read it.
public struct PostgresDataType: RawRepresentable, Hashable, Sendable {
    /// The type's OID in `pg_type`.
    public var rawValue: UInt32

    /// Creates a type from its OID.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// `bool`
    public static let bool = PostgresDataType(rawValue: 16)
    /// `bytea`
    public static let bytea = PostgresDataType(rawValue: 17)
    /// `int8` (`bigint`)
    public static let int8 = PostgresDataType(rawValue: 20)
    /// `int4` (`integer`)
    public static let int4 = PostgresDataType(rawValue: 23)
    /// `text`
    public static let text = PostgresDataType(rawValue: 25)
    /// `json`
    public static let json = PostgresDataType(rawValue: 114)
    /// `float8` (`double precision`)
    public static let float8 = PostgresDataType(rawValue: 701)
    /// `timestamptz` (`timestamp with time zone`)
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    /// `uuid`
    public static let uuid = PostgresDataType(rawValue: 2950)
    /// `jsonb`
    public static let jsonb = PostgresDataType(rawValue: 3802)
    /// `bool[]`
    public static let boolArray = PostgresDataType(rawValue: 1000)
    /// `int4[]`
    public static let int4Array = PostgresDataType(rawValue: 1007)
    /// `text[]`
    public static let textArray = PostgresDataType(rawValue: 1009)
    /// `int8[]`
    public static let int8Array = PostgresDataType(rawValue: 1016)
    /// `float8[]`
    public static let float8Array = PostgresDataType(rawValue: 1022)
    /// `uuid[]`
    public static let uuidArray = PostgresDataType(rawValue: 2951)
}
