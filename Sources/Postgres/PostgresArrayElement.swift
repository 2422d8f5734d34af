#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// An element type whose Swift arrays can be sent as parameters and read from columns:
/// as a one-dimensional PostgreSQL array, or, for `[UInt8]`, as `bytea`.
public protocol PostgresArrayElement {
    /// The PostgreSQL type of an array of this element (`text[]` for `String`, ...).
    static var postgresArrayDataType: PostgresDataType? { get }

    /// Encodes an array of elements as one parameter.
    static func postgresArrayParameter(_ elements: [Self]) -> PostgresParameter

    /// Decodes an array of elements from a column's text value, or returns `nil` when
    /// the text is malformed or holds an element this type cannot represent.
    static func postgresArray(fromText text: String) -> [Self]?
}

extension PostgresArrayElement where Self: PostgresEncodable & PostgresDecodable {
    /// Encodes the elements as an array literal with every element quoted, e.g. `{"a","b\"c",NULL}`.
    public static func postgresArrayParameter(_ elements: [Self]) -> PostgresParameter {
        .text(PostgresArrayLiteral.format(elements.map(\.postgresParameter)))
    }

    /// Parses a one-dimensional array literal, then decodes each element with
    /// ``PostgresDecodable/init(postgresText:)``; an unquoted `NULL` element needs an
    /// element type that can represent NULL, such as `String?`.
    public static func postgresArray(fromText text: String) -> [Self]? {
        guard let items = PostgresArrayLiteral.parse(text) else { return nil }
        var elements: [Self] = []
        elements.reserveCapacity(items.count)
        for item in items {
            let element: Self? = if let item { Self(postgresText: item) } else { Self.postgresNull }
            guard let element else { return nil }
            elements.append(element)
        }
        return elements
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// The element type's array type.
    public static var postgresDataType: PostgresDataType? { Element.postgresArrayDataType }
    /// The elements, encoded by the element type.
    public var postgresParameter: PostgresParameter { Element.postgresArrayParameter(self) }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// The elements, decoded by the element type.
    public init?(postgresText text: String) {
        guard let elements = Element.postgresArray(fromText: text) else { return nil }
        self = elements
    }
}

extension UInt8: PostgresArrayElement {
    /// `bytea`
    public static var postgresArrayDataType: PostgresDataType? { .bytea }

    /// The bytes, sent in binary format.
    public static func postgresArrayParameter(_ elements: [UInt8]) -> PostgresParameter {
        .binary(elements)
    }

    /// Decodes `bytea` output in hex format (`\x0aff...`).
    public static func postgresArray(fromText text: String) -> [UInt8]? {
        PostgresBytea.decode(text)
    }
}

extension String: PostgresArrayElement {
    /// `text[]`
    public static var postgresArrayDataType: PostgresDataType? { .textArray }
}

extension Int: PostgresArrayElement {
    /// `int8[]`
    public static var postgresArrayDataType: PostgresDataType? { .int8Array }
}

extension Int32: PostgresArrayElement {
    /// `int4[]`
    public static var postgresArrayDataType: PostgresDataType? { .int4Array }
}

extension Int64: PostgresArrayElement {
    /// `int8[]`
    public static var postgresArrayDataType: PostgresDataType? { .int8Array }
}

extension Bool: PostgresArrayElement {
    /// `bool[]`
    public static var postgresArrayDataType: PostgresDataType? { .boolArray }
}

extension Double: PostgresArrayElement {
    /// `float8[]`
    public static var postgresArrayDataType: PostgresDataType? { .float8Array }
}

extension UUID: PostgresArrayElement {
    /// `uuid[]`
    public static var postgresArrayDataType: PostgresDataType? { .uuidArray }
}

extension Optional: PostgresArrayElement
where Wrapped: PostgresArrayElement & PostgresEncodable & PostgresDecodable {
    /// The wrapped element type's array type; `nil` elements are sent as NULL.
    public static var postgresArrayDataType: PostgresDataType? { Wrapped.postgresArrayDataType }
}
