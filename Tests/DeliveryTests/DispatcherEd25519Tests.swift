import Cryptography
import Delivery
import Foundation
import Storage
import Testing
import TestSupport
import WebhookCore

/// The dispatcher signing `standard-ed25519` deliveries with the webhook's stored private key.
@Suite struct DispatcherEd25519Tests {
    @Test func aDeliveryCarriesAV1aSignatureOfIdTimestampAndBodyUnderThePrivateKey() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let key = WebhookSecret.generate(for: .standardEd25519)
        let id = UUID()
        _ = try f.webhook(url: receiver.baseURL, scheme: "standard-ed25519",
                          secretCiphertext: f.cipher.seal(key.text, webhookId: id.uuidString), id: id)
        try f.publish(data: #"{"note":"a/b é 🎉 </script>"}"#)
        _ = try f.startDispatcher()
        let request = try #require(receiver.waitForRequests(1).first)
        let deliveryId = try f.onlyDelivery().id.uuidString.lowercased()
        #expect(request.header("webhook-id") == deliveryId)
        let timestamp = try #require(request.header("webhook-timestamp"))
        let signature = try #require(request.header("webhook-signature"))
        #expect(signature.hasPrefix("v1a,") && !signature.contains(" "))
        let publicKeyText = try #require(key.publicKey)
        let publicKey = try Ed25519.PublicKey(rawRepresentation: try #require(Base64.decode(publicKeyText.dropFirst(5))))
        let signed = Array("\(deliveryId).\(timestamp).".utf8) + request.body
        #expect(publicKey.isValidSignature(try #require(Base64.decode(signature.dropFirst(4))), for: signed))
        #expect(try eventually { try f.onlyDelivery().status == "succeeded" })
    }

    @Test func aSharedSecretUnderTheKeyPairSchemeIsAFailedAttemptNeverAnUnsignedRequest() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL, scheme: "standard-ed25519", maxRetries: 0)  // the fixture's whsec_ secret
        try f.publish()
        _ = try f.startDispatcher()
        #expect(try eventually { try f.onlyDelivery().status == "failed" })
        let attempt = try #require(try f.attempts(f.onlyDelivery().id).first)
        #expect(attempt.error?.contains("does not fit standard-ed25519") == true)
        #expect(receiver.requests.isEmpty)
    }
}
