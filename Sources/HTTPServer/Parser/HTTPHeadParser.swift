/// Parses a complete head (request line and header fields, up to and including the empty line) from bytes.
enum HTTPHeadParser {
    /// Parses `head`, which ends with the empty line, validating syntax and framing headers.
    static func parse(_ head: UnsafeBufferPointer<UInt8>, limits: HTTPParserLimits) throws(HTTPParseError) -> ParsedHead {
        var lines = LineIterator(bytes: head)
        guard let requestLine = lines.next() else { throw .invalidRequestLine }
        var parsed = try RequestLineParser.parse(UnsafeBufferPointer(rebasing: head[requestLine]), limits: limits)

        var contentLength: Int?
        var transferCodings: [Substring] = []
        var hasTransferEncoding = false
        var connectionValues: [String] = []
        var hostCount = 0
        var headers = HTTPHeaders(reservingCapacity: 8)
        var fieldCount = 0

        while let range = lines.next() {
            if range.isEmpty { break }
            let line = UnsafeBufferPointer(rebasing: head[range])
            // RFC 9112 §5.2 and §2.2: obs-fold, and whitespace before the first field, are rejected.
            guard line[0] != ASCII.space && line[0] != ASCII.tab else { throw .obsoleteLineFolding }
            guard let colon = line.firstIndex(of: ASCII.colon), colon > 0 else { throw .invalidHeader }
            // A token before the colon: no whitespace there (RFC 9112 §5.1), and no bare CR (§2.2).
            let nameBytes = UnsafeBufferPointer(rebasing: line[..<colon])
            guard nameBytes.allSatisfy(ASCII.isTokenCharacter) else { throw .invalidHeader }
            var valueStart = colon + 1
            var valueEnd = line.count
            while valueStart < valueEnd && (line[valueStart] == ASCII.space || line[valueStart] == ASCII.tab) { valueStart += 1 }
            while valueEnd > valueStart && (line[valueEnd - 1] == ASCII.space || line[valueEnd - 1] == ASCII.tab) { valueEnd -= 1 }
            let valueBytes = UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd])
            // No CR, LF or NUL in a value (RFC 9110 §5.5).
            guard valueBytes.allSatisfy(ASCII.isFieldValueCharacter) else { throw .invalidHeader }
            fieldCount += 1
            guard fieldCount <= limits.maxHeaderCount else { throw .headersTooLarge }

            let name = String(decoding: nameBytes, as: UTF8.self)
            let value = String(decoding: valueBytes, as: UTF8.self)
            switch nameBytes.count {
            case 4 where ASCII.equalsIgnoringCase(nameBytes, "host".utf8):
                hostCount += 1
                guard HostSyntax.isValid(valueBytes) else { throw .invalidHost }
            case 6 where ASCII.equalsIgnoringCase(nameBytes, "expect".utf8):
                if try expectsContinue(value) { parsed.expectsContinue = true }
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

        // RFC 9112 §3.2: one Host, required in HTTP/1.1; an absolute-form target's authority replaces it (§3.2.2).
        guard hostCount <= 1 else { throw .duplicateHost }
        guard hostCount == 1 || parsed.version == .http1_0 else { throw .missingHost }
        if let authority = parsed.targetAuthority { headers.set(name: "Host", value: authority) }

        parsed.headers = headers
        parsed.wantsKeepAlive = HTTPRequest.keepAlive(version: parsed.version, connectionValues: connectionValues)
        // RFC 9110 §10.1.1: a 100-continue expectation in an HTTP/1.0 request is ignored.
        if parsed.version == .http1_0 { parsed.expectsContinue = false }
        parsed.framing = try framing(
            contentLength: contentLength, hasTransferEncoding: hasTransferEncoding,
            transferCodings: transferCodings, version: parsed.version
        )
        return parsed
    }

    /// A Content-Length value: digits, or a list of identical digit strings (RFC 9112 §6.3 item 5), whose
    /// empty elements are ignored as in every list (RFC 9110 §5.6.1.2).
    private static func parseContentLength(_ value: String) throws(HTTPParseError) -> Int {
        var result: Int?
        for element in value.split(separator: ",") {
            let digits = element.trimmingSpacesAndTabs.utf8
            if digits.isEmpty { continue }
            guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
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
        // §6.1: with Content-Length too, or in HTTP/1.0, the framing is faulty (answered, then the connection closes).
        guard contentLength == nil else { throw .conflictingFraming }
        guard version == .http1_1, let last = transferCodings.last else { throw .invalidTransferEncoding }
        // §6.3 item 4: unless chunked is the last coding the length is unknown, which is a 400 (not the 501 of §6.1).
        guard isChunked(last) else { throw .invalidTransferEncoding }
        guard transferCodings.dropLast().allSatisfy(isChunked) else { throw .unsupportedTransferCoding }
        // §6.1: chunked is applied only once.
        guard transferCodings.count == 1 else { throw .invalidTransferEncoding }
        return .chunked
    }

    private static func isChunked(_ coding: Substring) -> Bool {
        ASCII.equalsIgnoringCase(coding.utf8, "chunked".utf8)
    }

    /// Whether an `Expect` value asks for `100-continue`; any other expectation cannot be met (RFC 9110 §10.1.1: 417).
    private static func expectsContinue(_ value: String) throws(HTTPParseError) -> Bool {
        var found = false
        for member in value.split(separator: ",") {
            let expectation = member.trimmingSpacesAndTabs
            if expectation.isEmpty { continue }
            guard ASCII.equalsIgnoringCase(expectation.utf8, "100-continue".utf8) else { throw .unsupportedExpectation }
            found = true
        }
        return found
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
