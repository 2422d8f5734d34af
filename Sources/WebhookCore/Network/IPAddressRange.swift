/// A block of addresses written as CIDR (`10.0.0.0/8`, `2001:db8::/32`) or as a single address (a /32 or /128).
///
/// An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, as a dual-stack socket reports an IPv4 peer) is in an IPv4
/// block when its IPv4 address is.
public struct IPAddressRange: Hashable, Sendable {
    /// The first address of the block.
    public let network: IPAddress
    /// The number of leading bits that are fixed (0 to 32 for IPv4, 0 to 128 for IPv6).
    public let prefixLength: Int

    /// Parses `address` or `address/length`; the address is an ``IPAddress`` literal. `nil` for a length out of
    /// range, host bits set after the prefix (`10.0.0.1/8` is a typo more often than a wish), or anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let bits = address.bitWidth
        let length: Int
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let parsed = Int(parts[1]), (0...bits).contains(parsed) else { return nil }
            length = parsed
        } else {
            length = bits
        }
        guard address.masked(to: length) == address else { return nil }
        network = address
        prefixLength = length
    }

    /// Whether `address` lies in the block.
    public func contains(_ address: IPAddress) -> Bool {
        let candidate = address.unmappedIPv4 ?? address
        guard candidate.bitWidth == network.bitWidth else { return false }
        return candidate.masked(to: prefixLength) == network
    }
}

extension IPAddressRange: CustomStringConvertible {
    /// `network/length`, e.g. `10.0.0.0/8`.
    public var description: String { "\(network)/\(prefixLength)" }
}

extension IPAddress {
    /// 32 for IPv4, 128 for IPv6.
    var bitWidth: Int {
        switch self {
        case .v4: 32
        case .v6: 128
        }
    }

    /// The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) carries; `nil` for any other address.
    public var unmappedIPv4: IPAddress? {
        guard case .v6(let high, let low) = self, high == 0, low >> 32 == 0xFFFF else { return nil }
        return .v4(UInt32(truncatingIfNeeded: low))
    }

    /// The address with every bit after the first `length` cleared.
    func masked(to length: Int) -> IPAddress {
        switch self {
        case .v4(let value):
            return .v4(length == 0 ? 0 : value & ~UInt32(0) << UInt32(32 - length))
        case .v6(let high, let low):
            let keepHigh = min(length, 64)
            let keepLow = max(length - 64, 0)
            return .v6(high: keepHigh == 0 ? 0 : high & ~UInt64(0) << UInt64(64 - keepHigh),
                       low: keepLow == 0 ? 0 : low & ~UInt64(0) << UInt64(64 - keepLow))
        }
    }
}
