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
        guard let value = Self.parseHyphenated(text) else { return nil }
        self = value
    }

    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` byte by byte (Foundation's parser goes through `sscanf` on
    /// Linux, which showed in profiles of list queries).
    private static func parseHyphenated(_ text: String) -> UUID? {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { output -> Bool in
            var utf8 = text.utf8.makeIterator()
            var count = 0
            for index in 0..<36 {
                guard let character = utf8.next() else { return false }
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard character == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard let nibble = hexValue(character) else { return false }
                if count % 2 == 0 { output[count / 2] = nibble << 4 } else { output[count / 2] |= nibble }
                count += 1
            }
            return utf8.next() == nil
        }
        return parsed ? UUID(uuid: bytes) : nil
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
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
