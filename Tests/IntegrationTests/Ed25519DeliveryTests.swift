import Foundation
import Testing
import TestSupport

/// `standard-ed25519` end to end: `webhooksd serve` signs with the webhook's private key, and a receiver that knows
/// only the public key from the API verifies `v1a` with Python's `cryptography` (Receivers/ed25519_receiver.py).
@Suite struct Ed25519DeliveryTests {
    /// A receiver trusting the public keys written to its keys file (rewritten with `trust(_:)`).
    final class Receiver {
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("ed25519-keys-\(UUID().uuidString)")
        let process: ReceiverProcess

        init() throws {
            _ = FileManager.default.createFile(atPath: keys.path, contents: Data())
            process = try ReceiverProcess(script: "ed25519_receiver.py", arguments: [keys.path])
        }

        deinit { try? FileManager.default.removeItem(at: keys) }

        func trust(_ publicKeys: [String]) throws {
            try Data(publicKeys.joined(separator: "\n").utf8).write(to: keys)
        }
    }

    func base(_ service: RunningService) -> String { "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks" }

    func publish(_ service: RunningService, _ data: [String: Any]) throws {
        let published = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/events",
                                            token: service.demo["apiKey"], json: ["type": "lead.created", "data": data])
        #expect(published.json?["deliveriesQueued"] as? Int == 1, "\(published.text)")
    }

    @Test func aDeliveryCarriesAV1aSignatureThatVerifiesWithThePublicKeyOverTheBytesAsSent() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try Receiver()
        let created = try service.request("POST", base(service), token: token, json: [
            "url": receiver.process.url, "eventTypes": ["lead.*"], "signatureScheme": "standard-ed25519",
        ])
        #expect(created.status == 201, "\(created.text)")
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        let publicKey = try #require(webhook["publicKey"] as? String)
        #expect(publicKey.hasPrefix("whpk_"))
        #expect(webhook["secret"] as? String == "whsk_••••••••")
        #expect((created.json?["security"] as? [String: Any])?["headerName"] as? String == "webhook-signature")
        try receiver.trust([publicKey])

        let data: [String: Any] = ["id": "lead_42", "name": "Zoë </script> 😀", "message": "a/b é 🎉 </script>"]
        try publish(service, data)
        let request = try #require(receiver.process.waitFor(1).first)
        #expect(request["verified"] as? Bool == true)
        let signatures = try #require(request["signatures"] as? [[String: Any]])
        #expect(signatures.count == 1)
        #expect((signatures.first?["signature"] as? String)?.hasPrefix("v1a,") == true)
        #expect(signatures.first?["verifiedBy"] as? [String] == [publicKey])
        let headers = try #require(request["headers"] as? [String: String])
        #expect(headers["webhook-id"] == headers["x-webhook-delivery-id"])
        let body = try #require(request["body"] as? String)
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let sent = try #require(envelope["data"] as? [String: Any])
        #expect(sent["name"] as? String == "Zoë </script> 😀")
        #expect(sent["message"] as? String == "a/b é 🎉 </script>")

        // The delivery succeeded, and reads show the same public key, never the private key.
        let id = try #require(webhook["id"] as? String)
        _ = try service.latestDelivery(at: base(service) + "/\(id)", token: token, until: "succeeded")
        let read = try service.request("GET", base(service) + "/\(id)", token: token)
        #expect((read.json?["webhook"] as? [String: Any])?["publicKey"] as? String == publicKey)
        for answer in [created, read] {
            #expect(answer.text.range(of: #"whsk_[A-Za-z0-9+/]"#, options: .regularExpression) == nil)
        }

        // A test send signs the same way: the receiver answers 200 only to a signature that verifies.
        let tested = try service.request("POST", base(service) + "/\(id)/test", token: token)
        #expect(tested.json?["success"] as? Bool == true, "\(tested.text)")
        #expect(receiver.process.waitFor(2).last?["verified"] as? Bool == true)
    }

    @Test func duringARotationsGracePeriodADeliveryCarriesBothSignaturesEachVerifyingWithItsOwnKey() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try Receiver()
        let created = try service.request("POST", base(service), token: token, json: [
            "url": receiver.process.url, "eventTypes": ["lead.*"], "signatureScheme": "standard-ed25519",
        ])
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        let id = try #require(webhook["id"] as? String)
        let oldKey = try #require(webhook["publicKey"] as? String)

        let rotated = try service.request("POST", base(service) + "/\(id)/rotate-secret", token: token,
                                          json: ["gracePeriodHours": 1])
        #expect(rotated.status == 200, "\(rotated.text)")
        let after = try #require(rotated.json?["webhook"] as? [String: Any])
        let newKey = try #require(after["publicKey"] as? String)
        #expect(newKey.hasPrefix("whpk_") && newKey != oldKey)
        #expect(after["previousSecretExpiresAt"] is String)
        #expect(after["secret"] as? String == "whsk_••••••••")
        #expect(rotated.text.range(of: #"whsk_[A-Za-z0-9+/]"#, options: .regularExpression) == nil)
        try receiver.trust([oldKey, newKey])

        try publish(service, ["id": "lead_7", "name": "Ana / é 😀 </script>"])
        let request = try #require(receiver.process.waitFor(1).first)
        #expect(request["verified"] as? Bool == true)
        let signatures = try #require(request["signatures"] as? [[String: Any]])
        // Newest first, each verifying with its own public key only.
        #expect(signatures.map { $0["verifiedBy"] as? [String] } == [[newKey], [oldKey]])
        #expect(signatures.allSatisfy { ($0["signature"] as? String)?.hasPrefix("v1a,") == true })
    }
}
