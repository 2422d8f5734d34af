import Foundation
import Testing
import TestSupport

/// The webhook page's settings list shows a `standard-ed25519` webhook's public key (Tests/Browser/dashboard_public_key.py).
@Suite struct DashboardPublicKeyBrowserTests {
    static let script = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/dashboard_public_key.py").path

    @Test func aKeyPairWebhooksPageShowsItsPublicKeyAndAnotherShowsNone() throws {
        try DashboardBrowserTests.requireBrowser()
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = try #require(service.demo["chatbotId"])
        var created: [[String: Any]] = []
        for scheme in ["standard-ed25519", "standard"] {
            let answer = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token, json: [
                "name": scheme, "url": "https://example.com/hook", "eventTypes": ["lead.created"], "signatureScheme": scheme,
            ])
            try #require(answer.status == 201, "\(answer.text)")
            created.append(try #require(answer.json?["webhook"] as? [String: Any]))
        }
        let outcome = try ChildProcess.run("python3", [
            Self.script, "http://127.0.0.1:\(service.process.port)", service.demo["email"] ?? "",
            service.demo["password"] ?? "", chatbot, created[0]["id"] as? String ?? "",
            created[0]["publicKey"] as? String ?? "", created[1]["id"] as? String ?? "",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }
}
