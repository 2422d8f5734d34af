import Foundation
import Testing
import TestSupport

/// Two `webhooksd serve` processes on one database, each with a read cache kept for an hour: a change made
/// through one reaches the other's answers through the database's notifications (the hour-long time to live
/// cannot explain it), and the writer reads its own writes at once.
@Suite(.serialized) struct ReadCacheEndpointTests {
    func get(_ port: Int, _ path: String, token: String) throws -> TestHTTPClient.Response {
        try TestHTTPClient(port: port).send(method: "GET", path: path, headers: [("Authorization", "Bearer \(token)")])
    }

    /// `read_cache_lookups_total{result="hit"}` from the server's `/metrics`.
    func cacheHits(_ port: Int) throws -> Int {
        let metrics = try TestHTTPClient(port: port).send(method: "GET", path: "/metrics").text
        let line = metrics.split(separator: "\n").first { $0.hasPrefix(#"read_cache_lookups_total{result="hit"}"#) }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }.map { Int($0) } ?? 0
    }

    @Test func changesThroughOneServerReachTheOther() throws {
        let first = try RunningService(extra: ["WEBHOOKS_READ_CACHE_SECONDS": "3600"])
        let second = try ServiceProcess(serveWith: first.environment)
        defer { _ = second.stop(signal: SIGKILL) }
        let token = try first.loginDemo()
        let chatbot = first.demo["chatbotId"] ?? ""
        let list = "/api/v1/chatbots/\(chatbot)/webhooks"

        // Warm the second server's cache with the caller and the (empty) list.
        #expect(try eventually {
            try get(second.port, list, token: token).json?["total"] as? Int == 0 && cacheHits(second.port) > 0
        }, "the second server answers from its cache")

        // A webhook created through the first: the first lists it at once, the second soon after.
        let created = try first.request("POST", list, token: token,
                                        json: ["url": "https://example.com/hook", "eventTypes": ["lead.created"]])
        #expect(created.status == 201)
        #expect(try get(first.process.port, list, token: token).json?["total"] as? Int == 1)
        #expect(try eventually { try get(second.port, list, token: token).json?["total"] as? Int == 1 })

        // A plan change through the first: the second shows the webhook suspended.
        let tenant = first.demo["tenantId"] ?? ""
        let downgraded = try Provision.subscription(first, tenantId: tenant,
                                                    ["plan": "free", "webhooksAddon": ["status": "none"]])
        #expect(downgraded.status == 200)
        #expect(try eventually {
            let webhooks = try get(second.port, list, token: token).json?["webhooks"] as? [[String: Any]]
            return webhooks?.first?["status"] as? String == "suspended"
        })

        // Logging out through the first: the second refuses the token.
        #expect(try first.request("POST", "/api/v1/auth/logout", token: token).status == 200)
        #expect(try get(first.process.port, list, token: token).status == 401)
        #expect(try eventually { try get(second.port, list, token: token).status == 401 })
    }

    @Test func aRevokedAPIKeyStopsPublishingEverywhere() throws {
        let first = try RunningService(extra: ["WEBHOOKS_READ_CACHE_SECONDS": "3600"])
        let second = try ServiceProcess(serveWith: first.environment)
        defer { _ = second.stop(signal: SIGKILL) }
        let session = try first.loginDemo()
        let created = try first.request("POST", "/api/v1/api-keys", token: session, json: ["name": "ci"])
        let key = try #require(created.json?["key"] as? String)
        let keyId = try #require(created.json?["id"] as? String)
        let events = "/api/v1/chatbots/\(first.demo["chatbotId"] ?? "")/events"
        func publish() throws -> Int {
            let body = Array(#"{"type":"lead.created","data":{"id":"l1"}}"#.utf8)
            return try TestHTTPClient(port: second.port).send(
                method: "POST", path: events,
                headers: [("Authorization", "Bearer \(key)"), ("Content-Type", "application/json")], body: body).status
        }
        for _ in 0..<3 { #expect(try [200, 201, 202].contains(publish())) }

        #expect(try first.request("DELETE", "/api/v1/api-keys/\(keyId)", token: session).status == 204)
        #expect(try eventually { try publish() == 401 })
    }
}
