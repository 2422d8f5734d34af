import Foundation
import Postgres
import Testing

/// Sends `value` as `$1::sqlType` and decodes the result back.
private func roundTrip<T: PostgresEncodable & PostgresDecodable>(
    _ value: T, as sqlType: String, on connection: PostgresConnection
) throws -> T {
    try connection.query("SELECT $1::\(sqlType)", [value])[0].decode(0, as: T.self)
}

@Suite("Encoding and decoding")
struct CodingTests {
    let connection: PostgresConnection

    init() throws {
        connection = try TestDatabase.connect()
    }

    @Test("strings, including unicode, emoji, quotes and backslashes")
    func strings() throws {
        let strings = [
            "", "hello", "héllo wörld", "emoji 🎉👩‍👩‍👧", "日本語", "quote ' and \" and \\ backslash",
            "line\nbreak\ttab", "NULL", "{not,an,array}",
        ]
        for string in strings {
            #expect(try roundTrip(string, as: "text", on: connection) == string)
            #expect(try roundTrip(string, as: "varchar", on: connection) == string)
            #expect(try connection.query("SELECT length($1::text)", [string])[0].decode(0, as: Int.self) == string.unicodeScalars.count)
        }
        let substring = "prefix-value".dropFirst(7)
        #expect(try connection.query("SELECT $1::text", [substring])[0].decode(0, as: String.self) == "value")
    }

    @Test("integers at their limits, negative and zero")
    func integers() throws {
        for value in [0, 1, -1, 42, -987_654_321, Int.min, Int.max] {
            #expect(try roundTrip(value, as: "int8", on: connection) == value)
        }
        for value in [Int32.min, -5, 0, Int32.max] {
            #expect(try roundTrip(value, as: "int4", on: connection) == value)
        }
        for value in [Int64.min, -1, Int64.max] {
            #expect(try roundTrip(value, as: "int8", on: connection) == value)
        }
        #expect(try connection.query("SELECT $1::int8 + $2::int4", [40, Int32(2)])[0].decode(0, as: Int.self) == 42)
    }

    @Test("booleans")
    func booleans() throws {
        #expect(try roundTrip(true, as: "bool", on: connection) == true)
        #expect(try roundTrip(false, as: "bool", on: connection) == false)
        #expect(try connection.query("SELECT $1::bool AND NOT $2::bool", [true, false])[0].decode(0, as: Bool.self))
    }

    @Test("doubles, including extremes and non-finite values")
    func doubles() throws {
        for value in [0.0, 1.5, -2.25, .pi, 1e300, -1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity] {
            #expect(try roundTrip(value, as: "float8", on: connection) == value)
        }
        #expect(try roundTrip(Double.nan, as: "float8", on: connection).isNaN)
        #expect(try connection.query("SELECT 12.5::numeric")[0].decode(0, as: Double.self) == 12.5)
    }

    @Test("bytea with every byte value")
    func bytea() throws {
        let bytes = [UInt8](0...255) + [UInt8](255...255) + [0, 0]
        #expect(try roundTrip(bytes, as: "bytea", on: connection) == bytes)
        #expect(try roundTrip([UInt8](), as: "bytea", on: connection) == [])
        #expect(try connection.query("SELECT length($1::bytea)", [bytes])[0].decode(0, as: Int.self) == bytes.count)
        #expect(try connection.query("SELECT '\\xdeadBEEF'::bytea")[0].decode(0, as: [UInt8].self) == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test("dates keep microseconds, before and after 1970")
    func dates() throws {
        let instants = [
            1_736_937_000.123456, 0, -0.000001, -1_000_000_000.5, 253_402_300_799.999999, -62_135_596_800,
        ]
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let decoded = try roundTrip(date, as: "timestamptz", on: connection)
            // Far from 2001 a Double cannot hold every microsecond; allow its own precision.
            let tolerance = max(0.000_000_5, abs(seconds) * 1e-15)
            #expect(abs(decoded.timeIntervalSince1970 - seconds) < tolerance, "\(seconds)")
        }
        let sent = Date(timeIntervalSince1970: 1_736_937_000.123456)
        let matches = try connection.query(
            "SELECT $1::timestamptz = '2025-01-15 10:30:00.123456+00'::timestamptz", [sent]
        )
        #expect(try matches[0].decode(0, as: Bool.self))
        let now = Date()
        #expect(try connection.query("SELECT $1::timestamptz <= now() + interval '1 minute'", [now])[0].decode(0, as: Bool.self))
    }

