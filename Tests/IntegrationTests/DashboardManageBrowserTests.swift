import Foundation
import Testing
import TestSupport

/// Managing webhooks from the dashboard alone, in chromium through Playwright (`Tests/Browser/dashboard_manage.py`,
/// `dashboard_upsell.py`), against `webhooksd serve` with the demo tenant.
@Suite struct DashboardManageBrowserTests {
    static func script(_ name: String) -> String {
        TestPaths.packageRoot.appendingPathComponent("Tests/Browser/\(name)").path
    }

    /// Create with a credential header, the secret once with a snippet the receiver runs as written to verify every
    /// delivery, a test send, an event in the log, a failure with its retry, replay, redeliver, pause and resume,
    /// edit keeping the masked header, rotate, the per-website settings form, and delete after cancelling once.
    @Test func anOwnerManagesAWebhookFromThePageAlone() throws {
        try DashboardBrowserTests.requireBrowser()
        let service = try RunningService()
        let receiver = try SnippetReceiver()
        let outcome = try ChildProcess.run("python3", [
            Self.script("dashboard_manage.py"), "http://127.0.0.1:\(service.process.port)", service.demo["email"] ?? "",
            service.demo["password"] ?? "", service.demo["chatbotId"] ?? "", service.demo["apiKey"] ?? "",
            String(receiver.port),
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }

    /// A tenant whose plan lost webhooks sees the add-on's prices and the Scale plan where create and enable were,
    /// and its suspended webhook as it stands.
    @Test func aTenantWithoutTheFeatureSeesTheUpsellInsteadOfCreateAndEnable() throws {
        try DashboardBrowserTests.requireBrowser()
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = try #require(service.demo["chatbotId"])
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token, json: [
            "name": "Leads", "url": "https://example.com/hook", "eventTypes": ["lead.created"],
        ])
        let webhook = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String, "\(created.text)")
        let tenant = try #require(service.demo["tenantId"])
        let downgraded = try service.request("PUT", "/api/v1/admin/tenants/\(tenant)/subscription",
                                             token: RunningService.adminToken, json: ["plan": "pro"])
        try #require(downgraded.status == 200, "\(downgraded.text)")

        let outcome = try ChildProcess.run("python3", [
            Self.script("dashboard_upsell.py"), "http://127.0.0.1:\(service.process.port)", service.demo["email"] ?? "",
            service.demo["password"] ?? "", chatbot, webhook,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }
}

/// `Tests/Browser/snippet_receiver.js`: a receiver the browser script steers and that verifies deliveries with the
/// code the page shows.
final class SnippetReceiver {
    let port: Int
    private let process: ChildProcess

    init() throws {
        port = try ServiceProcess.freePort()
        process = try ChildProcess("node", [DashboardManageBrowserTests.script("snippet_receiver.js"), String(port)])
        for _ in 0..<100 {
            if let status = process.terminationStatus { throw TestSupportError("snippet receiver exited with \(status)") }
            if (try? TestHTTPClient(port: port)) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestSupportError("snippet receiver did not start")
    }

    deinit { process.kill() }
}
