import Foundation
import Testing
import TestSupport

/// The dashboard's pictures in a real browser (`Tests/Browser/dashboard_charts.py`): a webhook's charts, the list's
/// health badges, the delivery log's time filter and the event catalogue, against `webhooksd serve` delivering to a
/// local receiver. Skipped, saying why, where chromium or Playwright is missing.
@Suite struct DashboardChartsBrowserTests {
    static let script = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/dashboard_charts.py").path

    /// Four events to a receiver answering 200, 200, then 500, without retries: two deliveries succeed and two
    /// fail; one succeeded delivery is moved three days back, so the last 24 hours hold 1 succeeded and 2 failed and
    /// the last 7 days 2 and 2, which the charts, the badge and the time filter must each show.
    @Test func anOwnerSeesTheChartsTheHealthTheTimeFilterAndTheCatalogue() throws {
        try DashboardBrowserTests.requireBrowser()
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = try #require(service.demo["chatbotId"])
        let receiver = try ReceiverProcess(statuses: [200, 200, 500])
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token, json: [
            "name": "Leads with charts", "url": receiver.url, "eventTypes": ["lead.created"], "maxRetries": 0,
            "maxConcurrency": 1,
        ])
        try #require(created.status == 201, "\(created.text)")
        let webhook = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let base = "/api/v1/chatbots/\(chatbot)/webhooks/\(webhook)"
        for index in 1...4 {
            let published = try service.request("POST", "/api/v1/chatbots/\(chatbot)/events", token: service.demo["apiKey"],
                                                json: ["type": "lead.created", "data": ["id": "lead_\(index)"]])
            try #require(published.json?["deliveriesQueued"] as? Int == 1, "\(published.text)")
        }
        var deliveries: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(15)
        repeat {
            let list = try service.request("GET", base + "/deliveries", token: token)
            deliveries = list.json?["deliveries"] as? [[String: Any]] ?? []
            if deliveries.count == 4, deliveries.allSatisfy({ $0["status"] as? String != "pending" }) { break }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        let statuses = deliveries.compactMap { $0["status"] as? String }.sorted()
        try #require(statuses == ["failed", "failed", "succeeded", "succeeded"], "\(deliveries)")
        let moved = try #require(deliveries.first { $0["status"] as? String == "succeeded" }?["id"] as? String)
        try PostgresAdmin(url: service.database.url).execute(
            "UPDATE deliveries SET created_at = created_at - interval '3 days' WHERE id = '\(moved)'")

        let outcome = try ChildProcess.run("python3", [
            Self.script, "http://127.0.0.1:\(service.process.port)", service.demo["email"] ?? "",
            service.demo["password"] ?? "", chatbot, webhook,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }
}

/// The charts' arithmetic (`js/chart-maths.js`: scales, stacked bars, line paths, rates, health) and the log's time
/// filter (`js/views/time-filter.js`), under `node --test` (`Tests/Browser/chart_maths.test.mjs`,
/// `time_filter.test.mjs`). Skipped, saying why, where node is missing.
@Suite struct DashboardChartMathsTests {
    static let scripts = ["chart_maths.test.mjs", "time_filter.test.mjs"].map {
        TestPaths.packageRoot.appendingPathComponent("Tests/Browser/\($0)").path
    }

    @Test func theChartArithmeticAndTheTimeFilterHoldUnderNode() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/node") else {
            try Test.cancel(Comment(rawValue: "node is not installed (scripts/env.sh installs nodejs): skipping"))
        }
        let outcome = try ChildProcess.run("/usr/bin/node", ["--test"] + Self.scripts)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    }
}
