import Postgres

/// Raw JSON text, sent as a `jsonb` parameter and read from `json` or `jsonb` columns: a type of the tests' own,
/// showing that a caller's type carries any PostgreSQL type through the public coding protocols.
///
/// The text is passed through unchanged; the server validates it.
struct PostgresJSON: Sendable, Hashable, PostgresEncodable, PostgresDecodable {
    /// The JSON document as text.
    var text: String

    /// Wraps JSON text.
    init(_ text: String) {
        self.text = text
    }

    /// Wraps UTF-8 encoded JSON bytes, such as the `Data` from `JSONEncoder`.
    init<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    /// The JSON document as UTF-8 bytes, ready for `JSONDecoder`.
    var bytes: [UInt8] { Array(text.utf8) }

    /// `jsonb`
    static var postgresDataType: PostgresDataType? { .jsonb }

    /// The JSON text.
    var postgresParameter: PostgresParameter { .text(text) }

    /// The column's JSON text as the server returned it.
    init?(postgresText text: String) {
        self.text = text
    }
}
