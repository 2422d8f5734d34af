/// Parses a complete head (request line and header fields, up to and including the empty line) from bytes.
enum HTTPHeadParser {
    /// Parses `head`, which ends with the empty line, validating syntax and framing headers.
    static func parse(_ head: UnsafeBufferPointer<UInt8>, limits: HTTPParserLimits) throws(HTTPParseError) -> ParsedHead {
        var lines = LineIterator(bytes: head)
        guard let requestLine = lines.next() else { throw .invalidRequestLine }
        var parsed = try parseRequestLine(UnsafeBufferPointer(rebasing: head[requestLine]), limits: limits)

        var contentLength: Int?
        var transferCodings: [Substring] = []
        var hasTransferEncoding = false
        var connectionValues: [String] = []
        var headers = HTTPHeaders(reservingCapacity: 8)
        var fieldCount = 0

        while let range = lines.next() {
            if range.isEmpty { break }
            let line = UnsafeBufferPointer(rebasing: head[range])
            guard line[0] != ASCII.space && line[0] != ASCII.tab else { throw .obsoleteLineFolding }
            guard let colon = line.firstIndex(of: ASCII.colon), colon > 0 else { throw .invalidHeader }
            let nameBytes = UnsafeBufferPointer(rebasing: line[..<colon])
            guard nameBytes.allSatisfy(ASCII.isTokenCharacter) else { throw .invalidHeader }
            var valueStart = colon + 1
            var valueEnd = line.count
            while valueStart < valueEnd && (line[valueStart] == ASCII.space || line[valueStart] == ASCII.tab) { valueStart += 1 }
            while valueEnd > valueStart && (line[valueEnd - 1] == ASCII.space || line[valueEnd - 1] == ASCII.tab) { valueEnd -= 1 }
            let valueBytes = UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd])
            guard valueBytes.allSatisfy(ASCII.isFieldValueCharacter) else { throw .invalidHeader }
            fieldCount += 1
            guard fieldCount <= limits.maxHeaderCount else { throw .headersTooLarge }

