import WebhookCore
internal import Glibc

extension IPAddress {
    /// Reads the address out of a `sockaddr_in` or `sockaddr_in6` of `length` bytes;
    /// `nil` for another family or a length too short for its family.
    init?(sockaddr address: UnsafePointer<sockaddr>, length: Int) {
        let raw = UnsafeRawPointer(address)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            guard length >= MemoryLayout<sockaddr_in>.size else { return nil }
            let ipv4 = raw.loadUnaligned(as: sockaddr_in.self)
            self = .v4(UInt32(bigEndian: ipv4.sin_addr.s_addr))
        case AF_INET6:
            guard length >= MemoryLayout<sockaddr_in6>.size else { return nil }
            let ipv6 = raw.loadUnaligned(as: sockaddr_in6.self)
            guard let parsed = withUnsafeBytes(of: ipv6.sin6_addr, { IPAddress(bytes: $0) }) else { return nil }
            self = parsed
        default:
            return nil
        }
    }
}
