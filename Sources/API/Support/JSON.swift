import Foundation

/// Compact JSON encoding of plain values (dictionaries, arrays, strings, integers, doubles, booleans, `NSNull`,
/// and the NSNumbers JSONSerialization produces), keys sorted by code point so answers are stable, slashes and
/// non-ASCII left as they are. Hand-written because JSONSerialization's `.sortedKeys` compares keys with ICU
/// collation, which made a 20-webhook list cost about 20 ms.
enum JSON {
    /// An object whose members are written in the order given (callers list them sorted), without the hashing
    /// and sorting of a dictionary: for the representations answered most often.
    struct Ordered {
        /// The members.
        let members: [(String, Any)]
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
        case let string as String:
            writeString(string, into: &out)
        case let ordered as Ordered:
            out.append(UInt8(ascii: "{"))
            for (index, member) in ordered.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.0, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.1, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let bool as Bool where isBoolean(value):
            out += bool ? Array("true".utf8) : Array("false".utf8)
        case let int as Int:
            out += Array(String(int).utf8)
        case let double as Double:
            out += double.isFinite ? Array(Self.format(double).utf8) : Array("null".utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
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
            out += Array("null".utf8)
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

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
