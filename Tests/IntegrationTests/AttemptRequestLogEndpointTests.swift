import Foundation
import Testing
import TestSupport

/// `GET .../deliveries/{deliveryId}` shows each attempt's request as a receiver got it, from `webhooksd serve`
/// delivering over loopback, with no secret in the answer or in the database's delivery log.
@Suite struct AttemptRequestLogEndpointTests {
    static let secret = "abc-leads-xyz-0123"
    static let bearer = "Bearer sk_live_never_logged_42"

    /// A `sitegpt` webhook (the `token` scheme: the secret itself travels in `X-WEBHOOK-TOKEN`) with an
    /// `Authorization` header, a failed attempt then a successful one, then a test send: every attempt's logged
    /// request matches what the receiver got, the credentials masked.
    @Test func eachAttemptShowsItsRequestAsSentAndNoSecret() throws {
        let service = try RunningService(extra: ["WEBHOOKS_DASHBOARD_URL": "https://app.example.com/bots"])
        let token = try service.loginDemo()
        let chatbotId = try #require(service.demo["chatbotId"])
        let receiver = try ReceiverProcess(statuses: [500, 200])
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbotId)/webhooks", token: token, json: [
            "url": receiver.url, "eventTypes": ["NEW_LEAD_CAPTURE"], "payloadFormat": "sitegpt", "secret": Self.secret,
            "retryDelay": 100, "headers": ["Authorization": Self.bearer, "X-Team": "support / tier 2", "X-Tenant-Pin": "4711"],
            "sensitiveHeaders": ["X-Tenant-Pin"],
        ])
        try #require(created.status == 201, "\(created.text)")
        let webhookId = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let base = "/api/v1/chatbots/\(chatbotId)/webhooks/\(webhookId)"
        let published = try service.request("POST", "/api/v1/chatbots/\(chatbotId)/events", token: service.demo["apiKey"],
                                            json: ["type": "lead.created",
                                                   "data": ["id": "lead_789", "email": "zoe@example.com",
                                                            "name": "Zoë </script> 😀", "message": "a\nb / c"]])
        #expect(published.json?["deliveriesQueued"] as? Int == 1)
        let received = receiver.waitFor(2)
        try #require(received.count == 2)

        let delivery = try finished(service, token: token, base: base, status: "succeeded")
        let attempts = try #require(delivery["attempts"] as? [[String: Any]])
        #expect(attempts.count == 2)
        for (attempt, request) in zip(attempts, received) {
            try expectLogged(attempt, matches: request)
        }
        let body = try #require((attempts.first?["request"] as? [String: Any])?["body"] as? String)
        #expect(body.contains(#""event":"NEW_LEAD_CAPTURE""#) && body.contains("https://app.example.com/bots/"))

        let test = try service.request("POST", base + "/test", token: token)
        #expect(test.status == 200, "\(test.text)")
        let testDeliveryId = try #require(test.json?["deliveryId"] as? String)
        let testRequest = try #require(receiver.waitFor(3).last)
        let testDelivery = try service.request("GET", base + "/deliveries/\(testDeliveryId)", token: token)
        let testAttempt = try #require(((testDelivery.json?["delivery"] as? [String: Any])?["attempts"] as? [[String: Any]])?.first)
        try expectLogged(testAttempt, matches: testRequest)

        for answer in [try service.request("GET", base + "/deliveries/\(try #require(delivery["id"] as? String))", token: token),
                       testDelivery] {
            #expect(!answer.text.contains(Self.secret) && !answer.text.contains("sk_live_never_logged_42"))
        }
        let stored = try ServiceProcess.runPSQL(url: service.database.url, """
            SELECT (SELECT string_agg(a::text, ' ') FROM delivery_attempts a) || ' '
                || (SELECT string_agg(d::text, ' ') FROM deliveries d)
            """)
        #expect(stored.contains("X-WEBHOOK-TOKEN: ••••••••"))
        #expect(!stored.contains(Self.secret) && !stored.contains("sk_live_never_logged_42"))
    }

    /// The delivery, polled until it has `status`.
    func finished(_ service: RunningService, token: String, base: String, status: String) throws -> [String: Any] {
        var delivery: [String: Any] = [:]
        for _ in 0..<100 {
            let list = try service.request("GET", base + "/deliveries", token: token)
            let id = try #require((list.json?["deliveries"] as? [[String: Any]])?.first?["id"] as? String)
            delivery = try #require(try service.request("GET", base + "/deliveries/\(id)", token: token).json?["delivery"]
                as? [String: Any])
            if delivery["status"] as? String == status { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(delivery["status"] as? String == status)
        return delivery
    }

    /// The logged request equals what the receiver recorded (header names lowercased there), but for curl's own
    /// headers and the masked values; the body is byte for byte the same.
    func expectLogged(_ attempt: [String: Any], matches request: [String: Any]) throws {
        let logged = try #require(attempt["request"] as? [String: Any], "attempt \(attempt["attempt"] ?? "?"): no request")
        let pairs = try #require(logged["headers"] as? [[String]])
        #expect(pairs.allSatisfy { $0.count == 2 })
        var got = try #require(request["headers"] as? [String: String])
        for name in ["host", "accept", "content-length"] { got[name] = nil }
        var masked = got
        // Credentials by name, and the header the owner marked sensitive.
        for name in ["authorization", "x-webhook-token", "x-webhook-secret", "x-tenant-pin"] {
            #expect(got[name] != nil && got[name] != "••••••••", "the receiver got \(name)")
            masked[name] = "••••••••"
        }
        #expect(Dictionary(uniqueKeysWithValues: pairs.map { ($0[0].lowercased(), $0[1]) }) == masked)
        #expect(pairs.contains(["X-WEBHOOK-TOKEN", "••••••••"]))
        #expect(logged["body"] as? String == request["body"] as? String)
    }
}
