import Foundation
import WebhookCore

/// Every JSON answer of the API is a ``Value``, written compactly: object members in the order given (the
/// dictionary form sorts them by code point, so answers are stable), slashes and non-ASCII left as they are.
/// Hand-written because JSONSerialization's `.sortedKeys` compares keys with ICU collation, which made a
/// 20-webhook list cost about 20 ms.
enum JSON {
    /// A typed JSON value: writing it needs no dynamic casts.
    indirect enum Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
                         ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
        case null
        case bool(Bool)
        case int(Int)
        /// A number with a fraction (or beyond `Int`), as parsed from a stored document.
        case double(Double)
        case string(String)
        /// A UUID in lowercase hyphenated form.
        case uuid(UUID)
        /// An instant as ISO 8601 UTC with milliseconds.
        case date(Date)
        case array([Value])
        /// Members written in this order (callers list them sorted by code point).
        case object([(String, Value)])

        /// `value` as a string, or `null` for `nil`.
        static func string(_ value: String?) -> Value { value.map { .string($0) } ?? .null }

        /// `value` as an integer, or `null` for `nil`.
        static func int(_ value: Int?) -> Value { value.map { .int($0) } ?? .null }

        /// `value` as a timestamp, or `null` for `nil`.
        static func date(_ value: Date?) -> Value { value.map { .date($0) } ?? .null }

        /// An object of `members`, sorted by code point.
        static func object(_ members: [String: Value]) -> Value {
            .object(members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) })
        }

        init(stringLiteral value: String) { self = .string(value) }
        init(integerLiteral value: Int) { self = .int(value) }
        init(booleanLiteral value: Bool) { self = .bool(value) }
        init(arrayLiteral elements: Value...) { self = .array(elements) }
        init(nilLiteral: ()) { self = .null }
        init(dictionaryLiteral elements: (String, Value)...) {
            self = .object(Dictionary(elements) { _, last in last })
        }

        /// A document as JSONSerialization parsed it (stored event data), with its objects' members sorted.
        init(parsed value: Any) {
            switch value {
            case let string as String:
                self = .string(string)
            case let number as NSNumber where String(cString: number.objCType) == "c":
                self = .bool(number.boolValue)
            case let int as Int:
                self = .int(int)
            case let double as Double:
                self = .double(double)
            case let object as [String: Any]:
                self = .object(object.mapValues(Value.init(parsed:)))
            case let array as [Any]:
                self = .array(array.map(Value.init(parsed:)))
            default:
                self = .null
            }
        }
    }

    /// Encodes `value`.
    static func encode(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out)
        return out
    }

    private static func write(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let bool):
            out.append(contentsOf: bool ? "true".utf8 : "false".utf8)
        case .int(let int):
            out.append(contentsOf: String(int).utf8)
        case .double(let double):
            out.append(contentsOf: double.isFinite ? Self.format(double).utf8 : "null".utf8)
        case .string(let string):
            JSONStringEscaper.appendQuoted(string, to: &out)
        case .uuid(let uuid):
            out.append(UInt8(ascii: "\""))
            UUIDText.appendLowercase(uuid, to: &out)
            out.append(UInt8(ascii: "\""))
        case .date(let date):
            out.append(UInt8(ascii: "\""))
            WireTimestamp.appendISO8601(date, to: &out)
            out.append(UInt8(ascii: "\""))
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONStringEscaper.appendQuoted(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.1, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func format(_ double: Double) -> String {
        if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
        return String(double)
    }
}
