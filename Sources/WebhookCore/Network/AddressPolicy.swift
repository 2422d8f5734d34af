/// Decides which peer addresses a webhook may reach (the SSRF guard).
///
/// The client applies it at connect time, to the address curl is about to connect to after DNS resolution,
/// so a host name that resolves (or re-resolves) to an internal address is refused too. The webhook API
/// applies ``isBlockedLiteral(host:)`` earlier, to reject obvious internal URLs when they are created.
public enum AddressPolicy {
    /// The outcome of classifying one address.
    public enum Classification: Hashable, Sendable {
        /// A globally reachable address: webhooks may go there.
        case `public`
        /// A non-public address, and why.
        case blocked(BlockReason)
    }

    /// Why an address is not public.
    public enum BlockReason: String, Hashable, Sendable {
        /// `0.0.0.0/8`, `::`.
        case unspecified
        /// `127.0.0.0/8`, `::1`.
        case loopback
        /// `10/8`, `172.16/12`, `192.168/16`, the local-use NAT64 prefix `64:ff9b:1::/48`.
        case privateNetwork = "private network"
        /// `169.254/16`, `fe80::/10`.
        case linkLocal = "link-local"
        /// Carrier-grade NAT shared space `100.64/10`.
        case sharedAddressSpace = "shared address space (CGNAT)"
        /// `224/4`, `ff00::/8`.
        case multicast
        /// `255.255.255.255`.
        case broadcast
        /// `240/4`, `192.88.99/24`, `100::/64`, `fec0::/10`, and IPv6 outside `2000::/3`.
        case reserved
        /// `198.18/15`.
        case benchmarking
        /// `192.0.2/24`, `198.51.100/24`, `203.0.113/24`, `2001:db8::/32`, `3fff::/20`.
        case documentation
        /// IETF protocol assignments `192.0.0/24` and `2001::/23` (including Teredo).
        case protocolAssignments = "IETF protocol assignments"
        /// IPv6 unique local addresses `fc00::/7`.
        case uniqueLocal = "unique local"
        /// Cloud instance metadata endpoints `169.254.169.254` and `fd00:ec2::254`.
        case metadata = "cloud metadata endpoint"
    }

    /// Classifies an address. IPv4-mapped (`::ffff:0:0/96`), IPv4-compatible (`::/96`), NAT64
    /// (`64:ff9b::/96`) and 6to4 (`2002::/16`) addresses are judged by the IPv4 address they embed.
    public static func classify(_ address: IPAddress) -> Classification {
        switch address {
        case .v4(let value):
            return classifyIPv4(value)
        case .v6(let high, let low):
            if let embedded = embeddedIPv4(high: high, low: low) {
                return classifyIPv4(embedded)
            }
            for range in ipv6Ranges where range.contains(high: high, low: low) {
                return .blocked(range.reason)
            }
            return high >> 61 == 0b001 ? .public : .blocked(.reserved)
        }
    }

    /// Whether webhooks may not reach this address.
    public static func isBlocked(_ address: IPAddress) -> Bool {
        classify(address) != .public
    }

    /// Whether a URL host is, on its face, a non-public target: `localhost` or a name under `.localhost`,
    /// or an IP literal (any form curl accepts, IPv6 in brackets or not) that ``classify(_:)`` blocks.
    /// Host names are not resolved here; the connect-time check covers them.
    public static func isBlockedLiteral(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        guard let address = IPAddress(name) else { return false }
        return isBlocked(address)
    }

    private static func classifyIPv4(_ value: UInt32) -> Classification {
        for range in ipv4Ranges where range.contains(value) {
            return .blocked(range.reason)
        }
        return .public
    }

    /// The IPv4 address inside an IPv6 address that carries one, if it does.
    private static func embeddedIPv4(high: UInt64, low: UInt64) -> UInt32? {
        let low32 = UInt32(truncatingIfNeeded: low)
        if high == 0 && low >> 32 == 0xFFFF { return low32 }                // ::ffff:a.b.c.d, mapped
        if high == 0 && low >> 32 == 0 && low > 1 { return low32 }          // ::a.b.c.d, compatible
        if high == 0x0064_FF9B_0000_0000 && low >> 32 == 0 { return low32 } // 64:ff9b::a.b.c.d, NAT64
        if high >> 48 == 0x2002 { return UInt32(truncatingIfNeeded: high >> 16) } // 2002:aabb:ccdd::, 6to4
        return nil
    }

