#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A Swift value that can be sent as a statement parameter (`$1`, `$2`, ...).
///
/// Values travel separately from the SQL text, so they are never interpolated into it.
public protocol PostgresEncodable {
    /// The PostgreSQL type sent with the parameter, or `nil` to let the server infer
    /// the type from the context the parameter appears in.
    static var postgresDataType: PostgresDataType? { get }

    /// The value in wire form.
    var postgresParameter: PostgresParameter { get }
}

extension String: PostgresEncodable {
    /// `nil`: the server infers the type, so a string can fill a `text`, `varchar`, enum,
    /// `json` or any other column whose input function accepts the text.
    public static var postgresDataType: PostgresDataType? { nil }
    /// The string itself, as text.
    public var postgresParameter: PostgresParameter { .text(self) }
}

extension Substring: PostgresEncodable {
    /// `nil`: the server infers the type, as for `String`.
    public static var postgresDataType: PostgresDataType? { nil }
    /// The substring, as text.
    public var postgresParameter: PostgresParameter { .text(String(self)) }
}

extension Int: PostgresEncodable {
    /// `int8`
    public static var postgresDataType: PostgresDataType? { .int8 }
    /// The decimal digits.
    public var postgresParameter: PostgresParameter { .text(String(self)) }
}

extension Int32: PostgresEncodable {
    /// `int4`
    public static var postgresDataType: PostgresDataType? { .int4 }
    /// The decimal digits.
    public var postgresParameter: PostgresParameter { .text(String(self)) }
}

extension Int64: PostgresEncodable {
    /// `int8`
    public static var postgresDataType: PostgresDataType? { .int8 }
    /// The decimal digits.
    public var postgresParameter: PostgresParameter { .text(String(self)) }
}

extension Bool: PostgresEncodable {
    /// `bool`
    public static var postgresDataType: PostgresDataType? { .bool }
    /// `t` or `f`.
    public var postgresParameter: PostgresParameter { .text(self ? "t" : "f") }
}

extension Double: PostgresEncodable {
    /// `float8`
    public static var postgresDataType: PostgresDataType? { .float8 }
    /// The shortest text that reads back as the same value, or `NaN`, `Infinity`, `-Infinity`.
    public var postgresParameter: PostgresParameter {
        if isNaN { return .text("NaN") }
        if isInfinite { return .text(self < 0 ? "-Infinity" : "Infinity") }
        return .text(description)
    }
}

extension Date: PostgresEncodable {
    /// `timestamptz`
    public static var postgresDataType: PostgresDataType? { .timestamptz }
    /// The instant in UTC with microsecond precision, e.g. `2025-01-15 10:30:00.123456+00`.
    public var postgresParameter: PostgresParameter { .text(PostgresTimestamp.format(self)) }
}

extension UUID: PostgresEncodable {
    /// `uuid`
    public static var postgresDataType: PostgresDataType? { .uuid }
    /// The canonical hyphenated form.
    public var postgresParameter: PostgresParameter { .text(uuidString) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's type, so `nil` is sent as a typed NULL.
    public static var postgresDataType: PostgresDataType? { Wrapped.postgresDataType }
    /// The wrapped value, or SQL NULL for `nil`.
    public var postgresParameter: PostgresParameter {
        switch self {
        case .some(let value): value.postgresParameter
        case .none: .null
        }
    }
}
