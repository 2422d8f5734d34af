import Foundation
import Testing
import WebhookCore

@Suite struct WebhookSecretTests {
    @Test func generatedSecretsAreWhsecBase64Of24RandomBytes() throws {
        let first = WebhookSecret.generate()
        let second = WebhookSecret.generate()
        #expect(first != second)
        #expect(first.text.hasPrefix("whsec_"))
        #expect(first.text.count == 38)
        #expect(Data(base64Encoded: String(first.text.dropFirst(6)))?.count == 24)
        #expect(first.hmacKey(for: .standard).count == 24)
    }

    @Test(arguments: SignatureScheme.allCases.filter { !$0.isAsymmetric })
    func generatedSecretsAreValidForEverySharedSecretScheme(_ scheme: SignatureScheme) throws {
        let secret = WebhookSecret.generate()
        #expect(try WebhookSecret(validating: secret.text, for: scheme) == secret)
        #expect(WebhookSecret.generate(for: scheme).text.hasPrefix("whsec_"))
        #expect(secret.publicKey == nil)
        #expect(!secret.fits(.standardEd25519))
    }

    @Test func ed25519SecretsArePrivateKeysFitForThatSchemeOnly() throws {
        let key = WebhookSecret.generate(for: .standardEd25519)
        #expect(key.text.hasPrefix("whsk_"))
        #expect(Data(base64Encoded: String(key.text.dropFirst(5)))?.count == 32)
        #expect(key != WebhookSecret.generate(for: .standardEd25519))
        #expect(key.masked == "whsk_••••••••")
        #expect(!"\(key)".contains(key.text.dropFirst(5)))
        #expect(key.fits(.standardEd25519))
        // A private key never becomes a shared secret or a token sent in a header.
        for scheme in SignatureScheme.allCases where scheme != .standardEd25519 {
            #expect(!key.fits(scheme))
            #expect(throws: WebhookValidationError.self) { try WebhookSecret(validating: key.text, for: scheme) }
        }
        let publicKey = try #require(key.publicKey)
        #expect(publicKey.hasPrefix("whpk_"))
        #expect(Data(base64Encoded: String(publicKey.dropFirst(5)))?.count == 32)
    }

    @Test func ed25519PublicKeyIsTheRFC8032OneOfTheSeed() throws {
        // RFC 8032 §7.1 test 1: the seed 9d61b1…7f60 has the public key d75a98…511a.
        let seed = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="
        let key = try WebhookSecret(validating: "whsk_" + seed, for: .standardEd25519)
        #expect(key.publicKey == "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
        // Padding is optional, as for whsec_ secrets.
        #expect(try WebhookSecret(validating: "whsk_" + seed.dropLast(), for: .standardEd25519).publicKey == key.publicKey)
    }

    @Test(arguments: [
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",            // an HMAC secret
        "whsk_",                                             // empty
        "whsk_" + base64(count: 31),                         // too short
        "whsk_" + base64(count: 64),                         // a 64-byte expanded key is not the seed form
        "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",  // a public key
        "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=",       // no prefix
    ])
    func ed25519RefusesAnythingButAWhskPrivateKey(_ text: String) {
        #expect(throws: WebhookValidationError.self) { try WebhookSecret(validating: text, for: .standardEd25519) }
    }

    @Test func standardKeyIsTheDecodedBase64AfterThePrefix() throws {
        let secret = try WebhookSecret(validating: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", for: .standard)
        #expect(secret.hmacKey(for: .standard) == Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").map(Array.init))
        #expect(secret.hmacKey(for: .hmacSHA256) == Array("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".utf8))
    }

    @Test func standardAcceptsUnpaddedBase64() throws {
        let unpadded = "whsec_" + String(base64(count: 25).prefix { $0 != "=" })
        #expect(try WebhookSecret(validating: unpadded, for: .standard).hmacKey(for: .standard).count == 25)
    }

    @Test(arguments: [
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",         // no prefix
        "whsec_",                                   // empty
        "whsec_" + base64(count: 23),               // too short
        "whsec_" + base64(count: 65),               // too long
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-w",   // URL-safe alphabet
        "whsec_MfKQ9r8GKYqrTwjUPD8I LPZIo2LaLaSw",  // space
    ])
    func standardRejectsMalformedSecrets(_ text: String) {
        #expect(throws: WebhookValidationError.self) { try WebhookSecret(validating: text, for: .standard) }
    }

    @Test func otherSchemesTakePrintableASCIIOf16To256Characters() throws {
        #expect(try WebhookSecret(validating: "abc-messages-xyz", for: .token).text == "abc-messages-xyz")
        #expect(try WebhookSecret(validating: String(repeating: "~", count: 256), for: .hmacSHA256).text.count == 256)
        for bad in ["short-secret-15", String(repeating: "a", count: 257), "has a space in it!", "tab\tseparated-secret",
                    "non-ascii-sécret-value"] {
            #expect(throws: WebhookValidationError.self, "\(bad)") {
                try WebhookSecret(validating: bad, for: .timestamped)
            }
        }
    }

    @Test func validationErrorsNameTheSecretField() {
        do {
            _ = try WebhookSecret(validating: "nope", for: .hmacSHA256Prefixed)
            Issue.record("expected a validation error")
        } catch {
            #expect(error.field == "secret")
        }
    }

    @Test func maskedShowsNoneOfTheSecretsCharacters() {
        #expect(WebhookSecret(stored: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").masked == "whsec_••••••••")
        #expect(WebhookSecret(stored: "abc-messages-xyz").masked == "••••••••")
        #expect(WebhookSecret(stored: "whsec_Zz").masked == WebhookSecret(stored: "whsec_MfKQ").masked)
    }

    @Test func interpolationNeverPrintsTheSecret() {
        let secret = WebhookSecret(stored: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect("\(secret)" == "whsec_••••••••")
        #expect(String(reflecting: secret) == "WebhookSecret(whsec_••••••••)")
    }

    @Test func aStoredNonStandardSecretFallsBackToItsBytesForStandard() {
        #expect(WebhookSecret(stored: "abc-messages-xyz").hmacKey(for: .standard) == Array("abc-messages-xyz".utf8))
    }
}

/// Standard Base64 of `count` bytes.
private func base64(count: Int) -> String {
    Data(repeating: 7, count: count).base64EncodedString()
}
