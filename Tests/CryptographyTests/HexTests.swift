import Cryptography
import Testing

struct HexTests {
    /// RFC 4648 §10 Base16 test vectors (lowercased).
    static let rfc4648 = [
        ("", ""), ("f", "66"), ("fo", "666f"), ("foo", "666f6f"),
        ("foob", "666f6f62"), ("fooba", "666f6f6261"), ("foobar", "666f6f626172"),
    ]

    @Test(arguments: rfc4648)
    func encodeAndDecodeMatchRFC4648Vector(text: String, hex: String) {
        #expect(Hex.encode(bytes(text)) == hex)
        #expect(Hex.decode(hex) == bytes(text))
    }

    @Test func everyByteValueRoundTrips() {
        let all = [UInt8](0...255)
        let encoded = Hex.encode(all)
        #expect(encoded.count == 512)
        #expect(encoded.hasPrefix("000102") && encoded.hasSuffix("fdfeff"))
        #expect(Hex.decode(encoded) == all)
    }

    @Test func decodeAcceptsUppercaseDigits() {
        #expect(Hex.decode("DEADbeef") == [0xde, 0xad, 0xbe, 0xef])
    }

    @Test(arguments: ["0", "abc", "zz", "0g", " 00", "00 ", "0x00", "é0"])
    func decodeRejectsMalformedText(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
