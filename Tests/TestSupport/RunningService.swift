import Foundation

/// A migrated database, the demo tenant, and `webhooksd serve` on it: what most API tests start from.
public final class RunningService: APIClient, @unchecked Sendable {
    /// The database.
    public let database: TestDatabase
    /// The serving process.
    public let process: ServiceProcess
    /// The environment the service runs with (for further `webhooksd` commands on the same database).
    public let environment: [String: String]
    /// The demo tenant's credentials (`email`, `password`, `tenantId`, `chatbotId`, `apiKey`).
    public let demo: [String: String]

    /// The admin token the service is started with.
    public static let adminToken = "test-admin-token-0123456789abcdef0123456789"

    /// Starts everything; `extra` adds or overrides settings.
    public init(extra: [String: String] = [:]) throws {
        database = try TestDatabase.migrated()
        environment = ServiceProcess.environment(databaseURL: database.url,
                                                 extra: ["ADMIN_TOKEN": Self.adminToken].merging(extra) { $1 })
        let outcome = try ServiceProcess.run(["demo", "--json"], environment: environment)
        guard outcome.status == 0,
              let demo = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: String]
        else { throw TestSupportError("demo failed: \(outcome.stderr)") }
        self.demo = demo
        process = try ServiceProcess(serveWith: environment)
    }

    /// A new connection to the service.
    public func client() throws -> TestHTTPClient {
        try TestHTTPClient(port: process.port)
    }

    /// Sends one request on a new connection.
    public func send(method: String, path: String, headers: [(String, String)],
                     body: [UInt8]?) throws -> TestHTTPClient.Response {
        try client().send(method: method, path: path, headers: headers, body: body)
    }
}
