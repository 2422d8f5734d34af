import Cryptography
import Testing

struct SHA256Tests {
    @Test func emptyMessageMatchesNISTVector() {
        #expect(Hex.encode(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abcMatchesNISTVector() {
        let digest = SHA256.hash(bytes("abc"))
        #expect(Hex.encode(digest) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlock448BitMessageMatchesNISTVector() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(Hex.encode(SHA256.hash(message)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func oneMillionLetterAMatchesNISTVector() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Hex.encode(SHA256.hash(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func stringOverloadHashesUTF8Bytes() {
        #expect(SHA256.hash("héllo") == SHA256.hash(bytes("héllo")))
        #expect(SHA256.hash("abc"[...]) == SHA256.hash(bytes("abc")))
    }
}
