import Glibc
@testable import HTTPServer
import Testing

@Suite("Server: connection admission per address")
struct ConnectionAdmissionTests {
    @Test func anAddressAtItsLimitIsRefusedUntilItReleasesOne() {
        let admission = ConnectionAdmission(maxConnections: 10, maxPerAddress: 2)
        #expect(admission.admit("10.0.0.1") == .admitted)
        #expect(admission.admit("10.0.0.1") == .admitted)
        #expect(admission.admit("10.0.0.1") == .refusedForAddress)
        #expect(admission.admit("10.0.0.2") == .admitted)
        admission.release("10.0.0.1")
        #expect(admission.admit("10.0.0.1") == .admitted)
        #expect(admission.openConnections == 3)
    }

    @Test func aFullServerNamesTheBusiestAddressOnlyWhenItHoldsTwoMoreThanTheNewcomer() {
        let admission = ConnectionAdmission(maxConnections: 4, maxPerAddress: nil)
        for _ in 0..<3 { #expect(admission.admit("10.0.0.1") == .admitted) }
        #expect(admission.admit("10.0.0.2") == .admitted)
        #expect(admission.admit("10.0.0.1") == .refusedFull)
        #expect(admission.admit("10.0.0.3") == .full(busiestAddress: "10.0.0.1"))
        // After one shed, 10.0.0.1 holds 2 and 10.0.0.2 holds 1: 10.0.0.2 may not take another of its slots.
        admission.release("10.0.0.1")
        #expect(admission.admit("10.0.0.3") == .admitted)
        #expect(admission.admit("10.0.0.2") == .refusedFull)
        #expect(admission.admit("10.0.0.4") == .full(busiestAddress: "10.0.0.1"))
    }

    @Test func theDefaultLimitIsATenthOfMaxConnectionsWithAFloorOf32AndZeroTurnsItOff() {
        #expect(HTTPServerConfiguration().connectionsPerAddressLimit == 1_000)
        #expect(HTTPServerConfiguration(maxConnections: 50).connectionsPerAddressLimit == 32)
        #expect(HTTPServerConfiguration(maxConnections: 2).connectionsPerAddressLimit == 2)
        #expect(HTTPServerConfiguration(maxConnectionsPerAddress: 0).connectionsPerAddressLimit == nil)
        #expect(HTTPServerConfiguration(maxConnectionsPerAddress: 7).connectionsPerAddressLimit == 7)
    }

    @Test func ipv6ClientsCountByTheirSlash64AndIPv4ByTheirAddress() {
        #expect(limitKey(ipv6: "2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64")
        #expect(limitKey(ipv6: "2001:db8:1:2::1") == limitKey(ipv6: "2001:db8:1:2:ffff::9"))
        #expect(limitKey(ipv6: "::ffff:192.0.2.7") == "::ffff:192.0.2.7")
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { raw in
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("192.0.2.7")
            withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) }
        }
        #expect(SocketAddress.limitKey(of: &storage) == "192.0.2.7")
    }

    private func limitKey(ipv6 text: String) -> String {
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { raw in
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            _ = inet_pton(AF_INET6, text, &address.sin6_addr)
            withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) }
        }
        return SocketAddress.limitKey(of: &storage)
    }
}
