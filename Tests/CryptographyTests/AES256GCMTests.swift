@testable import Cryptography
import Testing

struct AES256GCMTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let keyHex: String
        let nonceHex: String
        let plaintextHex: String
        let associatedDataHex: String
        let ciphertextHex: String
        let tagHex: String
        var testDescription: String { name }
    }

    /// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B, test cases 13–16 (256-bit keys).
    static let gcmSpec: [Vector] = [
        Vector(
            name: "GCM spec test case 13 (empty plaintext)",
            keyHex: String(repeating: "00", count: 32),
            nonceHex: "000000000000000000000000",
            plaintextHex: "",
            associatedDataHex: "",
            ciphertextHex: "",
            tagHex: "530f8afbc74536b9a963b4f1c4cb738b"
        ),
        Vector(
            name: "GCM spec test case 14 (one zero block)",
            keyHex: String(repeating: "00", count: 32),
            nonceHex: "000000000000000000000000",
            plaintextHex: "00000000000000000000000000000000",
            associatedDataHex: "",
            ciphertextHex: "cea7403d4d606b6e074ec5d3baf39d18",
            tagHex: "d0d1c8a799996bf0265b98b5d48ab919"
        ),
        Vector(
            name: "GCM spec test case 15 (four blocks, no AAD)",
            keyHex: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            nonceHex: "cafebabefacedbaddecaf888",
            plaintextHex: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            associatedDataHex: "",
            ciphertextHex: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
            tagHex: "b094dac5d93471bdec1a502270e3cc6c"
        ),
        Vector(
            name: "GCM spec test case 16 (partial block, with AAD)",
            keyHex: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            nonceHex: "cafebabefacedbaddecaf888",
            plaintextHex: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            associatedDataHex: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            ciphertextHex: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            tagHex: "76fc6ece0f4e1768cddf8853bb2d551b"
        ),
    ]

    private let key = [UInt8](0..<32)
    private let plaintext = bytes(#"{"provider":"openai","api_key":"sk-test"}"#)
    private let associatedData = bytes("tenant:42")

    @Test(arguments: gcmSpec)
    func sealWithExplicitNonceMatchesGCMSpecVector(_ vector: Vector) throws {
        let cipher = try AES256GCM(key: bytes(hex: vector.keyHex))
        let sealed = try cipher.seal(
            bytes(hex: vector.plaintextHex),
            nonce: bytes(hex: vector.nonceHex),
            associatedData: bytes(hex: vector.associatedDataHex)
        )
        #expect(Hex.encode(sealed) == vector.nonceHex + vector.ciphertextHex + vector.tagHex)
    }

    @Test(arguments: gcmSpec)
    func openRecoversGCMSpecPlaintext(_ vector: Vector) throws {
        let cipher = try AES256GCM(key: bytes(hex: vector.keyHex))
        let sealed = try bytes(hex: vector.nonceHex + vector.ciphertextHex + vector.tagHex)
        let opened = try cipher.open(sealed, associatedData: bytes(hex: vector.associatedDataHex))
        #expect(Hex.encode(opened) == vector.plaintextHex)
    }

    @Test func sealThenOpenRoundTrips() throws {
        let cipher = try AES256GCM(key: key)
        let sealed = cipher.seal(plaintext, associatedData: associatedData)
        #expect(sealed.count == 12 + plaintext.count + 16)
        #expect(try cipher.open(sealed, associatedData: associatedData) == plaintext)
    }

    @Test func emptyPlaintextRoundTrips() throws {
        let cipher = try AES256GCM(key: key)
        #expect(try cipher.open(cipher.seal([])) == [])
    }

    @Test func largePlaintextRoundTrips() throws {
        let cipher = try AES256GCM(key: key)
        let large = SecureRandom.bytes(1 << 20)
        #expect(try cipher.open(cipher.seal(large)) == large)
    }

    @Test func sealingTwiceUsesFreshNonces() throws {
        let cipher = try AES256GCM(key: key)
        let first = cipher.seal(plaintext)
        let second = cipher.seal(plaintext)
        #expect(first.prefix(12) != second.prefix(12))
        #expect(first != second)
    }

    @Test(arguments: [0, 12, 20, 12 + 41 + 15], [0x01, 0x80] as [UInt8])
    func flippingAnySealedByteFailsAuthentication(index: Int, mask: UInt8) throws {
        // Indices cover the nonce, the ciphertext and the last byte of the tag of a 41-byte plaintext.
        let cipher = try AES256GCM(key: key)
        var sealed = cipher.seal(plaintext, associatedData: associatedData)
        try #require(sealed.count == 12 + 41 + 16)
        sealed[index] ^= mask
        #expect(throws: CryptographyError.authenticationFailed) {
            try cipher.open(sealed, associatedData: associatedData)
        }
    }

    @Test func alteredAssociatedDataFailsAuthentication() throws {
        let cipher = try AES256GCM(key: key)
        let sealed = cipher.seal(plaintext, associatedData: associatedData)
        #expect(throws: CryptographyError.authenticationFailed) {
            try cipher.open(sealed, associatedData: bytes("tenant:43"))
        }
        #expect(throws: CryptographyError.authenticationFailed) {
            try cipher.open(sealed)
        }
    }

    @Test func wrongKeyFailsAuthentication() throws {
        let sealed = try AES256GCM(key: key).seal(plaintext)
        let other = try AES256GCM(key: [UInt8](repeating: 0x42, count: 32))
        #expect(throws: CryptographyError.authenticationFailed) {
            try other.open(sealed)
        }
    }

    @Test func truncatedInputIsMalformed() throws {
        let cipher = try AES256GCM(key: key)
        #expect(throws: CryptographyError.malformedInput) {
            try cipher.open([UInt8](repeating: 0, count: 27))
        }
        #expect(throws: CryptographyError.malformedInput) {
            try cipher.open([])
        }
    }

    @Test(arguments: [0, 16, 31, 33, 64])
    func keyOfWrongLengthIsRejected(length: Int) {
        #expect(throws: CryptographyError.invalidKeyLength) {
            try AES256GCM(key: [UInt8](repeating: 0, count: length))
        }
    }

    @Test(arguments: [0, 8, 11, 13, 16])
    func explicitNonceOfWrongLengthIsRejected(length: Int) throws {
        let cipher = try AES256GCM(key: key)
        #expect(throws: CryptographyError.malformedInput) {
            try cipher.seal(plaintext, nonce: [UInt8](repeating: 0, count: length))
        }
    }
}
