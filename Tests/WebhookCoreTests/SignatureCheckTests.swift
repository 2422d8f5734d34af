import Foundation
import Testing
import WebhookCore

/// The inbox's "verify signature": each scheme accepts what ``SignatureScheme`` signs with the same secret, under any
/// header prefix and during a rotation, and nothing else.
@Suite struct SignatureCheckTests {
    let body = Array(#"{"id":"dlv_1","event":"lead.created","data":{"name":"Zoë"}}"#.utf8)
    let secret = WebhookSecret(stored: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    let other = WebhookSecret(stored: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    /// `standard-ed25519` signs with a private key and is checked with its public key (RFC 8032 §7.1 tests 1, 2).
    let key = WebhookSecret(stored: "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")
    let otherKey = WebhookSecret(stored: "whsk_TM0Imyj/ltqdtsNG7BFOD1uKMZ81q6Yk2oz27U+4pvs=")

    /// What signs under `scheme` and what a receiver checks it with.
    func secrets(_ scheme: SignatureScheme) -> (sign: WebhookSecret, check: String, otherSign: WebhookSecret, otherCheck: String) {
        scheme.isAsymmetric
            ? (key, key.publicKey ?? "", otherKey, otherKey.publicKey ?? "")
            : (secret, secret.text, other, other.text)
    }

    func signed(_ scheme: SignatureScheme, _ secrets: [WebhookSecret], prefix: String = "X-Webhook") -> [(name: String, value: String)] {
        scheme.signatureHeaders(deliveryId: "dlv_1", timestamp: Date(), body: body, secrets: secrets, headerPrefix: prefix)
            .map { (name: $0.0, value: $0.1) }
    }

    @Test(arguments: SignatureScheme.allCases)
    func aSchemeVerifiesItsOwnSignatureOnlyWithTheRightSecret(scheme: SignatureScheme) {
        let (sign, check, _, otherCheck) = secrets(scheme)
        for prefix in ["X-Webhook", "X-Agentbot"] {
            let headers = signed(scheme, [sign], prefix: prefix)
            let verdicts = SignatureScheme.allCases.map {
                SignatureCheck.check(scheme: $0, headers: headers, body: body, secret: check).verified
            }
            #expect(verdicts == SignatureScheme.allCases.map { $0 == scheme }, "\(prefix)")
            #expect(!SignatureCheck.check(scheme: scheme, headers: headers, body: body, secret: otherCheck).verified)
            #expect(!SignatureCheck.check(scheme: scheme, headers: headers, body: body + [0x20], secret: check).verified
                    || scheme == .token)
        }
    }

    @Test(arguments: SignatureScheme.allCases.filter { $0 != .token })
    func theOlderSecretOfARotationVerifiesToo(scheme: SignatureScheme) {
        let (sign, check, otherSign, otherCheck) = secrets(scheme)
        let headers = signed(scheme, [otherSign, sign])
        #expect(SignatureCheck.check(scheme: scheme, headers: headers, body: body, secret: check).verified)
        #expect(SignatureCheck.check(scheme: scheme, headers: headers, body: body, secret: otherCheck).verified)
    }

    @Test func anUnsignedRequestSaysWhatIsMissing() {
        let details = SignatureScheme.allCases.map {
            SignatureCheck.check(scheme: $0, headers: [(name: "Content-Type", value: "application/json")], body: body,
                                 secret: secret.text)
        }
        #expect(details.allSatisfy { !$0.verified })
        #expect(details.map(\.detail) == [
            "no webhook-id, webhook-timestamp and webhook-signature headers", "no -Signature header",
            "no -Signature header", "no -Signature header of the form t=<unix>,v1=<hex>", "no -Secret or -Token header",
            "no webhook-id, webhook-timestamp and webhook-signature headers",
        ])
    }

    @Test func theKeyPairSchemeIsCheckedWithThePublicKeyOnly() {
        let headers = signed(.standardEd25519, [key])
        // The private key is not what receivers hold: it is refused as a key, as is an HMAC secret.
        for wrong in [key.text, secret.text] {
            let check = SignatureCheck.check(scheme: .standardEd25519, headers: headers, body: body, secret: wrong)
            #expect(!check.verified && check.detail.contains("whpk_"))
        }
        #expect(SignatureCheck.check(scheme: .standardEd25519, headers: headers, body: body,
                                     secret: key.publicKey ?? "").detail == "webhook-signature matches")
    }

    @Test func inboxTokensAreRandomAndWellFormed() {
        let tokens = (1...20).map { _ in InboxToken.generate() }
        #expect(Set(tokens).count == 20)
        #expect(tokens.allSatisfy(InboxToken.isWellFormed))
        #expect(tokens.allSatisfy { InboxToken.hash($0).count == 32 })
        for bad in ["", "inb_", "inb_" + String(repeating: "A", count: 42), "xyz_" + String(repeating: "A", count: 43),
                    "inb_" + String(repeating: "A", count: 42) + "/", "inb_" + String(repeating: "A", count: 44)] {
            #expect(!InboxToken.isWellFormed(bad), "\(bad)")
        }
    }
}
