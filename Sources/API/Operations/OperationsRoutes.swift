public import HTTPServer
public import Storage

/// `GET /healthz`, `GET /readyz` and `GET /metrics`.
public struct OperationsRoutes: Sendable {
    private let database: Database
    private let metrics: MetricsExposition

    /// Creates the operations routes.
    public init(database: Database, metrics: MetricsExposition) {
        self.database = database
        self.metrics = metrics
    }

    /// The 15-byte body of a healthy `/healthz`.
    static let healthyBody = Array(#"{"status":"ok"}"#.utf8)

    /// Adds the routes to `router`.
    public func register(on router: Router) {
        // The process is up: answered on the event loop, no database.
        router.get("/healthz", runsOnEventLoop: true) { _, _ in
            HTTPResponse.json(.ok, bytes: Self.healthyBody)
        }
        router.get("/readyz") { _, _ in
            readiness()
        }
        router.get("/metrics") { _, _ in
            var response = HTTPResponse(status: .ok, body: metrics.render())
            response.headers.set(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
            return response
        }
    }

    /// Ready when the database answers and its schema is this build's.
    private func readiness() -> HTTPResponse {
        let status: MigrationStatus
        do {
            status = try database.readiness()
        } catch {
            return Responses.json(.serviceUnavailable, ["status": "unavailable", "reason": "database unreachable"])
        }
        guard status.isCurrent else {
            let reason = status.pending.isEmpty
                ? "migrations changed after being applied: \(status.changed.map(String.init).joined(separator: ", "))"
                : "migrations pending: \(status.pending.map(String.init).joined(separator: ", "))"
            return Responses.json(.serviceUnavailable, ["status": "unavailable", "reason": .string(reason)])
        }
        return Responses.json(.ok, ["status": "ready"])
    }
}
