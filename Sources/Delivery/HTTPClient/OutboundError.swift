import WebhookCore
/// Why a request got no complete HTTP response. Redirects are never followed, so there is no redirect error:
/// a 3xx is an ordinary status code.
public enum OutboundError: Error, Hashable, Sendable {
    /// The timeout passed (connecting, waiting for a connection slot, or reading).
    case timeout
    /// The TCP connection could not be made or broke before a full response; curl's message.
    case connectionFailed(String)
    /// The host name could not be resolved; curl's message.
    case dnsFailed(String)
    /// The TLS handshake or certificate verification failed; curl's message.
    case tlsFailed(String)
    /// The SSRF guard refused to connect to this non-public address (see ``AddressPolicy``).
    case blockedAddress(String)
    /// Any other failure: curl's `CURLcode` and message (for example 1, unsupported protocol, for `ftp://`).
    case other(code: Int, message: String)
}

extension OutboundError: CustomStringConvertible {
    /// A one-line message for delivery logs.
    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .connectionFailed(let message): "connection failed: \(message)"
        case .dnsFailed(let message): "DNS lookup failed: \(message)"
        case .tlsFailed(let message): "TLS failed: \(message)"
        case .blockedAddress(let address): "blocked: \(address) is not a public address\(Self.reason(address)); private targets are not allowed"
        case .other(let code, let message): "request failed (curl error \(code)): \(message)"
        }
    }

    /// ` (loopback)`, ` (private network)`, ... for an address the SSRF guard refused, or nothing.
    private static func reason(_ address: String) -> String {
        guard let parsed = IPAddress(address), case .blocked(let reason) = AddressPolicy.classify(parsed) else { return "" }
        return " (\(reason.rawValue))"
    }
}
