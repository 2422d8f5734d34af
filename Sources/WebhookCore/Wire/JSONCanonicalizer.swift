/// A strict RFC 8259 JSON parser that re-serialises while it parses, producing exactly the bytes JavaScript's
/// `JSON.stringify(JSON.parse(text))` would (as UTF-8).
///
/// What it reproduces from JavaScript:
/// - No whitespace; strings escaped as `JSON.stringify` escapes them (see `JSONStringEscaper`), so `\/`, `\u00e9`
///   and raw `é` all come out as `/` and `é`, and lone surrogates written as `\uD800` stay escaped (`\ud800`).
/// - Object members keep their order, except that keys which are array indices (`"0"` ... `"4294967294"`) come
///   first in ascending numeric order, as for every JavaScript object. A duplicate key keeps its first position
///   and its last value, as `JSON.parse` does.
/// - Numbers become IEEE 754 doubles (correctly rounded) printed as JavaScript prints them (`1E+2` → `100`,
///   `-0` → `0`, `1e21` → `1e+21`, `0.10` → `0.1`).
///
/// Where it deliberately differs, by refusing the input:
/// - an integer literal (no fraction, no exponent) beyond ±(2^53 − 1), which a double cannot hold exactly and
///   `JSON.parse` would silently round (send such identifiers as strings);
/// - a number too large for a double (`1e400`), which `JSON.parse` turns into `Infinity` and `JSON.stringify` into
///   `null`;
/// - nesting deeper than `maximumDepth`, and input that is not valid UTF-8.
struct JSONCanonicalizer {
    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 64

    private static let largestSafeInteger: Int64 = 9_007_199_254_740_991
    private static let largestArrayIndex: UInt64 = 4_294_967_294

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one JSON value (surrounded by optional whitespace) and returns its canonical serialisation.
    static func canonicalize(_ bytes: [UInt8]) throws(JSONDataError) -> [UInt8] {
        var parser = JSONCanonicalizer(bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected content after the JSON value") }
        return value
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(JSONDataError) -> [UInt8] {
        guard let byte = peek() else { throw error("expected a value but the input ended") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""):
            var output: [UInt8] = []
            try string(into: &output)
            return output
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): return try literal("true")
        case UInt8(ascii: "f"): return try literal("false")
        case UInt8(ascii: "n"): return try literal("null")
        default: throw error("expected a value")
        }
    }

    private mutating func literal(_ word: String) throws(JSONDataError) -> [UInt8] {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else { throw error("expected a value") }
        index += expected.count
        return expected
    }

