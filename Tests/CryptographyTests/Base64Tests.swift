import Cryptography
import Testing

struct Base64Tests {
    /// RFC 4648 §10 Base64 test vectors.
    static let rfc4648 = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: rfc4648)
    func standardEncodingMatchesRFC4648Vector(text: String, encoded: String) {
        #expect(Base64.encode(bytes(text)) == encoded)
        #expect(Base64.decode(encoded) == bytes(text))
    }

    @Test(arguments: rfc4648)
    func urlEncodingIsUnpaddedRFC4648Vector(text: String, encoded: String) {
        let unpadded = String(encoded.filter { $0 != "=" })
        #expect(Base64.encodeURL(bytes(text)) == unpadded)
        #expect(Base64.decodeURL(unpadded) == bytes(text))
    }

    @Test func alphabetsDifferOnlyInTheLastTwoSymbols() {
        let input: [UInt8] = [0xfb, 0xff, 0xbf]
        #expect(Base64.encode(input) == "+/+/")
        #expect(Base64.encodeURL(input) == "-_-_")
        #expect(Base64.decode("+/+/") == input)
        #expect(Base64.decodeURL("-_-_") == input)
    }

    @Test func randomBuffersRoundTripThroughBothAlphabets() {
        for length in 0..<70 {
            let input = SecureRandom.bytes(length)
            #expect(Base64.decode(Base64.encode(input)) == input)
            #expect(Base64.decodeURL(Base64.encodeURL(input)) == input)
        }
    }

    @Test(arguments: ["Zg", "Zg=", "Zg===", "Z===", "====", "Zm=9", "Zh==", "Zm9v\n", "Zm9v Zg==", "-_8=", "Zm9v*A=="])
    func standardDecodeRejectsMalformedText(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["Zg==", "Z", "Zh", "+_8", "Zm9v\n"])
    func urlDecodeRejectsMalformedText(_ text: String) {
        #expect(Base64.decodeURL(text) == nil)
    }
}
