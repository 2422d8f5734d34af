/// Parses the request line `method SP request-target SP HTTP-version` (RFC 9112 §3) and tells the four forms
/// of request target apart (§3.2).
enum RequestLineParser {
    /// The head of a request with this request line and no fields yet.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, limits: HTTPParserLimits) throws(HTTPParseError) -> ParsedHead {
        guard let firstSpace = line.firstIndex(of: ASCII.space), firstSpace > 0 else { throw .invalidRequestLine }
        let methodBytes = UnsafeBufferPointer(rebasing: line[..<firstSpace])
        guard methodBytes.allSatisfy(ASCII.isTokenCharacter) else { throw .invalidRequestLine }
        let rest = line[(firstSpace + 1)...]
        guard let secondSpace = rest.firstIndex(of: ASCII.space), secondSpace > firstSpace + 1 else { throw .invalidRequestLine }
        let target = UnsafeBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace])
        guard target.count <= limits.maxRequestTargetBytes else { throw .targetTooLong }
        guard target.allSatisfy(ASCII.isTargetCharacter) else { throw .invalidRequestLine }
        let version = try parseVersion(UnsafeBufferPointer(rebasing: line[(secondSpace + 1)...]))

        var head = ParsedHead(
            method: HTTPMethod.parse(methodBytes), rawTarget: String(decoding: target, as: UTF8.self), path: "",
            query: nil, version: version, headers: HTTPHeaders(), wantsKeepAlive: false, expectsContinue: false,
            framing: .none
        )
        if target[0] == ASCII.slash {
            try decodePathAndQuery(into: &head)
        } else if target.count == 1 && target[0] == ASCII.asterisk {
            // §3.2.4: the asterisk-form is only for a server-wide OPTIONS.
            guard head.method == .options else { throw .invalidTarget }
            head.path = "*"
        } else if let authority = absoluteFormAuthority(target) {
            // §3.2.2: accepted from any client; its authority is the target's host, whatever `Host` says.
            guard !authority.isEmpty, HostSyntax.isValid(authority) else { throw .invalidHost }
            head.targetAuthority = String(decoding: authority, as: UTF8.self)
            try decodePathAndQuery(into: &head)
        } else {
            // §3.2.3: the authority-form is only for CONNECT; its target URI has no path (§3.3).
            guard head.method.rawValue == "CONNECT", HostSyntax.isValid(target) else { throw .invalidTarget }
        }
        return head
    }

    private static func decodePathAndQuery(into head: inout ParsedHead) throws(HTTPParseError) {
        let parts = HTTPRequest.split(target: head.rawTarget[...])
        guard let decoded = PercentDecoding.decode(parts.path, plusAsSpace: false, strict: true) else { throw .invalidTarget }
        head.path = decoded
        head.query = parts.query.map(String.init)
    }

    /// The authority of an absolute-form target (`scheme "://" authority [path] ["?" query]`), or nil when
    /// `target` does not start with a scheme and `//`.
    private static func absoluteFormAuthority(_ target: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let colon = target.firstIndex(of: ASCII.colon), colon > 0, colon + 2 < target.count,
              target[colon + 1] == ASCII.slash, target[colon + 2] == ASCII.slash,
              isScheme(UnsafeBufferPointer(rebasing: target[..<colon])) else { return nil }
        let start = colon + 3
        let end = target[start...].firstIndex { $0 == ASCII.slash || $0 == ASCII.questionMark } ?? target.count
        return UnsafeBufferPointer(rebasing: target[start..<end])
    }

    /// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` (RFC 3986 §3.1).
    private static func isScheme(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || "+-.".utf8.contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        let lower = ASCII.lowercased(byte)
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    /// `HTTP/<digit>.<digit>`, case-sensitive (§2.3); only major version 1 is served, and a higher minor version
    /// is treated as 1.1, the highest this server conforms to (§2.3).
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        guard bytes.count == 8, bytes[..<5].elementsEqual("HTTP/".utf8), bytes[6] == UInt8(ascii: "."),
              let major = decimalDigit(bytes[5]), let minor = decimalDigit(bytes[7]) else {
            throw .invalidRequestLine
        }
        guard major == 1 else { throw .unsupportedVersion }
        return minor == 0 ? .http1_0 : .http1_1
    }

    private static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
