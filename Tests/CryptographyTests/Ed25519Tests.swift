import Cryptography
import Testing

struct Ed25519Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let privateKeyHex: String
        let publicKeyHex: String
        let messageHex: String
        let signatureHex: String
        var testDescription: String { name }
    }

    /// RFC 8032 §7.1, tests 1 to 3 (empty, one-byte and two-byte messages).
    static let rfc8032: [Vector] = [
        Vector(name: "RFC 8032 test 1",
               privateKeyHex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
               publicKeyHex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
               messageHex: "",
               signatureHex: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Vector(name: "RFC 8032 test 2",
               privateKeyHex: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
               publicKeyHex: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
               messageHex: "72",
               signatureHex: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Vector(name: "RFC 8032 test 3",
               privateKeyHex: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
               publicKeyHex: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
               messageHex: "af82",
               signatureHex: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test(arguments: rfc8032)
    func derivesThePublicKeyAndSignsAsTheRFCSays(_ vector: Vector) throws {
        let key = try Ed25519.PrivateKey(rawRepresentation: try bytes(hex: vector.privateKeyHex))
        let message = try bytes(hex: vector.messageHex)
        #expect(Hex.encode(key.publicKey.rawRepresentation) == vector.publicKeyHex)
        #expect(Hex.encode(key.signature(for: message)) == vector.signatureHex)
    }

    @Test(arguments: rfc8032)
    func verifiesTheRFCSignatureAndRejectsAnyChange(_ vector: Vector) throws {
        let publicKey = try Ed25519.PublicKey(rawRepresentation: try bytes(hex: vector.publicKeyHex))
        let message = try bytes(hex: vector.messageHex)
        let signature = try bytes(hex: vector.signatureHex)
        #expect(publicKey.isValidSignature(signature, for: message))
        var flipped = signature
        flipped[10] ^= 0x01
        #expect(!publicKey.isValidSignature(flipped, for: message))
        #expect(!publicKey.isValidSignature(signature, for: message + [0x00]))
        #expect(!publicKey.isValidSignature(Array(signature.dropLast()), for: message))
    }

    @Test func generatedKeysDifferAndTheirSignaturesVerifyOnlyWithTheirOwnPublicKey() throws {
        let first = Ed25519.PrivateKey.generate()
        let second = Ed25519.PrivateKey.generate()
        #expect(first.rawRepresentation.count == 32)
        #expect(first != second)
        let message = bytes("msg_1.1674087231.{\"a\":\"/é😀</script>\"}")
        let signature = first.signature(for: message)
        #expect(signature.count == 64)
        #expect(first.publicKey.isValidSignature(signature, for: message))
        #expect(!second.publicKey.isValidSignature(signature, for: message))
        // Loading the exported raw key gives the same key pair back.
        let reloaded = try Ed25519.PrivateKey(rawRepresentation: first.rawRepresentation)
        #expect(reloaded.publicKey == first.publicKey)
        #expect(reloaded.signature(for: message) == signature)
    }

    @Test func refusesKeysOfTheWrongLengthAndNeverPrintsThePrivateKey() throws {
        #expect(throws: CryptographyError.invalidKeyLength) { try Ed25519.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: CryptographyError.invalidKeyLength) { try Ed25519.PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33)) }
        let key = try Ed25519.PrivateKey(rawRepresentation: try bytes(hex: Self.rfc8032[0].privateKeyHex))
        #expect(!"\(key)".contains("9d61"))
        #expect(!String(reflecting: key).lowercased().contains("9d61"))
    }
}
