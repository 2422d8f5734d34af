/// A complete HTTP request as handed to a responder: request line, headers and the whole body.
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The request target exactly as received, e.g. `/api/v1/items?limit=10`.
    public var rawTarget: String
    /// The percent-decoded path, without the query, e.g. `/api/v1/items`.
    public var path: String
    /// The raw (still percent-encoded) query after `?`, or nil when the target has no `?`.
    public var query: String?
    /// The protocol version of the request line.
    public var version: HTTPVersion
    /// The header fields, in the order received.
    public var headers: HTTPHeaders
    /// The body, de-chunked when it was sent with `Transfer-Encoding: chunked`; empty when there is none.
    public var body: [UInt8]
    /// The numeric address of the client (`"127.0.0.1"`, `"::1"`), without the port.
    public var remoteAddress: String
    /// Whether the client wants the connection kept open after this request (HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`).
    public var wantsKeepAlive: Bool

    /// Creates a request from a request target, splitting and decoding its path and query.
    /// Malformed percent-escapes are kept literally. Intended for tests and for calling responders directly.
    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        remoteAddress: String = ""
    ) {
        let parts = Self.split(target: target[...])
        self.init(
            method: method,
            rawTarget: target,
            path: PercentDecoding.decode(parts.path, plusAsSpace: false, strict: false) ?? String(parts.path),
            query: parts.query.map(String.init),
            version: version,
            headers: headers,
            body: body,
            remoteAddress: remoteAddress,
            wantsKeepAlive: Self.keepAlive(version: version, connectionValues: headers.values(for: "Connection"))
        )
    }

    init(
        method: HTTPMethod, rawTarget: String, path: String, query: String?, version: HTTPVersion,
        headers: HTTPHeaders, body: [UInt8], remoteAddress: String, wantsKeepAlive: Bool
    ) {
        self.method = method
        self.rawTarget = rawTarget
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.wantsKeepAlive = wantsKeepAlive
    }

    /// The decoded query parameters in order: `a=1&b=x+y&c` gives `[("a", "1"), ("b", "x y"), ("c", "")]`.
    public var queryItems: [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let name: Substring
            let value: Substring
            if let equals = item.firstIndex(of: "=") {
                name = item[..<equals]
                value = item[item.index(after: equals)...]
            } else {
                name = item
                value = ""
            }
            return (
                name: PercentDecoding.decode(name, plusAsSpace: true, strict: false) ?? String(name),
                value: PercentDecoding.decode(value, plusAsSpace: true, strict: false) ?? String(value)
            )
        }
    }

    /// The decoded value of the first query parameter called `name`, or nil.
    public func queryParameter(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// The still-encoded path portion of the target (for origin form, the part before `?`).
    var rawPath: Substring {
        Self.split(target: rawTarget[...]).path
    }

    /// Splits an origin-form or absolute-form target into its raw path and query (byte-wise, no Character work).
    static func split(target: Substring) -> (path: Substring, query: Substring?) {
        var rest = target
        if rest.utf8.first != ASCII.slash, let scheme = rest.utf8.firstRange(of: "://".utf8) {
            let afterAuthority = rest[scheme.upperBound...]
            let pathStart = afterAuthority.utf8.firstIndex { $0 == ASCII.slash || $0 == ASCII.questionMark }
            rest = afterAuthority[(pathStart ?? afterAuthority.endIndex)...]
        }
        guard let mark = rest.utf8.firstIndex(of: ASCII.questionMark) else {
            return (rest.isEmpty ? "/" : rest, nil)
        }
        let path = rest[..<mark]
        return (path.isEmpty ? "/" : path, rest[rest.utf8.index(after: mark)...])
    }

    /// Keep-alive semantics of RFC 9112 §9.3 from the `Connection` header values.
    static func keepAlive(version: HTTPVersion, connectionValues: [String]) -> Bool {
        var close = false
        var keepAlive = false
        for value in connectionValues {
            for option in value.split(separator: ",") {
                let token = option.trimmingSpacesAndTabs
                if ASCII.equalsIgnoringCase(token.utf8, "close".utf8) { close = true }
                if ASCII.equalsIgnoringCase(token.utf8, "keep-alive".utf8) { keepAlive = true }
            }
        }
        if close { return false }
        if version.major == 1 && version.minor == 0 { return keepAlive }
        return version.major >= 1
    }
}
