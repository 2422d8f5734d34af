/// The request line and header section of a request, before its body is read.
struct ParsedHead {
    /// How the body is delimited (RFC 9112 §6.3).
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
    }

    var method: HTTPMethod
    var rawTarget: String
    var path: String
    var query: String?
    var version: HTTPVersion
    var headers: HTTPHeaders
    var wantsKeepAlive: Bool
    var expectsContinue: Bool
    var framing: Framing
    /// The authority of an absolute-form request target (RFC 9112 §3.2.2), which wins over the `Host` field.
    var targetAuthority: String? = nil

    /// The request made of this head and `body`.
    func request(body: [UInt8], remoteAddress: String) -> HTTPRequest {
        HTTPRequest(
            method: method, rawTarget: rawTarget, path: path, query: query, version: version,
            headers: headers, body: body, remoteAddress: remoteAddress, wantsKeepAlive: wantsKeepAlive
        )
    }
}
