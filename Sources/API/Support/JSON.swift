import Foundation

/// Compact JSON encoding of plain values (dictionaries, arrays, strings, numbers, booleans, `NSNull`), with
/// slashes left unescaped and keys sorted so answers are stable.
enum JSON {
    /// Encodes `value`; values JSONSerialization cannot encode become `null`.
    static func encode(_ value: Any) -> [UInt8] {
        guard JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Array("null".utf8) }
        return Array(data)
    }
}
