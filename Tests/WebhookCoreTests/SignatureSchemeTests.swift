import Foundation
import Testing
import WebhookCore

@Suite struct SignatureSchemeTests {
    /// Body and secrets for the known answers; the expected values were computed with Python's `hmac` module and
    /// cross-checked with Node's `crypto`.
    let body = Array(#"{"id":"dlv_1","event":"lead.created","data":{"url":"https://example.com/a"}}"#.utf8)
    let secret = WebhookSecret(stored: "your-webhook-secret")
    let timestamp = Date(timeIntervalSince1970: 1_614_265_330)

    func headers(_ scheme: SignatureScheme, secrets: [WebhookSecret], prefix: String = "X-Webhook") -> [String] {
        scheme.signatureHeaders(deliveryId: "dlv_1", timestamp: timestamp, body: body, secrets: secrets, headerPrefix: prefix)
            .map { "\($0.0): \($0.1)" }
    }

    @Test func standardMatchesTheStandardWebhooksReferenceExample() {
        let headers = SignatureScheme.standard.signatureHeaders(
            deliveryId: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: timestamp,
            body: Array(#"{"test": 2432232314}"#.utf8),
            secrets: [WebhookSecret(stored: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")], headerPrefix: "X-Webhook")
        #expect(headers.map { "\($0.0): \($0.1)" } == [
            "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp: 1614265330",
            "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ])
    }

    @Test func standardSignsWithEveryLiveSecretNewestFirst() {
        let old = WebhookSecret(stored: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let new = WebhookSecret(stored: "whsec_" + String(repeating: "A", count: 32))
        let signature = headers(.standard, secrets: [new, old])[2]
        let parts = signature.dropFirst("webhook-signature: ".count).split(separator: " ")
        #expect(parts.count == 2)
        #expect(parts.last == "v1,aWGQxWC13PG6v/eicMkfd9eWGRpdYFS4doKwn6tPHrk=")
        #expect(headers(.standard, secrets: [new])[2] == "webhook-signature: \(parts.first ?? "")")
    }

    @Test func hmacSHA256SendsTheHexDigestOfTheBody() {
        #expect(headers(.hmacSHA256, secrets: [secret]) == [
            "X-Webhook-Signature: fc9d3fda4bfdc5897e8b1498eb02daf97fa68429fab2b1e7ed58da656e728eef",
        ])
    }

    @Test func hmacSHA256PrefixedAddsTheSha256Label() {
        #expect(headers(.hmacSHA256Prefixed, secrets: [secret], prefix: "X-Agentbot") == [
            "X-Agentbot-Signature: sha256=fc9d3fda4bfdc5897e8b1498eb02daf97fa68429fab2b1e7ed58da656e728eef",
        ])
    }

    @Test func timestampedSignsTheTimestampAndBodyStripeStyle() {
        #expect(headers(.timestamped, secrets: [secret]) == [
            "X-Webhook-Signature: t=1614265330,v1=4a01799527033da6f0334ed0402291224041a23ba051c0bcc3ed20a4aae677ca",
        ])
    }

    @Test func timestampsAreWholeUnixSecondsRoundedDown() {
        let late = SignatureScheme.timestamped.signatureHeaders(
            deliveryId: "dlv_1", timestamp: Date(timeIntervalSince1970: 1_614_265_330.9), body: body,
            secrets: [secret], headerPrefix: "X-Webhook")
        #expect(late.first?.1.hasPrefix("t=1614265330,") == true)
    }

