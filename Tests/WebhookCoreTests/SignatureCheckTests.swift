import Foundation
import Testing
import WebhookCore

/// The inbox's "verify signature": each scheme accepts what ``SignatureScheme`` signs with the same secret, under any
/// header prefix and during a rotation, and nothing else.
@Suite struct SignatureCheckTests {
    let body = Array(#"{"id":"dlv_1","event":"lead.created","data":{"name":"Zoë"}}"#.utf8)
    let secret = WebhookSecret(stored: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    let other = WebhookSecret(stored: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")

    func signed(_ scheme: SignatureScheme, _ secrets: [WebhookSecret], prefix: String = "X-Webhook") -> [(name: String, value: String)] {
        scheme.signatureHeaders(deliveryId: "dlv_1", timestamp: Date(), body: body, secrets: secrets, headerPrefix: prefix)
            .map { (name: $0.0, value: $0.1) }
    }

    @Test(arguments: SignatureScheme.allCases)
    func aSchemeVerifiesItsOwnSignatureOnlyWithTheRightSecret(scheme: SignatureScheme) {
        for prefix in ["X-Webhook", "X-Agentbot"] {
            let headers = signed(scheme, [secret], prefix: prefix)
            let verdicts = SignatureScheme.allCases.map {
                SignatureCheck.check(scheme: $0, headers: headers, body: body, secret: secret.text).verified
            }
            #expect(verdicts == SignatureScheme.allCases.map { $0 == scheme }, "\(prefix)")
            #expect(!SignatureCheck.check(scheme: scheme, headers: headers, body: body, secret: other.text).verified)
            #expect(!SignatureCheck.check(scheme: scheme, headers: headers, body: body + [0x20], secret: secret.text).verified
                    || scheme == .token)
        }
    }

    @Test(arguments: SignatureScheme.allCases.filter { $0 != .token })
    func theOlderSecretOfARotationVerifiesToo(scheme: SignatureScheme) {
        let headers = signed(scheme, [other, secret])
        #expect(SignatureCheck.check(scheme: scheme, headers: headers, body: body, secret: secret.text).verified)
        #expect(SignatureCheck.check(scheme: scheme, headers: headers, body: body, secret: other.text).verified)
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
        ])
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
