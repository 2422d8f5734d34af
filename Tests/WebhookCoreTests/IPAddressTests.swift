import WebhookCore
import Testing

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("127.0.0.1", 0x7F00_0001), ("127.1", 0x7F00_0001), ("0x7f.0.0.1", 0x7F00_0001), ("0177.0.0.1", 0x7F00_0001),
        ("2130706433", 0x7F00_0001), ("10.1.257", 0x0A01_0101), ("255.255.255.255", 0xFFFF_FFFF), ("0", 0),
    ] as [(String, UInt32)])
    func ipv4ParsesEveryFormCurlAccepts(text: String, value: UInt32) {
        #expect(IPAddress(text) == .v4(value))
    }

    @Test(arguments: ["256.0.0.1", "1.2.3.4.5", "1..2.3", "", "example.com", "1.2.3.4x", "0x", "+1.2.3.4", "4294967296",
                      "08.0.0.1", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::", "::ffff:1.2.3", "[::1", "g::1", "1:2:3:4:5:6:7"])
    func malformedTextIsNotAnAddress(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test(arguments: [
        ("::1", "::1"), ("0:0:0:0:0:0:0:0", "::"), ("2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2606:4700:0:0:0:0:0:1111", "2606:4700::1111"), ("fe80::1%eth0", "fe80::1"), ("[::ffff:10.0.0.1]", "::ffff:10.0.0.1"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"), ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"), ("64:ff9b::1.2.3.4", "64:ff9b::102:304"),
    ])
    func ipv6ParsesAndFormatsPerRFC5952(text: String, formatted: String) throws {
        #expect(try #require(IPAddress(text)).description == formatted)
    }

    @Test func addressBytesBuildBothFamilies() {
        #expect(IPAddress(bytes: [192, 168, 1, 2]) == IPAddress("192.168.1.2"))
        #expect(IPAddress(bytes: [UInt8](repeating: 0, count: 15) + [1]) == IPAddress("::1"))
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
        #expect(IPAddress("10.0.0.1")?.description == "10.0.0.1")
    }
}
