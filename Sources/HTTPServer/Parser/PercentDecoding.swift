/// Percent-decoding of URI components (RFC 3986 §2.1).
enum PercentDecoding {
    /// Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`).
    /// Returns nil when an escape is malformed and `strict`; otherwise malformed escapes are kept as they are.
    /// Invalid UTF-8 in the result is repaired with U+FFFD.
    static func decode(_ text: Substring, plusAsSpace: Bool, strict: Bool) -> String? {
        let utf8 = text.utf8
        let needsWork = utf8.contains { $0 == ASCII.percent || (plusAsSpace && $0 == ASCII.plus) }
        guard needsWork else { return String(text) }

        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == ASCII.percent {
                let first = utf8.index(after: index)
                if first < utf8.endIndex {
                    let second = utf8.index(after: first)
                    if second < utf8.endIndex,
                       let high = ASCII.hexValue(utf8[first]),
                       let low = ASCII.hexValue(utf8[second]) {
                        output.append(high << 4 | low)
                        index = utf8.index(after: second)
                        continue
                    }
                }
                if strict { return nil }
                output.append(byte)
            } else if plusAsSpace && byte == ASCII.plus {
                output.append(ASCII.space)
            } else {
                output.append(byte)
            }
            index = utf8.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