    @Test("timestamps from the server decode in any session time zone")
    func serverTimestamps() throws {
        let expected = Date(timeIntervalSince1970: 1_736_937_000.123456)
        let literal = "SELECT '2025-01-15 12:30:00.123456+02'::timestamptz"
        let inUTC = try connection.query(literal)[0].decode(0, as: Date.self)
        #expect(abs(inUTC.timeIntervalSince(expected)) < 0.000_000_5)
        try connection.simpleQuery("SET TIME ZONE 'Asia/Kolkata'")
        let inKolkata = try connection.query(literal)[0].decode(0, as: Date.self)
        #expect(abs(inKolkata.timeIntervalSince(expected)) < 0.000_000_5)
        try connection.simpleQuery("SET TIME ZONE 'UTC'")
        let plain = try connection.query("SELECT '2025-01-15 10:30:00'::timestamp, '2025-01-15'::date")[0]
        #expect(try plain.decode(0, as: Date.self) == Date(timeIntervalSince1970: 1_736_937_000))
        #expect(try plain.decode(1, as: Date.self) == Date(timeIntervalSince1970: 1_736_899_200))
        let infinite = try connection.query("SELECT 'infinity'::timestamptz, '-infinity'::timestamptz")[0]
        #expect(try infinite.decode(0, as: Date.self) == .distantFuture)
        #expect(try infinite.decode(1, as: Date.self) == .distantPast)
    }

    @Test("UUIDs")
    func uuids() throws {
        let uuid = UUID()
        #expect(try roundTrip(uuid, as: "uuid", on: connection) == uuid)
        let text = try connection.query("SELECT $1::uuid::text", [uuid])[0].decode(0, as: String.self)
        #expect(text == uuid.uuidString.lowercased())
    }

    @Test("nil is sent as a typed NULL and NULL decodes to nil")
    func nulls() throws {
        let row = try connection.query(
            "SELECT $1::text, $2::int8, $3::int4, $4::bool, $5::float8, $6::bytea, $7::timestamptz, $8::uuid, $9::jsonb, $10::text[]",
            [String?.none, Int?.none, Int32?.none, Bool?.none, Double?.none, [UInt8]?.none, Date?.none, UUID?.none,
             PostgresJSON?.none, [String]?.none]
        )[0]
        for column in 0..<10 {
            #expect(try row.isNull(column))
        }
        #expect(try row.decode(0, as: String?.self) == nil)
        #expect(try row.decode(1, as: Int?.self) == nil)
        #expect(try row.decode(5, as: [UInt8]?.self) == nil)
        #expect(try row.decode(6, as: Date?.self) == nil)
        #expect(try row.decode(9, as: [String]?.self) == nil)
        let present: Int? = 7
        #expect(try roundTrip(present, as: "int8", on: connection) == 7)
        #expect(try connection.query("SELECT $1::text IS NULL", [String?.none])[0].decode(0, as: Bool.self))
    }