    @Test func tokenSendsTheSecretInBothHeaders() {
        #expect(headers(.token, secrets: [secret]) == [
            "X-Webhook-Secret: your-webhook-secret", "X-Webhook-Token: your-webhook-secret",
        ])
    }

    @Test func rotationKeepsTheNewestInSingleValueHeaders() {
        let new = WebhookSecret(stored: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let newHex = "f03e639bbeb13bdbd9b6f0ab08e83a5f26dbbcff5455c40081edafa493d3b3d9"
        let oldHex = "fc9d3fda4bfdc5897e8b1498eb02daf97fa68429fab2b1e7ed58da656e728eef"
        #expect(headers(.hmacSHA256, secrets: [new, secret]) == [
            "X-Webhook-Signature: \(newHex)", "X-Webhook-Signature-Previous: \(oldHex)",
        ])
        #expect(headers(.hmacSHA256Prefixed, secrets: [new, secret]) == [
            "X-Webhook-Signature: sha256=\(newHex)", "X-Webhook-Signature-Previous: sha256=\(oldHex)",
        ])
        #expect(headers(.timestamped, secrets: [new, secret]) == [
            "X-Webhook-Signature: t=1614265330,v1=16a7e927b3069d0f6636dc23e9339a1fa2b9ff867fd9fcefc1a1c4dd49bd631d"
                + ",v1=4a01799527033da6f0334ed0402291224041a23ba051c0bcc3ed20a4aae677ca",
        ])
        #expect(headers(.token, secrets: [new, secret]) == [
            "X-Webhook-Secret: \(new.text)", "X-Webhook-Token: \(new.text)",
        ])
    }

    /// RFC 8032 §7.1's test 1 and 2 seeds as `whsk_` keys; the expected signatures were computed with Python's
    /// `cryptography` (Ed25519PrivateKey.sign over `dlv_1.1614265330.` + body).
    let ed25519New = WebhookSecret(stored: "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")
    let ed25519Old = WebhookSecret(stored: "whsk_TM0Imyj/ltqdtsNG7BFOD1uKMZ81q6Yk2oz27U+4pvs=")
    let ed25519NewSignature = "v1a,lveZmbainN3h/q/5PcJIsJ4ppMQDdSA8zDS74saQujugk+t148m1cGcDteMIWBS6QJn3LTE3+O4LfebqvOSXDA=="
    let ed25519OldSignature = "v1a,gpcg0iiT5RyqV+Ybu6NHdPHbNecyaqY2ku/btIdBomc7N7ZrVoqamJVWolADpjuUrmAlw5GeACY9L0VsghteBg=="

    @Test func standardEd25519SendsTheStandardHeadersWithAV1aSignature() {
        #expect(headers(.standardEd25519, secrets: [ed25519New], prefix: "X-Agentbot") == [
            "webhook-id: dlv_1",
            "webhook-timestamp: 1614265330",
            "webhook-signature: \(ed25519NewSignature)",
        ])
    }

    @Test func standardEd25519SignsWithBothKeysDuringRotationNewestFirst() {
        #expect(headers(.standardEd25519, secrets: [ed25519New, ed25519Old])[2]
            == "webhook-signature: \(ed25519NewSignature) \(ed25519OldSignature)")
    }

    @Test func standardEd25519SignsOnlyWithPrivateKeys() {
        // A shared secret cannot sign v1a: as the newest it gives no headers (the dispatcher then refuses to send),
        // as a leftover it is skipped.
        #expect(headers(.standardEd25519, secrets: [secret]).isEmpty)
        #expect(headers(.standardEd25519, secrets: [ed25519New, secret])[2] == "webhook-signature: \(ed25519NewSignature)")
        #expect(SignatureScheme.standardEd25519.isAsymmetric)
        #expect(SignatureScheme.allCases.filter(\.isAsymmetric) == [.standardEd25519])
        #expect(SignatureScheme.standardEd25519.securityDescription(headerPrefix: "X-Webhook").headerName == "webhook-signature")
        #expect(SignatureScheme.standardEd25519.securityDescription(headerPrefix: "X-Webhook").format.hasPrefix("v1a,"))
    }

    @Test(arguments: SignatureScheme.allCases)
    func noSecretMeansNoSignatureHeaders(_ scheme: SignatureScheme) {
        #expect(headers(scheme, secrets: []).isEmpty)
    }

    @Test func securityDescriptionNamesTheHeaderAndFormat() {
        #expect(SignatureScheme.hmacSHA256Prefixed.securityDescription(headerPrefix: "X-Webhook")
            == ("X-Webhook-Signature", "sha256=<hmac_signature>"))
        #expect(SignatureScheme.standard.securityDescription(headerPrefix: "X-Webhook")
            == ("webhook-signature", "v1,<base64_hmac_signature>"))
        #expect(SignatureScheme.hmacSHA256.securityDescription(headerPrefix: "X-Agentbot")
            == ("X-Agentbot-Signature", "<hmac_signature>"))
        #expect(SignatureScheme.timestamped.securityDescription(headerPrefix: "X-Agentbot")
            == ("X-Agentbot-Signature", "t=<unix_timestamp>,v1=<hmac_signature>"))
        #expect(SignatureScheme.token.securityDescription(headerPrefix: "X-Webhook").headerName == "X-Webhook-Token")
    }

    @Test func rawValuesAreTheAPINames() throws {
        #expect(SignatureScheme.allCases.map(\.rawValue)
            == ["standard", "hmac-sha256", "hmac-sha256-prefixed", "timestamped", "token", "standard-ed25519"])
        let encoded = try JSONEncoder().encode([SignatureScheme.hmacSHA256Prefixed])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["hmac-sha256-prefixed"]"#)
        #expect(try JSONDecoder().decode([SignatureScheme].self, from: Data(#"["timestamped"]"#.utf8)) == [.timestamped])
    }
}