            let name = String(decoding: nameBytes, as: UTF8.self)
            let value = String(decoding: valueBytes, as: UTF8.self)
            switch nameBytes.count {
            case 6 where ASCII.equalsIgnoringCase(nameBytes, "expect".utf8):
                if ASCII.equalsIgnoringCase(valueBytes, "100-continue".utf8) { parsed.expectsContinue = true }
            case 10 where ASCII.equalsIgnoringCase(nameBytes, "connection".utf8):
                connectionValues.append(value)
            case 14 where ASCII.equalsIgnoringCase(nameBytes, "content-length".utf8):
                let length = try parseContentLength(value)
                if let contentLength, contentLength != length { throw .invalidContentLength }
                contentLength = length
            case 17 where ASCII.equalsIgnoringCase(nameBytes, "transfer-encoding".utf8):
                hasTransferEncoding = true
                transferCodings += value.split(separator: ",").map(\.trimmingSpacesAndTabs).filter { !$0.isEmpty }
            default:
                break
            }
            headers.add(name: name, value: value)
        }

        parsed.headers = headers
        parsed.wantsKeepAlive = HTTPRequest.keepAlive(version: parsed.version, connectionValues: connectionValues)
        if parsed.version != .http1_1 { parsed.expectsContinue = false }
        parsed.framing = try framing(
            contentLength: contentLength, hasTransferEncoding: hasTransferEncoding,
            transferCodings: transferCodings, version: parsed.version
        )
        return parsed
    }

    /// `method SP request-target SP HTTP-version`.
    private static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>, limits: HTTPParserLimits) throws(HTTPParseError) -> ParsedHead {
        guard let firstSpace = line.firstIndex(of: ASCII.space), firstSpace > 0 else { throw .invalidRequestLine }
        let methodBytes = UnsafeBufferPointer(rebasing: line[..<firstSpace])
        guard methodBytes.allSatisfy(ASCII.isTokenCharacter) else { throw .invalidRequestLine }
        let rest = line[(firstSpace + 1)...]
        guard let secondSpace = rest.firstIndex(of: ASCII.space), secondSpace > firstSpace + 1 else { throw .invalidRequestLine }
        let targetBytes = UnsafeBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace])
        guard targetBytes.count <= limits.maxRequestTargetBytes else { throw .targetTooLong }
        guard targetBytes.allSatisfy(ASCII.isTargetCharacter) else { throw .invalidRequestLine }
        let version = try parseVersion(UnsafeBufferPointer(rebasing: line[(secondSpace + 1)...]))

        let rawTarget = String(decoding: targetBytes, as: UTF8.self)
        let path: String
        let query: String?
        if targetBytes.first == ASCII.asterisk && targetBytes.count == 1 {
            path = "*"
            query = nil
        } else {
            guard targetBytes.first == ASCII.slash || rawTarget.utf8.firstRange(of: "://".utf8) != nil else { throw .invalidTarget }
            let parts = HTTPRequest.split(target: rawTarget[...])
            guard let decoded = PercentDecoding.decode(parts.path, plusAsSpace: false, strict: true) else { throw .invalidTarget }
            path = decoded
            query = parts.query.map(String.init)
        }
        return ParsedHead(
            method: HTTPMethod.parse(methodBytes), rawTarget: rawTarget, path: path, query: query, version: version,
            headers: HTTPHeaders(), wantsKeepAlive: false, expectsContinue: false, framing: .none
        )
    }

    /// `HTTP/<digit>.<digit>`; only major version 1 is served.
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        guard bytes.count == 8, bytes[..<5].elementsEqual("HTTP/".utf8), bytes[6] == UInt8(ascii: "."),
              let major = decimalDigit(bytes[5]), let minor = decimalDigit(bytes[7]) else {
            throw .invalidRequestLine
        }
        guard major == 1 else { throw .unsupportedVersion }
        return minor == 1 ? .http1_1 : minor == 0 ? .http1_0 : HTTPVersion(major: major, minor: minor)
    }

    private static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// A Content-Length value: digits, or a list of identical digit strings (RFC 9110 §8.6).
    private static func parseContentLength(_ value: String) throws(HTTPParseError) -> Int {
        var result: Int?
        for element in value.split(separator: ",", omittingEmptySubsequences: false) {
            let digits = element.trimmingSpacesAndTabs.utf8
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw .invalidContentLength
            }
            guard digits.count <= 18 else { throw .bodyTooLarge }
            let length = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            if let result, result != length { throw .invalidContentLength }
            result = length
        }
        guard let result else { throw .invalidContentLength }
        return result
    }

    /// The framing of RFC 9112 §6.3, rejecting ambiguous combinations.
    private static func framing(
        contentLength: Int?, hasTransferEncoding: Bool, transferCodings: [Substring], version: HTTPVersion
    ) throws(HTTPParseError) -> ParsedHead.Framing {
        guard hasTransferEncoding else {
            return contentLength.map { $0 > 0 ? .length($0) : .none } ?? .none
        }
        guard contentLength == nil else { throw .conflictingFraming }
        guard version == .http1_1, !transferCodings.isEmpty else { throw .invalidTransferEncoding }
        guard transferCodings.allSatisfy({ ASCII.equalsIgnoringCase($0.utf8, "chunked".utf8) }) else {
            throw .unsupportedTransferCoding
        }
        guard transferCodings.count == 1 else { throw .invalidTransferEncoding }
        return .chunked
    }
}

/// Iterates over the lines of a head: each range excludes the LF and a CR just before it.
private struct LineIterator {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func next() -> Range<Int>? {
        guard position < bytes.count, let lineFeed = bytes[position...].firstIndex(of: ASCII.lineFeed) else { return nil }
        var end = lineFeed
        if end > position && bytes[end - 1] == ASCII.carriageReturn { end -= 1 }
        defer { position = lineFeed + 1 }
        return position..<end
    }
}
