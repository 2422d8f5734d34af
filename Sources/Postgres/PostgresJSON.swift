/// Raw JSON text, sent as a `jsonb` parameter and read from `json` or `jsonb` columns.
///
/// The text is passed through unchanged; the server validates it.
public struct PostgresJSON: Sendable, Hashable, PostgresEncodable, PostgresDecodable {
    /// The JSON document as text.
    public var text: String

    /// Wraps JSON text.
    public init(_ text: String) {
        self.text = text
    }

    /// Wraps UTF-8 encoded JSON bytes, such as the `Data` from `JSONEncoder`.
    public init<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    /// The JSON document as UTF-8 bytes, ready for `JSONDecoder`.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// `jsonb`
    public static var postgresDataType: PostgresDataType? { .jsonb }

    /// The JSON text.
    public var postgresParameter: PostgresParameter { .text(text) }

    /// The column's JSON text as the server returned it.
    public init?(postgresText text: String) {
        self.text = text
    }
}
