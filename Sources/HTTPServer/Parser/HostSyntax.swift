/// The syntax of an authority as the `Host` field and the absolute-form carry it: `uri-host [ ":" port ]`
/// (RFC 9110 §7.2, RFC 3986 §3.2.2-3.2.3). No userinfo: RFC 9110 §4.2.4 makes it an error in `http` URIs.
enum HostSyntax {
    /// Whether `bytes` is a valid `Host` field value. An empty value is valid (RFC 9112 §3.2).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), close > 1,
                  bytes[1..<close].allSatisfy({ isRegNameCharacter($0) || $0 == ASCII.colon }) else { return false }
            index = close + 1
        } else {
            while index < bytes.count && bytes[index] != ASCII.colon {
                if bytes[index] == ASCII.percent {
                    guard index + 2 < bytes.count, ASCII.hexValue(bytes[index + 1]) != nil,
                          ASCII.hexValue(bytes[index + 2]) != nil else { return false }
                    index += 3
                } else {
                    guard isRegNameCharacter(bytes[index]) else { return false }
                    index += 1
                }
            }
        }
        guard index < bytes.count else { return true }
        guard bytes[index] == ASCII.colon else { return false }
        return bytes[(index + 1)...].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `unreserved / sub-delims` of RFC 3986.
    private static func isRegNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=".utf8.contains(byte)
        }
    }
}
