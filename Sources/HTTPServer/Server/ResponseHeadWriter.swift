/// Serializes a response head (status line and header section) into a byte buffer.
enum ResponseHeadWriter {
    /// What the `Connection` header says.
    enum ConnectionHeader {
        /// Nothing: the HTTP/1.1 default (keep-alive).
        case none
        /// `Connection: keep-alive`, for HTTP/1.0 clients that asked for it.
        case keepAlive
        /// `Connection: close`.
        case close
    }

    private static let statusLinePrefix = Array("HTTP/1.1 ".utf8)
    private static let contentLengthPrefix = Array("Content-Length: ".utf8)
    private static let datePrefix = Array("Date: ".utf8)
    private static let connectionClose = Array("Connection: close\r\n".utf8)
    private static let connectionKeepAlive = Array("Connection: keep-alive\r\n".utf8)
    private static let lineEnd: [UInt8] = [ASCII.carriageReturn, ASCII.lineFeed]

    /// Appends the head of `response` to `buffer`. The server's own fields (`Content-Length`, `Date`,
    /// `Connection`, `Transfer-Encoding`) replace any the responder set; fields whose name is not a token
    /// are dropped and CR/LF in values become spaces, so a response can never be split.
    static func write(
        _ response: HTTPResponse,
        contentLength: Int?,
        connection: ConnectionHeader,
        date: [UInt8],
        into buffer: inout [UInt8]
    ) {
        buffer.append(contentsOf: statusLinePrefix)
        let code = response.status.code
        buffer.append(UInt8(ascii: "0") + UInt8(code / 100 % 10))
        buffer.append(UInt8(ascii: "0") + UInt8(code / 10 % 10))
        buffer.append(UInt8(ascii: "0") + UInt8(code % 10))
        buffer.append(ASCII.space)
        appendSanitized(response.status.reasonPhrase, to: &buffer)
        buffer.append(contentsOf: lineEnd)

        for field in response.headers where !isManagedByServer(field.name) {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(ASCII.isTokenCharacter) else { continue }
            buffer.append(contentsOf: field.name.utf8)
            buffer.append(ASCII.colon)
            buffer.append(ASCII.space)
            appendSanitized(field.value, to: &buffer)
            buffer.append(contentsOf: lineEnd)
        }
        if let contentLength {
            buffer.append(contentsOf: contentLengthPrefix)
            appendDecimal(contentLength, to: &buffer)
            buffer.append(contentsOf: lineEnd)
        }
        buffer.append(contentsOf: datePrefix)
        buffer.append(contentsOf: date)
        buffer.append(contentsOf: lineEnd)
        switch connection {
        case .none: break
        case .keepAlive: buffer.append(contentsOf: connectionKeepAlive)
        case .close: buffer.append(contentsOf: connectionClose)
        }
        buffer.append(contentsOf: lineEnd)
    }

    private static func isManagedByServer(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: return ASCII.equalsIgnoringCase(name.utf8, "date".utf8)
        case 10: return ASCII.equalsIgnoringCase(name.utf8, "connection".utf8)
        case 14: return ASCII.equalsIgnoringCase(name.utf8, "content-length".utf8)
        case 17: return ASCII.equalsIgnoringCase(name.utf8, "transfer-encoding".utf8)
        default: return false
        }
    }

    private static func appendSanitized(_ text: String, to buffer: inout [UInt8]) {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 != ASCII.carriageReturn && $0 != ASCII.lineFeed && $0 != 0 }) {
            buffer.append(contentsOf: utf8)
        } else {
            for byte in utf8 {
                buffer.append(byte == ASCII.carriageReturn || byte == ASCII.lineFeed || byte == 0 ? ASCII.space : byte)
            }
        }
    }

    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        guard value >= 10 else {
            buffer.append(UInt8(ascii: "0") + UInt8(max(value, 0)))
            return
        }
        appendDecimal(value / 10, to: &buffer)
        buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
