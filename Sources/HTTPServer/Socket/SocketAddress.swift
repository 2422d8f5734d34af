internal import Glibc

/// Formatting of socket addresses.
enum SocketAddress {
    private static let ipv4MappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    /// The numeric host of an IPv4 or IPv6 address (`"127.0.0.1"`, `"::1"`), or `""` for other families.
    static func host(of storage: UnsafePointer<sockaddr_storage>) -> String {
        let raw = UnsafeRawPointer(storage)
        switch Int32(storage.pointee.ss_family) {
        case AF_INET:
            var address = raw.load(as: sockaddr_in.self).sin_addr
            return numeric(AF_INET, &address)
        case AF_INET6:
            var address = raw.load(as: sockaddr_in6.self).sin6_addr
            return numeric(AF_INET6, &address)
        default:
            return ""
        }
    }

    /// What a per-address limit counts: the numeric host of an IPv4 (or IPv4-mapped IPv6) address, and the /64
    /// prefix of any other IPv6 address (`"2001:db8:1:2::/64"`), because one IPv6 client usually owns a whole /64.
    static func limitKey(of storage: UnsafePointer<sockaddr_storage>) -> String {
        guard Int32(storage.pointee.ss_family) == AF_INET6 else { return host(of: storage) }
        var address = UnsafeRawPointer(storage).load(as: sockaddr_in6.self).sin6_addr
        let isMapped = withUnsafeMutableBytes(of: &address) { bytes in
            guard !bytes.prefix(12).elementsEqual(ipv4MappedPrefix) else { return true }
            for index in 8..<16 { bytes[index] = 0 }
            return false
        }
        return isMapped ? host(of: storage) : numeric(AF_INET6, &address) + "/64"
    }

    /// The port of an IPv4 or IPv6 address, or 0 for other families.
    static func port(of storage: UnsafePointer<sockaddr_storage>) -> Int {
        let raw = UnsafeRawPointer(storage)
        switch Int32(storage.pointee.ss_family) {
        case AF_INET:
            return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
        case AF_INET6:
            return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
        default:
            return 0
        }
    }

    /// `inet_ntop` of an `in_addr` or `in6_addr`, or `""` when it fails.
    private static func numeric(_ family: Int32, _ address: UnsafeRawPointer) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        guard inet_ntop(family, address, &text, socklen_t(text.count)) != nil else { return "" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
