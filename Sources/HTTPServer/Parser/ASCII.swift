/// Byte constants and character classes of HTTP/1.1 (RFC 9110 §5.6.2, RFC 9112).
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let percent: UInt8 = 0x25
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let questionMark: UInt8 = 0x3F
    static let ampersand: UInt8 = 0x26
    static let asterisk: UInt8 = 0x2A

    /// `tchar` of RFC 9110: the characters of methods and header names.
    private static let tokenTable: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for byte in "!#$%&'*+-.^_`|~".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Whether `byte` may appear in a token.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        tokenTable[Int(byte)]
    }

    /// Whether `byte` may appear in a field value: HTAB, SP, VCHAR or obs-text.
    static func isFieldValueCharacter(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= space && byte != 0x7F)
    }

    /// Whether `byte` may appear in a request target: visible ASCII only.
    static func isTargetCharacter(_ byte: UInt8) -> Bool {
        byte > space && byte < 0x7F
    }

    /// The lowercase form of an ASCII letter; other bytes unchanged.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether `bytes` equals the lowercase ASCII `lowercaseLiteral`, ignoring case.
    static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ lowercaseLiteral: String.UTF8View) -> Bool {
        guard bytes.count == lowercaseLiteral.count else { return false }
        return zip(bytes, lowercaseLiteral).allSatisfy { lowercased($0) == $1 }
    }

    /// Whether two strings are equal ignoring ASCII case.
    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.utf8
        let right = rhs.utf8
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { lowercased($0) == lowercased($1) }
    }

    /// The value of a hexadecimal digit, or nil.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