    private mutating func array(depth: Int) throws(JSONDataError) -> [UInt8] {
        guard depth <= Self.maximumDepth else { throw error("arrays and objects nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        var output: [UInt8] = [UInt8(ascii: "[")]
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return output + [UInt8(ascii: "]")] }
        while true {
            skipWhitespace()
            output += try value(depth: depth)
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return output + [UInt8(ascii: "]")] }
            guard consume(UInt8(ascii: ",")) else { throw error("expected ',' or ']' after an array element") }
            output.append(UInt8(ascii: ","))
        }
    }

    /// Parses one JSON object and returns its members' canonical keys (quoted) and values, last duplicate winning,
    /// or `nil` when the value is not an object.
    static func canonicalMembers(_ bytes: [UInt8]) throws(JSONDataError) -> [(key: [UInt8], value: [UInt8])]? {
        var parser = JSONCanonicalizer(bytes)
        parser.skipWhitespace()
        guard parser.peek() == UInt8(ascii: "{") else {
            _ = try canonicalize(bytes)
            return nil
        }
        let members = try parser.objectMembers(depth: 1)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected content after the JSON value") }
        return members
    }

    private mutating func object(depth: Int) throws(JSONDataError) -> [UInt8] {
        Self.serialize(try objectMembers(depth: depth))
    }

    private mutating func objectMembers(depth: Int) throws(JSONDataError) -> [(key: [UInt8], value: [UInt8])] {
        guard depth <= Self.maximumDepth else { throw error("arrays and objects nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        var members: [(key: [UInt8], value: [UInt8])] = []
        var positions: [[UInt8]: Int] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return [] }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a string as object key") }
            var key: [UInt8] = []
            try string(into: &key)
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw error("expected ':' after an object key") }
            skipWhitespace()
            let member = try value(depth: depth)
            if let position = positions[key] {
                members[position].value = member
            } else {
                positions[key] = members.count
                members.append((key, member))
            }
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return members }
            guard consume(UInt8(ascii: ",")) else { throw error("expected ',' or '}' after an object member") }
        }
    }

    /// Writes members in JavaScript's property order: array-index keys ascending, then the rest as inserted.
    private static func serialize(_ members: [(key: [UInt8], value: [UInt8])]) -> [UInt8] {
        let indexed = members.compactMap { member in arrayIndex(member.key).map { (index: $0, member: member) } }
        let ordered = indexed.sorted { $0.index < $1.index }.map(\.member) + members.filter { arrayIndex($0.key) == nil }
        var output: [UInt8] = [UInt8(ascii: "{")]
        for (position, member) in ordered.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            output += member.key + [UInt8(ascii: ":")] + member.value
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// The numeric value of a quoted canonical key that is a JavaScript array index, or `nil`.
    private static func arrayIndex(_ quotedKey: [UInt8]) -> UInt64? {
        let digits = quotedKey.dropFirst().dropLast()
        guard (1...10).contains(digits.count),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits.count == 1 || digits.first != UInt8(ascii: "0"),
              let value = UInt64(String(decoding: digits, as: UTF8.self)), value <= largestArrayIndex
        else { return nil }
        return value
    }

    // MARK: Numbers

    private mutating func number() throws(JSONDataError) -> [UInt8] {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        let integerStart = index
        if consume(UInt8(ascii: "0")) {
            guard !peekIsDigit() else { throw error("numbers may not have leading zeros") }
        } else {
            try digits()
        }
        let integerDigits = bytes[integerStart..<index]
        var isInteger = true
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            try digits()
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            isInteger = false
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            try digits()
        }
        if isInteger {
            guard integerDigits.count <= 16,
                  let magnitude = Int64(String(decoding: integerDigits, as: UTF8.self)),
                  magnitude <= Self.largestSafeInteger
            else { throw error(at: start, "integer beyond ±(2^53 - 1) cannot be represented exactly; send it as a string") }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
            throw error(at: start, "number is too large for a double")
        }
        return Array(JavaScriptNumber.format(value).utf8)
    }

    private mutating func digits() throws(JSONDataError) {
        guard peekIsDigit() else { throw error("expected a digit") }
        while peekIsDigit() { index += 1 }
    }

    private func peekIsDigit() -> Bool {
        peek().map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
    }

    // MARK: Strings

    /// Parses a string at `index` (on its opening quote) and appends its canonical quoted form to `output`.
    private mutating func string(into output: inout [UInt8]) throws(JSONDataError) {
        let start = index
        index += 1
        output.append(UInt8(ascii: "\""))
        while true {
            guard let byte = peek() else { throw error(at: start, "unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                output.append(byte)
                return
            case UInt8(ascii: "\\"):
                try escape(into: &output)
            case 0..<0x20:
                throw error("control characters in strings must be escaped")
            case 0x80...:
                let length = try utf8SequenceLength()
                output += bytes[index..<index + length]
                index += length
            default:
                output.append(byte)
                index += 1
            }
        }
    }

    /// Decodes the escape sequence at `index` (on its backslash) and appends it in canonical form.
    private mutating func escape(into output: inout [UInt8]) throws(JSONDataError) {
        index += 1
        guard let byte = peek() else { throw error("unterminated escape sequence") }
        index += 1
        let simple: UInt8? = switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple {
            JSONStringEscaper.append(Unicode.Scalar(simple), to: &output)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw error(at: index - 1, "invalid escape sequence") }
        let unit = try hexUnit()
        if UTF16.isLeadSurrogate(unit), bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
            let save = index
            index += 2
            let trail = try hexUnit()
            if UTF16.isTrailSurrogate(trail) {
                let pair = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00)
                JSONStringEscaper.append(Unicode.Scalar(pair) ?? "\u{FFFD}", to: &output)
                return
            }
            index = save
        }
        if let scalar = Unicode.Scalar(unit) {
            JSONStringEscaper.append(scalar, to: &output)
        } else {
            JSONStringEscaper.appendUnicodeEscape(unit, to: &output)
        }
    }

    /// Reads the four hex digits of a `\u` escape.
    private mutating func hexUnit() throws(JSONDataError) -> UInt16 {
        guard index + 4 <= bytes.count,
              bytes[index..<index + 4].allSatisfy(Self.isHexDigit),
              let unit = UInt16(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw error("\\u must be followed by four hex digits") }
        index += 4
        return unit
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }

    /// The length of the well-formed UTF-8 sequence at `index` (Unicode Table 3-7), or an error.
    private func utf8SequenceLength() throws(JSONDataError) -> Int {
        let lead = bytes[index]
        let (length, secondRange): (Int, ClosedRange<UInt8>) = switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0x80...0xBF)
        }
        guard length > 0, index + length <= bytes.count, secondRange.contains(bytes[index + 1]),
              bytes[(index + 2)..<(index + length)].allSatisfy({ (0x80...0xBF).contains($0) })
        else { throw error("invalid UTF-8") }
        return length
    }

    // MARK: Scanning

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            index += 1
        }
    }

    private func error(_ message: String) -> JSONDataError {
        error(at: index, message)
    }

    private func error(at offset: Int, _ message: String) -> JSONDataError {
        JSONDataError(offset: offset, message: message)
    }
}
