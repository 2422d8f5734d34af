/// An IPv4 or IPv6 address, as numbers in host order.
///
/// Parsing and formatting are pure Swift so that ``AddressPolicy`` can be unit-tested without sockets.
public enum IPAddress: Hashable, Sendable {
    /// An IPv4 address; `10.0.0.1` is `0x0A00_0001`.
    case v4(UInt32)
    /// An IPv6 address as its high and low 64 bits; `::1` is `(high: 0, low: 1)`.
    case v6(high: UInt64, low: UInt64)

    /// Builds an address from its network-order bytes: 4 for IPv4, 16 for IPv6; `nil` for any other count.
    public init?(bytes: some Collection<UInt8>) {
        switch bytes.count {
        case 4:
            self = .v4(bytes.reduce(0) { $0 << 8 | UInt32($1) })
        case 16:
            let high = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let low = bytes.dropFirst(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            self = .v6(high: high, low: low)
        default:
            return nil
        }
    }

    /// Parses an IP literal: an IPv6 address (optionally in brackets, a `%zone` suffix is ignored) or an
    /// IPv4 address in any form `inet_aton` and curl's URL parser accept (`127.0.0.1`, `127.1`, `0x7f.1`,
    /// `2130706433`, octal `0177.0.0.1`). Returns `nil` for anything else, such as a host name.
    public init?(_ text: String) {
        if text.hasPrefix("[") && text.hasSuffix("]") {
            guard let address = IPAddress.parseIPv6(text.dropFirst().dropLast()) else { return nil }
            self = address
        } else if text.contains(":") {
            guard let address = IPAddress.parseIPv6(Substring(text)) else { return nil }
            self = address
        } else {
            guard let value = IPAddress.parseIPv4(Substring(text), strict: false) else { return nil }
            self = .v4(value)
        }
    }
}

extension IPAddress: CustomStringConvertible {
    /// Dotted decimal for IPv4; RFC 5952 text for IPv6 (lower case, longest zero run as `::`,
    /// `::ffff:a.b.c.d` for IPv4-mapped addresses).
    public var description: String {
        switch self {
        case .v4(let value):
            return IPAddress.dotted(value)
        case .v6(let high, let low):
            if high == 0 && low >> 32 == 0xFFFF {
                return "::ffff:" + IPAddress.dotted(UInt32(truncatingIfNeeded: low))
            }
            let groups = (0..<8).map { index -> UInt16 in
                let word = index < 4 ? high : low
                return UInt16(truncatingIfNeeded: word >> (48 - 16 * UInt64(index % 4)))
            }
            return IPAddress.compressed(groups)
        }
    }

    private static func dotted(_ value: UInt32) -> String {
        [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    private static func compressed(_ groups: [UInt16]) -> String {
        var best: (start: Int, length: Int) = (0, 0)
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < groups.count && groups[end] == 0 { end += 1 }
            if end - index > best.length { best = (index, end - index) }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}

extension IPAddress {
    /// Parses IPv4 text. `strict` accepts only four decimal parts (as inside an IPv6 address);
    /// otherwise the `inet_aton` forms are accepted: 1 to 4 parts, each decimal, octal (`0` prefix)
    /// or hexadecimal (`0x` prefix), the last part filling the remaining bytes.
    static func parseIPv4(_ text: Substring, strict: Bool) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count), !strict || parts.count == 4 else { return nil }
        var numbers: [UInt32] = []
        for part in parts {
            guard let number = strict ? decimalPart(part) : numericPart(part) else { return nil }
            numbers.append(number)
        }
        var value: UInt32 = 0
        for (index, number) in numbers.enumerated() {
            let isLast = index == numbers.count - 1
            let remainingBytes = isLast ? 4 - index : 1
            let limit: UInt64 = (1 << (8 * UInt64(remainingBytes))) - 1
            guard UInt64(number) <= limit else { return nil }
            value |= isLast ? number : number << (8 * UInt32(3 - index))
        }
        return value
    }

    private static func decimalPart(_ part: Substring) -> UInt32? {
        guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt32(part, radix: 10)
    }

    private static func numericPart(_ part: Substring) -> UInt32? {
        let lower = part.lowercased()
        let (digits, radix): (Substring, Int) =
            if lower.hasPrefix("0x") { (Substring(lower.dropFirst(2)), 16) }
            else if lower.count > 1 && lower.hasPrefix("0") { (Substring(lower.dropFirst()), 8) }
            else { (Substring(lower), 10) }
        guard !digits.isEmpty, digits.count <= 11, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
            return nil
        }
        return UInt32(digits, radix: radix)
    }

    /// Parses IPv6 text (RFC 4291 §2.2), including one `::` and a trailing dotted IPv4 part.
    static func parseIPv6(_ text: Substring) -> IPAddress? {
        let withoutZone = text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)[0]
        var head: [UInt16] = []
        var tail: [UInt16] = []
        if let gap = withoutZone.firstRange(of: "::") {
            guard let before = groups(withoutZone[..<gap.lowerBound], allowIPv4: false),
                  let after = groups(withoutZone[gap.upperBound...], allowIPv4: true),
                  before.count + after.count <= 7 else { return nil }
            head = before
            tail = after
        } else {
            guard let all = groups(withoutZone, allowIPv4: true), all.count == 8 else { return nil }
            head = all
        }
        let words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        let fold = { (slice: ArraySlice<UInt16>) in slice.reduce(UInt64(0)) { $0 << 16 | UInt64($1) } }
        return .v6(high: fold(words[0..<4]), low: fold(words[4..<8]))
    }

    /// Colon-separated hex groups; an empty string is zero groups. A last dotted part counts as two groups.
    private static func groups(_ text: Substring, allowIPv4: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var result: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if allowIPv4 && index == parts.count - 1 && part.contains(".") {
                guard let value = parseIPv4(part, strict: true) else { return nil }
                result += [UInt16(value >> 16), UInt16(value & 0xFFFF)]
            } else {
                guard (1...4).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isHexDigit }),
                      let group = UInt16(part, radix: 16) else { return nil }
                result.append(group)
            }
        }
        return result
    }
}
