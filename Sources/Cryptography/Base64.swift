/// Base64 encoding, RFC 4648: the standard alphabet with padding (§4) and the URL-safe alphabet without padding (§5).
///
/// Decoding is strict: it rejects whitespace, misplaced or missing padding, and non-zero trailing bits.
public enum Base64 {
    /// Returns the standard Base64 encoding of `bytes`, padded with `=`.
    public static func encode(_ bytes: [UInt8]) -> String {
        encode(bytes, urlSafe: false)
    }

    /// Decodes standard, padded Base64; returns `nil` for malformed input.
    public static func decode(_ string: some StringProtocol) -> [UInt8]? {
        decode(string, urlSafe: false)
    }

    /// Returns the URL-safe Base64 encoding of `bytes` (`-` and `_`), without padding.
    public static func encodeURL(_ bytes: [UInt8]) -> String {
        encode(bytes, urlSafe: true)
    }

    /// Decodes URL-safe, unpadded Base64; returns `nil` for malformed input.
    public static func decodeURL(_ string: some StringProtocol) -> [UInt8]? {
        decode(string, urlSafe: true)
    }

    private static func encode(_ bytes: [UInt8], urlSafe: Bool) -> String {
        let remainder = bytes.count % 3
        let tail = remainder == 0 ? 0 : (urlSafe ? remainder + 1 : 4)
        let length = bytes.count / 3 * 4 + tail
        return String(unsafeUninitializedCapacity: length) { output in
            var written = 0
            func emit(_ group: UInt32, sextets: Int) {
                for shift in stride(from: 18, to: 18 - 6 * sextets, by: -6) {
                    let sextet = UInt8(truncatingIfNeeded: group >> UInt32(shift)) & 0x3F
                    output[written] = character(for: sextet, urlSafe: urlSafe)
                    written += 1
                }
            }
            var index = 0
            while index + 3 <= bytes.count {
                emit(UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]), sextets: 4)
                index += 3
            }
            if remainder > 0 {
                let second = remainder == 2 ? UInt32(bytes[index + 1]) << 8 : 0
                emit(UInt32(bytes[index]) << 16 | second, sextets: remainder + 1)
                while written < length {
                    output[written] = UInt8(ascii: "=")
                    written += 1
                }
            }
            return written
        }
    }

    private static func decode(_ string: some StringProtocol, urlSafe: Bool) -> [UInt8]? {
        var characters = Array(string.utf8)
        if !urlSafe {
            guard characters.count.isMultiple(of: 4) else { return nil }
            // Strip at most two padding characters; any other "=" is then rejected as a non-alphabet character.
            for _ in 0..<2 where characters.last == UInt8(ascii: "=") {
                characters.removeLast()
            }
        }
        guard characters.count % 4 != 1 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(characters.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bitCount: UInt32 = 0
        for character in characters {
            guard let sextet = value(of: character, urlSafe: urlSafe) else { return nil }
            accumulator = accumulator << 6 | UInt32(sextet)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> bitCount))
                accumulator &= (1 << bitCount) - 1
            }
        }
        return accumulator == 0 ? bytes : nil
    }

    /// The ASCII character for a sextet in 0...63.
    private static func character(for sextet: UInt8, urlSafe: Bool) -> UInt8 {
        switch sextet {
        case 0..<26: sextet + UInt8(ascii: "A")
        case 26..<52: sextet - 26 + UInt8(ascii: "a")
        case 52..<62: sextet - 52 + UInt8(ascii: "0")
        case 62: urlSafe ? UInt8(ascii: "-") : UInt8(ascii: "+")
        default: urlSafe ? UInt8(ascii: "_") : UInt8(ascii: "/")
        }
    }

    /// The sextet value of an ASCII Base64 character in the chosen alphabet, or `nil`.
    private static func value(of character: UInt8, urlSafe: Bool) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+") where !urlSafe, UInt8(ascii: "-") where urlSafe: 62
        case UInt8(ascii: "/") where !urlSafe, UInt8(ascii: "_") where urlSafe: 63
        default: nil
        }
    }
}
