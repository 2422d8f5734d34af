import Foundation
import Testing
import TestSupport

/// `/healthz`, `/readyz`, `/metrics` and shutdown, against the real binary and a real PostgreSQL.
@Suite struct OperationsEndpointTests {
    @Test func healthzAnswersTheFifteenByteStatus() throws {
        let database = try TestDatabase.migrated()
        let service = try ServiceProcess(serveWith: ServiceProcess.environment(databaseURL: database.url))
        let response = try TestHTTPClient(port: service.port).send(method: "GET", path: "/healthz")
        #expect(response.status == 200)
        #expect(response.text == #"{"status":"ok"}"#)
        #expect(response.header("Content-Type") == "application/json")
        #expect(service.stop() == 0)
    }

    @Test func readyzIsUnavailableUntilMigrationsAreApplied() throws {
        let database = try TestDatabase.create()
        let environment = ServiceProcess.environment(databaseURL: database.url)
        let service = try ServiceProcess(serveWith: environment)
        let before = try TestHTTPClient(port: service.port).send(method: "GET", path: "/readyz")
        #expect(before.status == 503)
        #expect((before.json?["reason"] as? String)?.contains("migrations pending") == true)

        #expect(try ServiceProcess.run(["migrate"], environment: environment).status == 0)
        let after = try TestHTTPClient(port: service.port).send(method: "GET", path: "/readyz")
        #expect(after.status == 200)
        #expect(after.json?["status"] as? String == "ready")
    }

    @Test func readyzIsUnavailableWhenTheDatabaseCannotBeReached() throws {
        let port = try ServiceProcess.freePort()
        let service = try ServiceProcess(serveWith: ServiceProcess.environment(
            databaseURL: "postgresql://webhooks@127.0.0.1:\(port)/nothing?connect_timeout=2"))
        let response = try TestHTTPClient(port: service.port).send(method: "GET", path: "/readyz")
        #expect(response.status == 503)
        #expect((response.json?["reason"] as? String)?.contains("database") == true)
    }

    @Test func metricsCountRequestsByRouteAndStatus() throws {
        let database = try TestDatabase.migrated()
        let service = try ServiceProcess(serveWith: ServiceProcess.environment(databaseURL: database.url))
        let client = try TestHTTPClient(port: service.port)
        for _ in 0..<3 { _ = try client.send(method: "GET", path: "/readyz") }
        _ = try client.send(method: "GET", path: "/no/such/route")
        let metrics = try client.send(method: "GET", path: "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        #expect(metrics.text.contains(#"http_requests_total{route="/readyz",method="GET",status="200"} 3"#))
        #expect(metrics.text.contains(#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(metrics.text.contains(#"http_request_duration_seconds_count{route="/readyz"} 3"#))
        #expect(metrics.text.contains("db_pool_connections{state=\"capacity\"} 4"))
    }

    @Test func metricsExportTotalsAsCountersThatMoveWhenDeliveriesAreAttempted() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [500, 200])
        let chatbot = service.demo["chatbotId"] ?? ""
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token,
                                          json: ["url": receiver.url, "eventTypes": ["lead.*"], "retryDelay": 100])
        #expect(created.status == 201)
        func metrics() throws -> String { try service.client().send(method: "GET", path: "/metrics").text }

        let before = try metrics()
        for counter in ["http_requests_total", "delivery_attempts_total", "deliveries_handed_over_total",
                        "read_cache_lookups_total"] {
            #expect(before.contains("# TYPE \(counter) counter"))
        }
        for gauge in ["db_pool_connections", "db_pool_waiting", "deliveries_in_flight", "read_cache_entries",
                      "http_connections_open", "http_requests_queued", "http_workers_busy"] {
            #expect(before.contains("# TYPE \(gauge) gauge"))
        }
        #expect(before.contains("# TYPE http_request_duration_seconds histogram"))
        #expect(before.contains(#"delivery_attempts_total{outcome="succeeded"} 0"#))
        #expect(before.contains("http_workers_busy 1.0"), "the worker answering /metrics")

        _ = try service.request("POST", "/api/v1/chatbots/\(chatbot)/events", token: service.demo["apiKey"],
                                json: ["type": "lead.created", "data": ["id": "lead_1"]])
        #expect(receiver.waitFor(2).count == 2)
        #expect(try eventually { try metrics().contains(#"delivery_attempts_total{outcome="succeeded"} 1"#) })
        let after = try metrics()
        #expect(after.contains(#"delivery_attempts_total{outcome="retried"} 1"#))
        #expect(after.contains(#"delivery_attempts_total{outcome="failed"} 0"#))
        #expect(after.contains(#"http_requests_total{route="/api/v1/chatbots/{chatbotId}/events",method="POST",status="202"} 1"#))
    }

    @Test func metricsAskForTheBearerTokenWhenTheDeploymentSetsOne() throws {
        let database = try TestDatabase.migrated()
        let token = String(repeating: "m3tr1cs-", count: 5)
        let service = try ServiceProcess(serveWith: ServiceProcess.environment(
            databaseURL: database.url, extra: ["WEBHOOKS_METRICS_TOKEN": token]))
        let client = try TestHTTPClient(port: service.port)
        for refused in [[], [("Authorization", "Bearer \(token)x")], [("Authorization", "Bearer " + token.dropLast())],
                        [("Authorization", "Basic \(token)")], [("Authorization", token)]] {
            let response = try client.send(method: "GET", path: "/metrics", headers: refused)
            #expect(response.status == 401, "\(refused)")
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(!response.text.contains("http_requests_total"))
        }
        let allowed = try client.send(method: "GET", path: "/metrics", headers: [("Authorization", "bearer \(token)")])
        #expect(allowed.status == 200)
        #expect(allowed.text.contains("http_requests_total"))
        #expect(try client.send(method: "GET", path: "/healthz").status == 200)
    }

    @Test func unknownRoutesAnswerJSONErrors() throws {
        let database = try TestDatabase.migrated()
        let service = try ServiceProcess(serveWith: ServiceProcess.environment(databaseURL: database.url))
        let client = try TestHTTPClient(port: service.port)
        let missing = try client.send(method: "GET", path: "/nope")
        #expect(missing.status == 404)
        let error = try #require(missing.json?["error"] as? [String: Any])
        #expect(error["code"] as? String != nil)
        #expect(error["message"] as? String != nil)
        let wrongMethod = try client.send(method: "DELETE", path: "/healthz")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow")?.contains("GET") == true)
        #expect(wrongMethod.header("X-Request-Id")?.isEmpty == false)
    }

    @Test func sigtermStopsAcceptingAndExitsZero() throws {
        let database = try TestDatabase.migrated()
        let service = try ServiceProcess(serveWith: ServiceProcess.environment(databaseURL: database.url))
        let idle = try TestHTTPClient(port: service.port)
        _ = try idle.send(method: "GET", path: "/healthz")
        #expect(service.stop(signal: SIGTERM) == 0)
        #expect(throws: (any Error).self) { try TestHTTPClient(port: service.port).send(method: "GET", path: "/healthz") }
    }
}
