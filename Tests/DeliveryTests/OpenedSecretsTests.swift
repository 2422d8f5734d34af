@testable import Delivery
import Testing
import WebhookCore

@Suite struct OpenedSecretsTests {
    let cipher: SecretCipher
    init() throws { cipher = try SecretCipher(masterKey: Array(repeating: 9, count: 32)) }

    @Test func opensEachSecretItsCiphertextSealed() throws {
        let secrets = OpenedSecrets(capacity: 2)
        let first = cipher.seal("whsec_first", webhookId: "hook-1")
        let rotated = cipher.seal("whsec_rotated", webhookId: "hook-1")
        let other = cipher.seal("whsec_other", webhookId: "hook-2")
        for _ in 0..<2 {
            #expect(try secrets.open(first, webhookId: "hook-1", with: cipher) == "whsec_first")
            #expect(try secrets.open(rotated, webhookId: "hook-1", with: cipher) == "whsec_rotated")
        }
        // A third secret empties the full cache; all three still open correctly afterwards.
        #expect(try secrets.open(other, webhookId: "hook-2", with: cipher) == "whsec_other")
        #expect(try secrets.open(first, webhookId: "hook-1", with: cipher) == "whsec_first")
    }

    @Test func aSecretOpensOnlyForItsOwnWebhookEvenAfterItWasOpened() throws {
        let secrets = OpenedSecrets()
        let sealed = cipher.seal("whsec_mine", webhookId: "hook-1")
        #expect(try secrets.open(sealed, webhookId: "hook-1", with: cipher) == "whsec_mine")
        #expect(throws: SecretCipherError.self) { try secrets.open(sealed, webhookId: "hook-2", with: cipher) }
    }

    @Test func aSecretTheMasterKeyCannotOpenIsNeverRemembered() throws {
        let secrets = OpenedSecrets()
        let foreign = try SecretCipher(masterKey: Array(repeating: 1, count: 32)).seal("whsec_x", webhookId: "hook-1")
        for _ in 0..<2 {
            #expect(throws: SecretCipherError.self) { try secrets.open(foreign, webhookId: "hook-1", with: cipher) }
        }
    }
}
