/// Formats and parses one-dimensional PostgreSQL array literals such as `{a,"b c",NULL}`.
enum PostgresArrayLiteral {
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let comma = UInt8(ascii: ",")
    private static let open = UInt8(ascii: "{")
    private static let close = UInt8(ascii: "}")

    /// Builds a literal with every non-NULL element quoted and `"` and `\` escaped.
    static func format(_ elements: [PostgresParameter]) -> String {
        let items = elements.map { element -> String in
            switch element {
            case .null: "NULL"
            case .text(let text): quoted(text)
            case .binary(let bytes): quoted(PostgresBytea.hex(bytes))
            }
        }
        return "{" + items.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = [quote]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            if byte == quote || byte == backslash { bytes.append(backslash) }
            bytes.append(byte)
        }
        bytes.append(quote)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits a one-dimensional literal into its elements; unquoted `NULL` becomes `nil`.
    /// Returns `nil` for malformed or multi-dimensional literals.
    static func parse(_ text: String) -> [String?]? {
        let bytes = Array(text.utf8)
        var index = 0
        if bytes.first == UInt8(ascii: "[") {
            // Explicit bounds such as "[0:1]={...}".
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            index = equals + 1
        }
        guard index < bytes.count, bytes[index] == open else { return nil }
        index += 1
        var elements: [String?] = []
        skipSpaces(bytes, &index)
        if index < bytes.count, bytes[index] == close {
            index += 1
        } else {
            while true {
                skipSpaces(bytes, &index)
                guard index < bytes.count, bytes[index] != open else { return nil }
                let element = bytes[index] == quote
                    ? parseQuoted(bytes, &index).map { Optional($0) }
                    : parseUnquoted(bytes, &index)
                guard let element else { return nil }
                elements.append(element)
                skipSpaces(bytes, &index)
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == close { break }
                guard bytes[index - 1] == comma else { return nil }
            }
        }
        skipSpaces(bytes, &index)
        return index == bytes.count ? elements : nil
    }

    /// Reads `"..."` starting at the opening quote.
    private static func parseQuoted(_ bytes: [UInt8], _ index: inout Int) -> String? {
        var value: [UInt8] = []
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == quote { return String(decoding: value, as: UTF8.self) }
            if byte == backslash {
                guard index < bytes.count else { return nil }
                value.append(bytes[index])
                index += 1
            } else {
                value.append(byte)
            }
        }
        return nil
    }

    /// Reads an unquoted element up to the next `,` or `}`. The outer optional is `nil`
    /// when malformed; the inner one is `nil` for NULL.
    private static func parseUnquoted(_ bytes: [UInt8], _ index: inout Int) -> String?? {
        var value: [UInt8] = []
        var significantCount = 0
        var escaped = false
        while index < bytes.count, bytes[index] != comma, bytes[index] != close {
            if bytes[index] == backslash {
                index += 1
                guard index < bytes.count else { return nil }
                escaped = true
                value.append(bytes[index])
                significantCount = value.count
            } else {
                value.append(bytes[index])
                if !isSpace(bytes[index]) { significantCount = value.count }
            }
            index += 1
        }
        let text = String(decoding: value.prefix(significantCount), as: UTF8.self)
        guard !text.isEmpty else { return nil }
        if !escaped, text.uppercased() == "NULL" { return .some(nil) }
        return .some(text)
    }

    private static func skipSpaces(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (9...13).contains(byte)
    }
}
