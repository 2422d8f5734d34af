@testable import Delivery
import Glibc
import Testing
import WebhookCore

@Suite struct SocketAddressTests {
    @Test func socketAddressesAreReadForBothFamilies() throws {
        var ipv4 = sockaddr_in()
        ipv4.sin_family = sa_family_t(AF_INET)
        ipv4.sin_addr.s_addr = UInt32(0x0A00_0001).bigEndian
        let fromIPv4 = withUnsafePointer(to: &ipv4) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                IPAddress(sockaddr: $0, length: MemoryLayout<sockaddr_in>.size)
            }
        }
        #expect(fromIPv4 == IPAddress("10.0.0.1"))

        var ipv6 = sockaddr_in6()
        ipv6.sin6_family = sa_family_t(AF_INET6)
        withUnsafeMutableBytes(of: &ipv6.sin6_addr) { bytes in
            bytes.copyBytes(from: [0xFD, 0x00, 0x0E, 0xC2] + [UInt8](repeating: 0, count: 10) + [0x02, 0x54])
        }
        let fromIPv6 = withUnsafePointer(to: &ipv6) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                IPAddress(sockaddr: $0, length: MemoryLayout<sockaddr_in6>.size)
            }
        }
        let address = try #require(fromIPv6)
        #expect(address == IPAddress("fd00:ec2::254"))
        #expect(AddressPolicy.classify(address) == .blocked(.metadata))

        let truncated = withUnsafePointer(to: &ipv6) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { IPAddress(sockaddr: $0, length: 16) }
        }
        #expect(truncated == nil)
    }
}
