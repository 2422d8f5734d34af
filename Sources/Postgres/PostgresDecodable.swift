#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A Swift value that can be read from a column in PostgreSQL's text format.
public protocol PostgresDecodable {
    /// Creates a value from a column's text representation, or returns `nil` when the
    /// text is not a valid representation of this type.
    init?(postgresText text: String)

    /// The value that stands for SQL NULL, or `nil` when the type cannot represent NULL
    /// (the default), in which case decoding a NULL is an error.
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    /// `nil`: the type cannot represent SQL NULL.
    public static var postgresNull: Self? { nil }
}

extension String: PostgresDecodable {
    /// The text as it is.
    public init?(postgresText text: String) {
        self = text
    }
}

extension Int: PostgresDecodable {
    /// Decimal digits with an optional sign.
    public init?(postgresText text: String) {
        guard let value = Int(text) else { return nil }
        self = value
    }
}

extension Int32: PostgresDecodable {
    /// Decimal digits with an optional sign, in `Int32`'s range.
    public init?(postgresText text: String) {
        guard let value = Int32(text) else { return nil }
        self = value
    }
}

extension Int64: PostgresDecodable {
    /// Decimal digits with an optional sign.
    public init?(postgresText text: String) {
        guard let value = Int64(text) else { return nil }
        self = value
    }
}

extension Bool: PostgresDecodable {
    /// `t` or `f` (PostgreSQL's output), or `true` or `false`.
    public init?(postgresText text: String) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension Double: PostgresDecodable {
    /// A decimal or exponent number, `NaN`, `Infinity` or `-Infinity`.
    public init?(postgresText text: String) {
        guard let value = Double(text) else { return nil }
        self = value
    }
}

extension Date: PostgresDecodable {
    /// A `timestamptz`, `timestamp` (read as UTC) or `date` (midnight UTC) in ISO style,
    /// such as `2025-01-15 10:30:00.123456+00`; `infinity` and `-infinity` become
    /// `Date.distantFuture` and `Date.distantPast`.
    public init?(postgresText text: String) {
        guard let value = PostgresTimestamp.parse(text) else { return nil }
        self = value
    }
}

extension UUID: PostgresDecodable {
    /// The hyphenated form, in either case.
    public init?(postgresText text: String) {
        guard let value = UUID(uuidString: text) else { return nil }
        self = value
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// The wrapped type's decoding of the text.
    public init?(postgresText text: String) {
        guard let value = Wrapped(postgresText: text) else { return nil }
        self = .some(value)
    }

    /// `nil`: SQL NULL decodes to `Optional.none`.
    public static var postgresNull: Self? { .some(.none) }
}
