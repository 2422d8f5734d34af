internal import Glibc

/// Formatting of socket addresses.
enum SocketAddress {
    /// The numeric host of an IPv4 or IPv6 address (`"127.0.0.1"`, `"::1"`), or `""` for other families.
    static func host(of storage: UnsafePointer<sockaddr_storage>) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let raw = UnsafeRawPointer(storage)
        let converted: UnsafePointer<CChar>?
        switch Int32(storage.pointee.ss_family) {
        case AF_INET:
            var address = raw.load(as: sockaddr_in.self)
            converted = inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count))
        case AF_INET6:
            var address = raw.load(as: sockaddr_in6.self)
            converted = inet_ntop(AF_INET6, &address.sin6_addr, &text, socklen_t(text.count))
        default:
            converted = nil
        }
        guard converted != nil else { return "" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
}
