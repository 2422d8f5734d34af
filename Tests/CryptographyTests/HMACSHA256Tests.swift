import Cryptography
import Testing

struct HMACSHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let key: [UInt8]
        let message: [UInt8]
        let expectedHex: String
        var testDescription: String { name }
    }

    /// RFC 4231 §4.2–4.8. Test case 5 publishes only the leftmost 128 bits of the tag.
    static let rfc4231: [Vector] = [
        Vector(
            name: "RFC 4231 test case 1",
            key: [UInt8](repeating: 0x0b, count: 20), message: bytes("Hi There"),
            expectedHex: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        Vector(
            name: "RFC 4231 test case 2",
            key: bytes("Jefe"), message: bytes("what do ya want for nothing?"),
            expectedHex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        Vector(
            name: "RFC 4231 test case 3",
            key: [UInt8](repeating: 0xaa, count: 20), message: [UInt8](repeating: 0xdd, count: 50),
            expectedHex: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
        ),
        Vector(
            name: "RFC 4231 test case 4",
            key: Array(0x01...0x19), message: [UInt8](repeating: 0xcd, count: 50),
            expectedHex: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        ),
        Vector(
            name: "RFC 4231 test case 5 (truncated to 128 bits)",
            key: [UInt8](repeating: 0x0c, count: 20), message: bytes("Test With Truncation"),
            expectedHex: "a3b6167473100ee06e0c796c2955552b"
        ),
        Vector(
            name: "RFC 4231 test case 6",
            key: [UInt8](repeating: 0xaa, count: 131),
            message: bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
            expectedHex: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
        Vector(
            name: "RFC 4231 test case 7",
            key: [UInt8](repeating: 0xaa, count: 131),
            message: bytes(
                "This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm."
            ),
            expectedHex: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        ),
    ]

    @Test(arguments: rfc4231)
    func tagMatchesRFC4231Vector(_ vector: Vector) {
        let tag = HMACSHA256.authenticate(vector.message, key: vector.key)
        #expect(tag.count == 32)
        #expect(Hex.encode(Array(tag.prefix(vector.expectedHex.count / 2))) == vector.expectedHex)
    }

    @Test func emptyKeyAndEmptyMessageProduceKnownTag() {
        let tag = HMACSHA256.authenticate([], key: [])
        #expect(Hex.encode(tag) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func stringOverloadAuthenticatesUTF8Bytes() {
        #expect(
            HMACSHA256.authenticate("what do ya want for nothing?", key: "Jefe")
                == HMACSHA256.authenticate(bytes("what do ya want for nothing?"), key: bytes("Jefe"))
        )
    }

    @Test func concurrentCallsAgreeWithSequentialResult() async {
        let key = bytes("whsec_concurrency")
        let message = bytes(#"{"event":"message.created"}"#)
        let expected = HMACSHA256.authenticate(message, key: key)
        let results = await withTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<200 {
                group.addTask { HMACSHA256.authenticate(message, key: key) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0 == expected })
    }
}
