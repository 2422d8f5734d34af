/// Writes JSON string contents exactly as JavaScript's `JSON.stringify` does (ECMA-262 `QuoteJSONString`):
/// `"` and `\` are escaped, U+0008/0009/000A/000C/000D become `\b \t \n \f \r`, other control characters
/// below U+0020 and lone UTF-16 surrogates become `\u` + four lowercase hex digits, and everything else
/// (`/`, DEL, U+2028/U+2029, any non-ASCII character) is written unescaped as UTF-8.
///
/// The project's one JSON string escaper above `HTTPServer`: deliveries, API answers and log lines all use it.
public enum JSONStringEscaper {
    /// Appends `string` as a quoted JSON string. Runs that need no escape (nearly all text) are copied whole.
    public static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            appendEscaped(bytes, to: &output)
        }
        if written == nil {
            Array(string.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the UTF-8 of a string with `JSON.stringify`'s escapes. A Swift string holds no lone surrogate, and
    /// every byte that needs an escape is ASCII, so escaping byte by byte equals escaping scalar by scalar.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            runStart = index + 1
            append(Unicode.Scalar(byte), to: &output)
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    /// Appends one character of string contents, escaped if `JSON.stringify` escapes it.
    static func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        switch scalar.value {
        case 0x22: output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case 0x5C: output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case 0x08: output += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
        case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case 0x0C: output += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
        case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case 0..<0x20: appendUnicodeEscape(UInt16(scalar.value), to: &output)
        default: UTF8.encode(scalar) { output.append($0) }
        }
    }

    /// Appends `\uXXXX` (lowercase hex), the form `JSON.stringify` gives control characters and lone surrogates.
    static func appendUnicodeEscape(_ unit: UInt16, to output: inout [UInt8]) {
        output += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = UInt8(truncatingIfNeeded: unit >> UInt16(shift)) & 0x0F
            output.append(nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a"))
        }
    }
}