    private static let ipv4Ranges: [IPv4Range] = [
        IPv4Range(0x0000_0000, 8, .unspecified),
        IPv4Range(0x0A00_0000, 8, .privateNetwork),
        IPv4Range(0x6440_0000, 10, .sharedAddressSpace),
        IPv4Range(0x7F00_0000, 8, .loopback),
        IPv4Range(0xA9FE_A9FE, 32, .metadata),
        IPv4Range(0xA9FE_0000, 16, .linkLocal),
        IPv4Range(0xAC10_0000, 12, .privateNetwork),
        IPv4Range(0xC000_0000, 24, .protocolAssignments),
        IPv4Range(0xC000_0200, 24, .documentation),
        IPv4Range(0xC058_6300, 24, .reserved),
        IPv4Range(0xC0A8_0000, 16, .privateNetwork),
        IPv4Range(0xC612_0000, 15, .benchmarking),
        IPv4Range(0xC633_6400, 24, .documentation),
        IPv4Range(0xCB00_7100, 24, .documentation),
        IPv4Range(0xE000_0000, 4, .multicast),
        IPv4Range(0xFFFF_FFFF, 32, .broadcast),
        IPv4Range(0xF000_0000, 4, .reserved),
    ]

    private static let ipv6Ranges: [IPv6Range] = [
        IPv6Range(high: 0, low: 0, 128, .unspecified),
        IPv6Range(high: 0, low: 1, 128, .loopback),
        IPv6Range(high: 0xFD00_0EC2_0000_0000, low: 0x254, 128, .metadata),
        IPv6Range(high: 0x0064_FF9B_0001_0000, low: 0, 48, .privateNetwork),
        IPv6Range(high: 0x0100_0000_0000_0000, low: 0, 64, .reserved),
        IPv6Range(high: 0x2001_0000_0000_0000, low: 0, 23, .protocolAssignments),
        IPv6Range(high: 0x2001_0DB8_0000_0000, low: 0, 32, .documentation),
        IPv6Range(high: 0x3FFF_0000_0000_0000, low: 0, 20, .documentation),
        IPv6Range(high: 0xFC00_0000_0000_0000, low: 0, 7, .uniqueLocal),
        IPv6Range(high: 0xFE80_0000_0000_0000, low: 0, 10, .linkLocal),
        IPv6Range(high: 0xFEC0_0000_0000_0000, low: 0, 10, .reserved),
        IPv6Range(high: 0xFF00_0000_0000_0000, low: 0, 8, .multicast),
    ]
}

/// An IPv4 prefix and the reason addresses in it are blocked.
private struct IPv4Range {
    let network: UInt32
    let mask: UInt32
    let reason: AddressPolicy.BlockReason

    init(_ network: UInt32, _ prefixLength: Int, _ reason: AddressPolicy.BlockReason) {
        self.network = network
        self.mask = ~UInt32(0) << (32 - prefixLength)
        self.reason = reason
    }

    func contains(_ value: UInt32) -> Bool { value & mask == network }
}

/// An IPv6 prefix and the reason addresses in it are blocked.
private struct IPv6Range {
    let high: UInt64
    let low: UInt64
    let highMask: UInt64
    let lowMask: UInt64
    let reason: AddressPolicy.BlockReason

    init(high: UInt64, low: UInt64, _ prefixLength: Int, _ reason: AddressPolicy.BlockReason) {
        self.high = high
        self.low = low
        self.highMask = prefixLength >= 64 ? ~0 : ~UInt64(0) << (64 - prefixLength)
        self.lowMask = prefixLength <= 64 ? 0 : ~UInt64(0) << (128 - prefixLength)
        self.reason = reason
    }

    func contains(high: UInt64, low: UInt64) -> Bool {
        high & highMask == self.high && low & lowMask == self.low
    }
}
