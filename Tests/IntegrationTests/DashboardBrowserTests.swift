import Foundation
import Testing
import TestSupport

/// The dashboard in a real browser: Debian's chromium driven by Playwright for Python (`Tests/Browser/`), against
/// `webhooksd serve` with the demo tenant. Skipped, saying why, where chromium or Playwright is missing
/// (`scripts/env.sh` installs both).
@Suite struct DashboardBrowserTests {
    static let chromium = "/usr/bin/chromium"
    static let script = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/dashboard_first_slice.py").path
    static let logScript = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/dashboard_delivery_log.py").path
    static let searchScript = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/dashboard_log_search.py").path

    /// Log in from `/`, pick the chatbot, see a webhook and one whose name is markup, shown as text with no dialog
    /// (the script fails on any dialog, page error or CSP violation), and log out.
    @Test func anOwnerLogsInPicksTheChatbotSeesItsWebhooksAsTextAndLogsOut() throws {
        try Self.requireBrowser()
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = try #require(service.demo["chatbotId"])
        let name = "Lead Notifications"
        let hostile = "<img src=x onerror=alert(1)>"
        for webhookName in [name, hostile] {
            let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token, json: [
                "name": webhookName, "url": "https://example.com/hook", "eventTypes": ["lead.created"],
            ])
            try #require(created.status == 201, "create \(webhookName): \(created.text)")
        }

        let outcome = try ChildProcess.run("python3", [
            Self.script, "http://127.0.0.1:\(service.process.port)", service.demo["email"] ?? "",
            service.demo["password"] ?? "", chatbot, name, hostile,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }

    /// An event whose data holds a script tag reaches a local receiver on the second attempt (500, then 200): the
    /// webhook's page shows its settings (the `Authorization` header masked) and, past twenty later deliveries through
    /// "Load more", the delivery `succeeded`; the delivery's page both attempts with the request as sent, the script
    /// tag as text in its body and no dialog; links, the log's filters and the back button move between the views.
    @Test func anOwnerFollowsADeliveryAndItsAttemptsWithThePayloadShownAsText() throws {
        try Self.requireBrowser()
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = try #require(service.demo["chatbotId"])
        let receiver = try ReceiverProcess(statuses: [500, 200])
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token, json: [
            "name": "Leads to the CRM", "url": receiver.url, "eventTypes": ["lead.created", "lead.updated"],
            "retryDelay": 100, "headers": ["Authorization": "Bearer never-shown"],
        ])
        try #require(created.status == 201, "\(created.text)")
        let webhook = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let hostile = "<script>alert(1)</script>"
        let published = try service.request("POST", "/api/v1/chatbots/\(chatbot)/events", token: service.demo["apiKey"],
                                            json: ["type": "lead.created", "data": ["id": "lead_1", "name": hostile]])
        #expect(published.json?["deliveriesQueued"] as? Int == 1)
        let (_, attempts) = try service.latestDelivery(at: "/api/v1/chatbots/\(chatbot)/webhooks/\(webhook)", token: token,
                                                       until: "succeeded")
        try #require(attempts.count == 2)
        // Twenty later events fill the log's first page, so the browser reaches this delivery through "Load more".
        for index in 1...20 {
            let later = try service.request("POST", "/api/v1/chatbots/\(chatbot)/events", token: service.demo["apiKey"],
                                            json: ["type": "lead.updated", "data": ["id": "lead_\(index)"]])
            try #require(later.json?["deliveriesQueued"] as? Int == 1, "\(later.text)")
        }

        let outcome = try ChildProcess.run("python3", [
            Self.logScript, "http://127.0.0.1:\(service.process.port)", service.demo["email"] ?? "",
            service.demo["password"] ?? "", chatbot, webhook, hostile,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }

    /// On a webhook whose one success is older than its 12,000 failures, the `succeeded` filter says the most recent
    /// deliveries searched held none and offers to search older ones, which finds the success (each page of it reads
    /// at most 1,000 deliveries; the view follows ten empty pages by itself).
    @Test func theSucceededFilterOfAFailingWebhookSearchesOlderDeliveries() throws {
        try Self.requireBrowser()
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = try #require(service.demo["chatbotId"])
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token, json: [
            "name": "Failing CRM", "url": "https://example.com/hook", "eventTypes": ["lead.created"],
        ])
        try #require(created.status == 201, "\(created.text)")
        let webhook = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let hook = try #require(UUID(uuidString: webhook))
        try PostgresAdmin(url: service.database.url).execute(
            """
            WITH w AS (SELECT tenant_id, chatbot_id, id FROM webhooks WHERE id = '\(hook)'),
            e AS (
                INSERT INTO events (tenant_id, chatbot_id, type, data, occurred_at, deliveries_queued)
                SELECT w.tenant_id, w.chatbot_id, 'lead.created', '{"id":"lead_' || g || '"}',
                       now() - interval '1 day' + g * interval '1 second', 1
                FROM w, generate_series(0, 12000) g
                RETURNING id, tenant_id, occurred_at
            ),
            d AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, status, attempt_count,
                                        created_at, completed_at)
                SELECT e.tenant_id, '\(hook)', e.id, 'lead.created',
                       CASE WHEN e.occurred_at = (SELECT min(occurred_at) FROM e) THEN 'succeeded' ELSE 'failed' END,
                       1, e.occurred_at, e.occurred_at
                FROM e
                RETURNING id, tenant_id, webhook_id, created_at, status
            )
            INSERT INTO delivery_failures (webhook_id, created_at, delivery_id, tenant_id, event_type)
            SELECT webhook_id, created_at, id, tenant_id, 'lead.created' FROM d WHERE status = 'failed'
            """)

        let outcome = try ChildProcess.run("python3", [
            Self.searchScript, "http://127.0.0.1:\(service.process.port)", service.demo["email"] ?? "",
            service.demo["password"] ?? "", chatbot, webhook,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }

    /// `webhooksd serve` itself answers the page: `/` leads to it, a view's URL gets the page with its policy, and the
    /// page's script is there with its content type.
    @Test func theServiceServesTheDashboardWithItsPolicy() throws {
        let service = try RunningService()
        let root = try service.request("GET", "/")
        #expect(root.status == 302)
        #expect(root.header("Location") == "/dashboard/")
        let view = try service.request("GET", "/dashboard/chatbots/\(service.demo["chatbotId"] ?? "")/webhooks")
        #expect(view.status == 200)
        #expect(view.header("Content-Type") == "text/html; charset=utf-8")
        #expect(view.text.contains("/dashboard/assets/js/main.js"))
        #expect(view.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        let script = try service.request("GET", "/dashboard/assets/js/main.js")
        #expect(script.status == 200)
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.header("X-Content-Type-Options") == "nosniff")
    }

    /// Cancels the running test when the browser or Playwright is missing, naming what to install.
    static func requireBrowser() throws {
        guard FileManager.default.isExecutableFile(atPath: chromium) else {
            try Test.cancel(Comment(rawValue: "\(chromium) is not installed (scripts/env.sh installs the chromium "
                + "package): skipping the dashboard's browser test"))
        }
        let probe = try ChildProcess("python3", ["-c", "import playwright.sync_api"])
        guard probe.waitUntilExit() == 0 else {
            try Test.cancel(Comment(rawValue: "Playwright for Python is not installed (scripts/env.sh: pip install "
                + "playwright): skipping the dashboard's browser test"))
        }
    }
}
