import Foundation
import Testing
import TestSupport

/// `WEBHOOKS_TRUSTED_PROXIES` in the real binary: the access log shows the client a trusted proxy forwarded, and
/// ignores the header from anyone else.
@Suite struct TrustedProxyEndToEndTests {
    @Test func theAccessLogShowsTheClientATrustedProxyForwarded() throws {
        let database = try TestDatabase.migrated()
        func loginLogLine(trusting proxies: String) throws -> String? {
            let service = try ServiceProcess(serveWith: ServiceProcess.environment(
                databaseURL: database.url, extra: ["WEBHOOKS_TRUSTED_PROXIES": proxies, "LOG_LEVEL": "info"]))
            defer { _ = service.stop() }
            let response = try TestHTTPClient(port: service.port).send(
                method: "POST", path: "/api/v1/auth/login",
                headers: [("Content-Type", "application/json"), ("X-Forwarded-For", "198.51.100.1, 203.0.113.9")],
                body: Array(#"{"email":"nobody@example.com","password":"not the password"}"#.utf8))
            #expect(response.status == 401)
            var line: String?
            _ = eventually {
                line = service.output.split(separator: "\n").map(String.init).first { $0.contains("/auth/login") }
                return line != nil
            }
            return line
        }
        let trusted = try #require(try loginLogLine(trusting: "127.0.0.1, ::1"))
        #expect(trusted.contains(#""remote":"203.0.113.9""#), "\(trusted)")
        let untrusted = try #require(try loginLogLine(trusting: "10.0.0.0/8"))
        #expect(!untrusted.contains("203.0.113.9") && !untrusted.contains("198.51.100.1"), "\(untrusted)")
    }
}
