/// Why a request could not be parsed. Every case is final for the connection: the server answers with
/// `status` and the JSON body from `code` and `message`, then closes.
enum HTTPParseError: Error, Equatable, Sendable {
    case invalidRequestLine
    case invalidTarget
    case unsupportedVersion
    case invalidHeader
    case missingHost
    case duplicateHost
    case invalidHost
    case obsoleteLineFolding
    case headersTooLarge
    case targetTooLong
    case invalidContentLength
    case conflictingFraming
    case invalidTransferEncoding
    case unsupportedTransferCoding
    case invalidChunk
    case bodyTooLarge
    case unsupportedExpectation

    /// The status of the error response.
    var status: HTTPStatus {
        switch self {
        case .invalidRequestLine, .invalidTarget, .invalidHeader, .missingHost, .duplicateHost, .invalidHost,
             .obsoleteLineFolding, .invalidContentLength, .conflictingFraming, .invalidTransferEncoding, .invalidChunk:
            return .badRequest
        case .unsupportedVersion: return .httpVersionNotSupported
        case .headersTooLarge: return .requestHeaderFieldsTooLarge
        case .targetTooLong: return .uriTooLong
        case .unsupportedTransferCoding: return .notImplemented
        case .bodyTooLarge: return .payloadTooLarge
        case .unsupportedExpectation: return .expectationFailed
        }
    }

    /// The machine-readable code of the error body.
    var code: String { status.snakeCaseName }

    /// The human sentence of the error body.
    var message: String {
        switch self {
        case .invalidRequestLine: return "The request line is malformed."
        case .invalidTarget: return "The request target is malformed."
        case .unsupportedVersion: return "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .invalidHeader: return "A header field is malformed."
        case .missingHost: return "An HTTP/1.1 request must have a Host header."
        case .duplicateHost: return "A request must not have more than one Host header."
        case .invalidHost: return "The Host header or the authority of the request target is malformed."
        case .obsoleteLineFolding: return "Header line folding is not allowed."
        case .headersTooLarge: return "The request header section is too large."
        case .targetTooLong: return "The request target is too long."
        case .invalidContentLength: return "The Content-Length header is invalid."
        case .conflictingFraming: return "A request must not have both Content-Length and Transfer-Encoding."
        case .invalidTransferEncoding: return "The Transfer-Encoding header is invalid; chunked must be its last and only once."
        case .unsupportedTransferCoding: return "Only the chunked transfer coding is supported."
        case .invalidChunk: return "The chunked body is malformed."
        case .bodyTooLarge: return "The request body is too large."
        case .unsupportedExpectation: return "Only the 100-continue expectation is supported."
        }
    }
}
