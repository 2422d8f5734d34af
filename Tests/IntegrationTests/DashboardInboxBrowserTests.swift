import Foundation
import Testing
import TestSupport

/// The test inbox in a real browser (`Tests/Browser/dashboard_inbox.py`), against `webhooksd serve` with the demo
/// tenant. Skipped, saying why, where chromium or Playwright is missing.
@Suite struct DashboardInboxBrowserTests {
    static let script = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/dashboard_inbox.py").path

    /// Log in, open the inboxes from the header, create one and copy its URL; a signed request whose body and a
    /// header hold `<script>` and `"><img onerror>` appears on the open page without a reload, shown as text with no
    /// dialog; its signature verifies with the right secret only; the inbox is deleted and its URL dies.
    @Test func anOwnerCreatesAnInboxWatchesARequestArriveAsTextVerifiesItAndDeletesIt() throws {
        try DashboardBrowserTests.requireBrowser()
        let service = try RunningService()
        let outcome = try ChildProcess.run("python3", [
            Self.script, "http://127.0.0.1:\(service.process.port)", service.demo["email"] ?? "",
            service.demo["password"] ?? "",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }
}