    @Test("JSON is sent as jsonb and read back as text")
    func json() throws {
        let document = #"{"event": "message.created", "text": "é \"quoted\" 🎉", "n": [1, 2.5, null]}"#
        let json = PostgresJSON(document)
        #expect(try connection.query("SELECT $1 ->> 'text'", [json])[0].decode(0, as: String.self) == "é \"quoted\" 🎉")
        #expect(try connection.query("SELECT $1::text::json", [document])[0].decode(0, as: PostgresJSON.self) == json)
        let normalized = try roundTrip(PostgresJSON(bytes: Array(#"{ "b":1,"a" :2 }"#.utf8)), as: "jsonb", on: connection)
        #expect(normalized.text == #"{"a": 2, "b": 1}"#)
        #expect(normalized.bytes == Array(normalized.text.utf8))
        #expect(#expect(throws: PostgresError.self) { try roundTrip(PostgresJSON("{oops"), as: "jsonb", on: connection) }?.sqlState == "22P02")
    }

    @Test("text arrays with quotes, backslashes, commas, braces and NULL-looking strings")
    func stringArrays() throws {
        let strings = [
            "plain", "", "with space", " padded ", "comma,here", "quote\"s", "back\\slash", "{braces}", "NULL", "null",
            "🎉", "tab\tnew\nline", "'single'", "\\\"",
        ]
        #expect(try roundTrip(strings, as: "text[]", on: connection) == strings)
        #expect(try roundTrip([String](), as: "text[]", on: connection) == [])
        for (index, string) in strings.enumerated() {
            let element = try connection.query("SELECT ($1::text[])[$2]", [strings, index + 1])[0]
            #expect(try element.decode(0, as: String.self) == string)
        }
        let withNulls: [String?] = ["a", nil, "NULL", nil]
        #expect(try roundTrip(withNulls, as: "text[]", on: connection) == withNulls)
        let fromServer = try connection.query(#"SELECT ARRAY['a b', NULL, 'c"d', 'e\f', '', 'NULL']::text[]"#)[0]
        #expect(try fromServer.decode(0, as: [String?].self) == ["a b", nil, "c\"d", "e\\f", "", "NULL"])
        let error = #expect(throws: PostgresError.self) { try fromServer.decode(0, as: [String].self) }
        #expect(error?.kind == .decoding)
    }

    @Test("arrays of integers, UUIDs, booleans and doubles")
    func otherArrays() throws {
        let int64s: [Int64] = [Int64.min, -1, 0, 1, Int64.max]
        #expect(try roundTrip(int64s, as: "int8[]", on: connection) == int64s)
        #expect(try roundTrip([3, -2, 1], as: "int8[]", on: connection) == [3, -2, 1])
        #expect(try roundTrip([Int32.min, Int32.max], as: "int4[]", on: connection) == [Int32.min, Int32.max])
        let uuids = [UUID(), UUID(), UUID()]
        #expect(try roundTrip(uuids, as: "uuid[]", on: connection) == uuids)
        #expect(try roundTrip([UUID](), as: "uuid[]", on: connection) == [])
        #expect(try roundTrip([true, false], as: "bool[]", on: connection) == [true, false])
        #expect(try roundTrip([1.5, -0.25, .infinity], as: "float8[]", on: connection) == [1.5, -0.25, .infinity])
        let matched = try connection.query("SELECT $1::uuid = ANY($2)", [uuids[1], uuids])[0]
        #expect(try matched.decode(0, as: Bool.self))
        #expect(try connection.query("SELECT array_length($1, 1)", [int64s])[0].decode(0, as: Int.self) == 5)
    }

    @Test("values that cannot be decoded raise decoding errors naming the column and type")
    func decodingErrors() throws {
        let row = try connection.query("SELECT 'abc'::text AS word, NULL::int8 AS nothing")[0]
        let notAnInt = #expect(throws: PostgresError.self) { try row.decode("word", as: Int.self) }
        #expect(notAnInt?.kind == .decoding)
        #expect(notAnInt?.message.contains("\"word\"") == true)
        #expect(notAnInt?.message.contains("Int") == true)
        let null = #expect(throws: PostgresError.self) { try row.decode(1, as: Int.self) }
        #expect(null?.kind == .decoding)
        #expect(null?.message.contains("\"nothing\"") == true)
        #expect(#expect(throws: PostgresError.self) { try row.decode(2, as: String.self) }?.kind == .decoding)
        #expect(#expect(throws: PostgresError.self) { try row.decode(-1, as: String.self) }?.kind == .decoding)
        #expect(#expect(throws: PostgresError.self) { try row.decode("missing", as: String.self) }?.kind == .decoding)
        #expect(#expect(throws: PostgresError.self) { try row.isNull(5) }?.kind == .decoding)
        #expect(#expect(throws: PostgresError.self) { try row.decode(0, as: UUID.self) }?.kind == .decoding)
        #expect(#expect(throws: PostgresError.self) { try row.decode(0, as: Date.self) }?.kind == .decoding)
        #expect(#expect(throws: PostgresError.self) { try row.decode(0, as: Bool.self) }?.kind == .decoding)
        #expect(#expect(throws: PostgresError.self) { try row.decode(0, as: [UInt8].self) }?.kind == .decoding)
        let big = try connection.query("SELECT 3000000000::int8")[0]
        #expect(#expect(throws: PostgresError.self) { try big.decode(0, as: Int32.self) }?.kind == .decoding)
    }

    @Test("text with a NUL character is rejected instead of truncated")
    func nulCharacter() throws {
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT $1::text", ["a\u{0}b"]) }
        #expect(error?.kind == .encoding)
        #expect(try connection.query("SELECT 1")[0].decode(0, as: Int.self) == 1)
    }
}
