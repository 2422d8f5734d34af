import WebhookCore
import Testing

@Suite struct AddressPolicyTests {
    typealias Reason = AddressPolicy.BlockReason

    static let blockedIPv4: [(String, Reason)] = [
        ("0.0.0.0", .unspecified), ("0.255.255.255", .unspecified),
        ("127.0.0.1", .loopback), ("127.255.255.254", .loopback),
        ("10.0.0.1", .privateNetwork), ("10.255.255.255", .privateNetwork),
        ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("192.168.0.1", .privateNetwork), ("192.168.255.255", .privateNetwork),
        ("169.254.0.1", .linkLocal), ("169.254.255.255", .linkLocal),
        ("169.254.169.254", .metadata),
        ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("224.0.0.1", .multicast), ("239.255.255.255", .multicast),
        ("255.255.255.255", .broadcast),
        ("240.0.0.1", .reserved), ("255.255.255.254", .reserved), ("192.88.99.1", .reserved),
        ("198.18.0.1", .benchmarking), ("198.19.255.255", .benchmarking),
        ("192.0.2.1", .documentation), ("198.51.100.7", .documentation), ("203.0.113.9", .documentation),
        ("192.0.0.1", .protocolAssignments), ("192.0.0.170", .protocolAssignments),
    ]

    static let publicIPv4 = [
        "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.0", "192.0.3.0",
        "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255", "93.184.216.34",
    ]

    static let blockedIPv6: [(String, Reason)] = [
        ("::", .unspecified), ("::1", .loopback),
        ("fe80::1", .linkLocal), ("febf:ffff::1", .linkLocal),
        ("fc00::1", .uniqueLocal), ("fdff:ffff::1", .uniqueLocal),
        ("fd00:ec2::254", .metadata),
        ("ff02::1", .multicast), ("ff0e::1", .multicast),
        ("fec0::1", .reserved), ("100::1", .reserved), ("4000::1", .reserved), ("1::1", .reserved),
        ("2001:db8::1", .documentation), ("3fff::1", .documentation),
        ("2001::1", .protocolAssignments), ("2001:0:4136:e378:8000:63bf:3fff:fdd2", .protocolAssignments),
        ("64:ff9b:1::1", .privateNetwork),
    ]

    static let embeddedIPv4: [(String, Reason?)] = [
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.0.0.1", .privateNetwork),
        ("::ffff:169.254.169.254", .metadata), ("::ffff:7f00:1", .loopback),
        ("::127.0.0.1", .loopback), ("::10.1.2.3", .privateNetwork),
        ("64:ff9b::10.0.0.1", .privateNetwork), ("64:ff9b::127.0.0.1", .loopback),
        ("2002:0a00:0001::1", .privateNetwork), ("2002:7f00:1::", .loopback), ("2002:a9fe:a9fe::1", .metadata),
        ("::ffff:8.8.8.8", nil), ("64:ff9b::8.8.8.8", nil), ("2002:0808:0808::1", nil), ("::8.8.4.4", nil),
    ]

    static let publicIPv6 = ["2606:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:81b::200e", "2620:fe::fe"]

    @Test(arguments: blockedIPv4)
    func nonPublicIPv4RangesAreBlockedWithTheirReason(text: String, reason: Reason) throws {
        let address = try #require(IPAddress(text))
        #expect(AddressPolicy.classify(address) == .blocked(reason))
        #expect(AddressPolicy.isBlocked(address))
    }

    @Test(arguments: publicIPv4)
    func publicIPv4AddressesAreAllowed(text: String) throws {
        #expect(AddressPolicy.classify(try #require(IPAddress(text))) == .public)
    }

    @Test(arguments: blockedIPv6)
    func nonPublicIPv6RangesAreBlockedWithTheirReason(text: String, reason: Reason) throws {
        #expect(AddressPolicy.classify(try #require(IPAddress(text))) == .blocked(reason))
    }

    @Test(arguments: publicIPv6)
    func publicIPv6AddressesAreAllowed(text: String) throws {
        #expect(AddressPolicy.classify(try #require(IPAddress(text))) == .public)
    }

    @Test(arguments: embeddedIPv4)
    func ipv6AddressesCarryingIPv4AreJudgedByTheEmbeddedAddress(text: String, reason: Reason?) throws {
        let expected: AddressPolicy.Classification = reason.map { .blocked($0) } ?? .public
        #expect(AddressPolicy.classify(try #require(IPAddress(text))) == expected)
    }

    @Test(arguments: [
        "localhost", "LOCALHOST", "localhost.", "api.localhost", "127.0.0.1", "127.1", "0x7f.0.0.1", "0177.0.0.1",
        "2130706433", "0", "0.0.0.0", "[::1]", "::1", "[::ffff:127.0.0.1]", "10.0.0.1", "169.254.169.254",
        "[fd00:ec2::254]", "[fe80::1%25eth0]",
    ])
    func literalInternalHostsAreRejectedEarly(host: String) {
        #expect(AddressPolicy.isBlockedLiteral(host: host))
    }

    @Test(arguments: ["example.com", "hooks.example.com", "8.8.8.8", "[2606:4700::1111]", "localhost.example.com",
                      "1.1.1.1", "10.example.com", "127.0.0.1.nip.io", ""])
    func publicLiteralsAndHostNamesPassTheEarlyCheck(host: String) {
        #expect(!AddressPolicy.isBlockedLiteral(host: host))
    }
}
