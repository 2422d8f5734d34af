public import HTTPServer
public import WebhookCore

/// The load balancers and reverse proxies in front of the service (`WEBHOOKS_TRUSTED_PROXIES`), and what they say
/// about the client: its address (`X-Forwarded-For`) and the scheme it used (`X-Forwarded-Proto`).
///
/// A client can send any `X-Forwarded-For` it likes, so the header counts only when the socket's peer is a trusted
/// proxy, and then only as far as trusted proxies wrote it: the list is walked from the right (each proxy appends
/// the address it saw), skipping addresses that are themselves trusted proxies, and the first other address is the
/// client. The leftmost entries are whatever the client sent and are never taken on their own word. A malformed
/// entry stops the walk and the last trusted hop is taken as the client: the entry was written by that hop's side
/// of the chain, and nothing behind it can be vouched for.
public struct TrustedProxies: Sendable {
    /// The addresses and blocks trusted; empty trusts no one (the default), so forwarding headers are ignored.
    public let ranges: [IPAddressRange]

    /// Trusts the peers in `ranges`.
    public init(_ ranges: [IPAddressRange] = []) {
        self.ranges = ranges
    }

    /// A list entry that is neither an address nor a CIDR block.
    public struct InvalidEntry: Error, Equatable {
        /// The entry as written.
        public let entry: String
    }

    /// Parses a comma-separated list of addresses and CIDR blocks, IPv4 or IPv6 (`10.0.0.0/8, 2001:db8::1`);
    /// blank entries are skipped.
    public init(parsing list: String) throws(InvalidEntry) {
        var ranges: [IPAddressRange] = []
        for item in list.split(separator: ",") {
            let entry = item.trimmingSpaces
            guard !entry.isEmpty else { continue }
            guard let range = IPAddressRange(entry) else { throw InvalidEntry(entry: entry) }
            ranges.append(range)
        }
        self.init(ranges)
    }

    /// Whether `address` (numeric text) belongs to a trusted proxy.
    public func isTrusted(_ address: String) -> Bool {
        guard !ranges.isEmpty, let parsed = IPAddress(address) else { return false }
        return isTrusted(parsed)
    }

    private func isTrusted(_ address: IPAddress) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// The client's address: the socket peer's, unless that is a trusted proxy; then the first untrusted address
    /// of `X-Forwarded-For` from the right (see the type's description).
    public func clientAddress(of request: HTTPRequest) -> String {
        guard !ranges.isEmpty, var hop = IPAddress(request.remoteAddress), isTrusted(hop) else {
            return request.remoteAddress
        }
        let entries = request.headers.values(for: "X-Forwarded-For").flatMap { $0.split(separator: ",") }
        for entry in entries.reversed() {
            guard let address = IPAddress(entry.trimmingSpaces) else { break }
            hop = address
            if !isTrusted(address) { break }
        }
        return (hop.unmappedIPv4 ?? hop).description
    }

    /// The scheme the client used, `http` or `https`: this server speaks plain HTTP, so `http`, unless a trusted
    /// proxy says otherwise in `X-Forwarded-Proto` (its first value: the scheme the outermost proxy saw).
    public func scheme(of request: HTTPRequest) -> String {
        guard isTrusted(request.remoteAddress), let header = request.headers["X-Forwarded-Proto"],
              let first = header.split(separator: ",").first?.trimmingSpaces.lowercased(),
              first == "http" || first == "https"
        else { return "http" }
        return first
    }
}

private extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
