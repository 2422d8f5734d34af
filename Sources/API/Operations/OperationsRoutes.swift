import Cryptography
public import HTTPServer
public import Storage

/// `GET /healthz`, `GET /readyz` and `GET /metrics`.
public struct OperationsRoutes: Sendable {
    private let database: Database
    private let metrics: MetricsExposition
    /// The SHA-256 of `/metrics`' bearer token; `nil` leaves it open.
    private let metricsTokenHash: [UInt8]?

    /// Creates the operations routes; with `metricsToken`, `/metrics` answers only `Authorization: Bearer <token>`.
    public init(database: Database, metrics: MetricsExposition, metricsToken: String? = nil) {
        self.database = database
        self.metrics = metrics
        metricsTokenHash = metricsToken.map { SHA256.hash(Array($0.utf8)) }
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
        router.get("/metrics") { request, _ in
            guard mayReadMetrics(request) else {
                var response = HTTPResponse.error(.unauthorized, code: "unauthenticated",
                                                  message: "/metrics needs Authorization: Bearer <WEBHOOKS_METRICS_TOKEN>.")
                response.headers.set(name: "WWW-Authenticate", value: #"Bearer realm="metrics""#)
                return response
            }
            var response = HTTPResponse(status: .ok, body: metrics.render())
            response.headers.set(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
            return response
        }
    }

    /// Whether `request` may read `/metrics`: always without a token, else with `Authorization: Bearer <token>`
    /// (the scheme in any case). The hashes are compared in constant time, so neither the token's characters nor
    /// its length show in the timing.
    private func mayReadMetrics(_ request: HTTPRequest) -> Bool {
        guard let metricsTokenHash else { return true }
        guard let authorization = request.headers["Authorization"], authorization.utf8.count > 7,
              authorization.utf8.prefix(7).map({ $0 | 0x20 }) == Array("bearer ".utf8)
        else { return false }
        let token = authorization.utf8.dropFirst(7).drop { $0 == UInt8(ascii: " ") }
        return ConstantTime.equals(SHA256.hash(Array(token)), metricsTokenHash)
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
