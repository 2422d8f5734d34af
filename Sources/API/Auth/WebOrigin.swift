import Foundation

/// A web origin as browsers compare them: scheme, host and port (RFC 6454), with the scheme's default port filled
/// in, so `https://example.com` and `https://example.com:443` are the same origin and `http://example.com` or
/// `https://example.com:8443` are not.
public struct WebOrigin: Hashable, Sendable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// The host, lower case, an IPv6 address without brackets.
    public let host: String
    /// The port, the scheme's default when none is written.
    public let port: Int

    /// Parses `scheme://host[:port]` (an `Origin` header value, or `WEBHOOKS_PUBLIC_ORIGIN`); `nil` for `null`,
    /// another scheme, a path, query, fragment or user part, or anything malformed. A single trailing `/` is allowed.
    public init?(_ text: String) {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7F }),
              let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let port = Self.defaultPort(scheme), let host = components.host, !host.isEmpty,
              components.path.isEmpty, components.query == nil, components.fragment == nil,
              components.user == nil, components.password == nil
        else { return nil }
        let explicitPort = components.port
        if let explicitPort, !(1...65535).contains(explicitPort) { return nil }
        self.scheme = scheme
        self.host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = explicitPort ?? port
    }

    /// The origin a request addressed to `host` (a `Host` header value, `name[:port]`) over `scheme` has.
    public init?(scheme: String, host: String) {
        self.init(scheme + "://" + host)
    }

    /// `scheme://host[:port]`, the port only when it is not the scheme's default.
    public var description: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        return port == Self.defaultPort(scheme) ? "\(scheme)://\(hostText)" : "\(scheme)://\(hostText):\(port)"
    }

    private static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "http": 80
        case "https": 443
        default: nil
        }
    }
}
