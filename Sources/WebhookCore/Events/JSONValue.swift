/// A parsed JSON value, as the event catalogue needs it: enough to walk a `data` payload or a schema.
///
/// Built only from the output of `JSONCanonicalizer`, so the input has already passed the strict parser (RFC 8259,
/// safe integers, depth limit, valid UTF-8) and is compact: no whitespace, duplicate keys merged, strings escaped
/// only as `JSON.stringify` escapes them. Parsing that form cannot meet anything the strict parser refused.
///
/// Public because payload formats (`ChatMessage`) take an event's `data` as a value tree.
public enum JSONValue: Equatable, Sendable {
    /// An object, its members in document order.
    case object([Member])
    /// An array.
    case array([JSONValue])
    /// A string.
    case string(String)
    /// A number, as the double JSON.parse reads.
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// One object member, in document order.
    public struct Member: Equatable, Sendable {
        /// The member's name.
        public let key: String
        /// The member's value.
        public let value: JSONValue

        /// A member named `key` with `value`.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Parses `json` strictly (through `JSONCanonicalizer`) into a value tree.
    public static func parse(_ json: [UInt8]) throws(JSONDataError) -> JSONValue {
        JSONValue(canonical: try JSONCanonicalizer.canonicalize(json))
    }

    /// Reads the output of `JSONCanonicalizer` (and only that: other text is not checked).
    public init(canonical: [UInt8]) {
        var reader = CanonicalReader(bytes: canonical)
        self = reader.value()
    }

    /// The value of member `key` when this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The JSON Schema type names this value is an instance of (`integer` values are also `number`s).
    var schemaTypes: Set<String> {
        switch self {
        case .object: ["object"]
        case .array: ["array"]
        case .string: ["string"]
        case .number(let value): value.rounded(.towardZero) == value ? ["number", "integer"] : ["number"]
        case .bool: ["boolean"]
        case .null: ["null"]
        }
    }

    /// The most specific JSON Schema type name of this value, for messages.
    var schemaTypeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number(let value): value.rounded(.towardZero) == value ? "integer" : "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}

/// Reads the compact, already-validated output of `JSONCanonicalizer`.
private struct CanonicalReader {
    let bytes: [UInt8]
    var index = 0

    mutating func value() -> JSONValue {
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [JSONValue.Member] = []
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                let key = string()
                index += 1 // ':'
                members.append(JSONValue.Member(key: key, value: value()))
                let separator = bytes[index]
                index += 1
                if separator == UInt8(ascii: "}") { return .object(members) }
            }
        case UInt8(ascii: "["):
            index += 1
            var elements: [JSONValue] = []
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            while true {
                elements.append(value())
                let separator = bytes[index]
                index += 1
                if separator == UInt8(ascii: "]") { return .array(elements) }
            }
        case UInt8(ascii: "\""): return .string(string())
        case UInt8(ascii: "t"): index += 4; return .bool(true)
        case UInt8(ascii: "f"): index += 5; return .bool(false)
        case UInt8(ascii: "n"): index += 4; return .null
        default:
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "]"),
                  bytes[index] != UInt8(ascii: "}") { index += 1 }
            return .number(Double(String(decoding: bytes[start..<index], as: UTF8.self)) ?? 0)
        }
    }

    /// Reads a string at `index` (on its opening quote). Lone surrogates, which a Swift `String` cannot hold,
    /// become U+FFFD. Text without escapes (the usual case) is decoded in one step.
    mutating func string() -> String {
        index += 1
        let start = index
        while bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var utf8 = Array(bytes[start..<index])
        while bytes[index] != UInt8(ascii: "\"") {
            guard bytes[index] == UInt8(ascii: "\\") else {
                utf8.append(bytes[index])
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            index += 2
            let scalar: Unicode.Scalar
            switch escaped {
            case UInt8(ascii: "b"): scalar = "\u{08}"
            case UInt8(ascii: "f"): scalar = "\u{0C}"
            case UInt8(ascii: "n"): scalar = "\n"
            case UInt8(ascii: "r"): scalar = "\r"
            case UInt8(ascii: "t"): scalar = "\t"
            case UInt8(ascii: "u"):
                let unit = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) ?? 0xFFFD
                scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"
                index += 4
            default: scalar = Unicode.Scalar(escaped) // '"' and '\'
            }
            utf8.append(contentsOf: String(scalar).utf8)
        }
        index += 1
        return String(decoding: utf8, as: UTF8.self)
    }
}
