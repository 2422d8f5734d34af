import Testing
import WebhookCore

@Suite struct SecretCipherTests {
    let key = Array(repeating: UInt8(42), count: 32)

    @Test func sealedSecretsOpenOnlyForTheirWebhookAndKey() throws {
        let cipher = try SecretCipher(masterKey: key)
        let sealed = cipher.seal("whsec_abc", webhookId: "A1")
        #expect(!sealed.isEmpty && !String(decoding: sealed, as: UTF8.self).contains("whsec_abc"))
        #expect(try cipher.open(sealed, webhookId: "a1") == "whsec_abc")
        #expect(throws: SecretCipherError.cannotDecrypt) { try cipher.open(sealed, webhookId: "b2") }
        let other = try SecretCipher(masterKey: Array(repeating: UInt8(7), count: 32))
        #expect(throws: SecretCipherError.cannotDecrypt) { try other.open(sealed, webhookId: "a1") }
        #expect(throws: SecretCipherError.invalidKey) { try SecretCipher(masterKey: [1, 2, 3]) }
    }
}
