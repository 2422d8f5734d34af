import Foundation
import WebhookCore

/// Compact JSON encoding of plain values (dictionaries, arrays, strings, integers, doubles, booleans, `NSNull`,
/// the NSNumbers JSONSerialization produces, and typed ``Value``s), keys sorted by code point so answers are
/// stable, slashes and non-ASCII left as they are. Hand-written because JSONSerialization's `.sortedKeys` compares
/// keys with ICU collation, which made a 20-webhook list cost about 20 ms.
enum JSON {
    /// A typed JSON value, for the representations answered most often: writing it needs no dynamic casts, and
    /// an object's members are written in the order given (callers list them sorted by code point).
    indirect enum Value {
        case null
        case bool(Bool)
        case int(Int)
        case string(String)
        /// A UUID in lowercase hyphenated form.
        case uuid(UUID)
        /// An instant as ISO 8601 UTC with milliseconds.
        case date(Date)
        case array([Value])
        case object([(String, Value)])

        /// `value` as a string, or `null` for `nil`.
        static func string(_ value: String?) -> Value { value.map { .string($0) } ?? .null }

        /// `value` as a timestamp, or `null` for `nil`.
        static func date(_ value: Date?) -> Value { value.map { .date($0) } ?? .null }
    }

    /// Encodes `value`; a value of another type becomes `null`.
    static func encode(_ value: Any) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out)
        return out
    }

    private static func write(_ value: Any, into out: inout [UInt8]) {
        switch value {
        case let typed as Value:
            write(typed, into: &out)
        case let string as String:
            JSONStringEscaper.appendQuoted(string, to: &out)
        case let bool as Bool where isBoolean(value):
            out.append(contentsOf: bool ? "true".utf8 : "false".utf8)
        case let int as Int:
            out.append(contentsOf: String(int).utf8)
        case let double as Double:
            out.append(contentsOf: double.isFinite ? Self.format(double).utf8 : "null".utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONStringEscaper.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(object[key] as Any, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        default:
            out.append(contentsOf: "null".utf8)
        }
    }

    private static func write(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let bool):
            out.append(contentsOf: bool ? "true".utf8 : "false".utf8)
        case .int(let int):
            out.append(contentsOf: String(int).utf8)
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

    /// Whether a value that casts to Bool really is one: an NSNumber from JSONSerialization also casts to Bool
    /// when it holds 0 or 1, so only its Objective-C type `c` counts.
    private static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return true }
        return String(cString: number.objCType) == "c"
    }

    private static func format(_ double: Double) -> String {
        if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
        return String(double)
    }
}
