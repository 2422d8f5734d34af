import Foundation
@testable import API
import Logging
import Storage
import Synchronization
import Testing
import TestSupport
import WebhookCore

/// Test inboxes (`/api/v1/inboxes...`, `/inbox/{token}`) and seed 004's `POST /api/test-webhook`.
@Suite struct InboxEndpointTests {
    /// The path of an inbox URL (`http://host/inbox/<token>` → `/inbox/<token>`).
    private static func path(of url: String) throws -> String {
        let range = try #require(url.range(of: "/inbox/"))
        return String(url[range.lowerBound...])
    }

    private static func create(_ service: APIService, token: String, name: String? = nil) throws -> [String: Any] {
        let response = try service.request("POST", "/api/v1/inboxes", token: token, json: name.map { ["name": $0] })
        #expect(response.status == 201, "\(response.text)")
        return try #require(response.json)
    }

    private static func requests(_ service: APIService, token: String, inbox: String,
                                 after: String? = nil) throws -> (requests: [[String: Any]], cursor: String) {
        let query = after.map { "?after=\($0)" } ?? ""
        let response = try service.request("GET", "/api/v1/inboxes/\(inbox)/requests\(query)", token: token)
        #expect(response.status == 200, "\(response.text)")
        return (try #require(response.json?["requests"] as? [[String: Any]]),
                try #require(response.json?["cursor"] as? String))
    }

    @Test func anInboxIsCreatedListedReadAndDeleted() throws {
        let service = try APIService()
        let token = try service.loginDemo()

        let created = try Self.create(service, token: token, name: "CRM tryout")
        let id = try #require(created["id"] as? String)
        let url = try #require(created["url"] as? String)
        #expect(created["name"] as? String == "CRM tryout")
        #expect(url.hasPrefix("http://127.0.0.1/inbox/inb_"))
        // 256 random bits: 43 base64url characters after the prefix.
        #expect(try Self.path(of: url).count == "/inbox/inb_".count + 43)
        let createdAt = try #require((created["createdAt"] as? String).flatMap(ISO8601DateFormatter.withFractionalSeconds.date))
        let expiresAt = try #require((created["expiresAt"] as? String).flatMap(ISO8601DateFormatter.withFractionalSeconds.date))
        #expect(abs(expiresAt.timeIntervalSince(createdAt) - 7 * 24 * 3600) < 5)
        #expect(created["requestCount"] as? Int == 0)

        // Without a name it is called "Inbox"; the list shows both, with the same URL again.
        let unnamed = try Self.create(service, token: token)
        #expect(unnamed["name"] as? String == "Inbox")
        #expect(unnamed["url"] as? String != url)
        let list = try service.request("GET", "/api/v1/inboxes", token: token)
        #expect(list.status == 200)
        #expect(list.json?["total"] as? Int == 2)
        #expect(list.json?["limit"] as? Int == 10)
        let listed = try #require((list.json?["inboxes"] as? [[String: Any]])?.first { $0["id"] as? String == id })
        #expect(listed["url"] as? String == url)
        let read = try service.request("GET", "/api/v1/inboxes/\(id)", token: token)
        #expect(read.status == 200)
        #expect(read.json?["url"] as? String == url)
        #expect(read.header("Cache-Control") == "no-store")

        // An API key is the tenant too.
        let byKey = try service.request("GET", "/api/v1/inboxes/\(id)", token: service.demo["apiKey"])
        #expect(byKey.json?["url"] as? String == url)

        // Deleted: gone from reads, its URL is dead, deleting again is 404.
        #expect(try service.request("DELETE", "/api/v1/inboxes/\(id)", token: token).status == 204)
        #expect(try service.request("GET", "/api/v1/inboxes/\(id)", token: token).status == 404)
        #expect(try service.request("POST", Self.path(of: url), json: ["a": 1]).status == 404)
        #expect(try service.request("DELETE", "/api/v1/inboxes/\(id)", token: token).status == 404)
        #expect(try service.request("GET", "/api/v1/inboxes", token: token).json?["total"] as? Int == 1)

        // Malformed ids and bodies.
        for bad in ["12345", "inb_x", UUID().uuidString.lowercased()] {
            let response = try service.request("GET", "/api/v1/inboxes/\(bad)", token: token)
            #expect(response.status == 404, "\(bad)")
            #expect(Provision.code(response) == "not_found")
        }
        let auth = [("Authorization", "Bearer \(token)")]
        for (body, status, code) in [("{", 400, "malformed_json"), ("[]", 400, "invalid_body"),
                                     (#"{"name":5}"#, 400, "invalid_type"), (#"{"name":null}"#, 400, "invalid_type"), (#"{"nom":"x"}"#, 400, "unknown_field"),
                                     (#"{"name":"  "}"#, 422, "invalid_field"), (#"{"name":"a\u0007b"}"#, 422, "invalid_field")] {
            let response = try Provision.raw(service, "POST", "/api/v1/inboxes", body: body, headers: auth)
            #expect(response.status == status, "\(body): \(response.text)")
            #expect(Provision.code(response) == code, "\(body)")
        }
        let text = try Provision.raw(service, "POST", "/api/v1/inboxes", body: "name", contentType: "text/plain", headers: auth)
        #expect(text.status == 415)
    }

    @Test func anInboxStoresWhatItReceivesAndPollsWithACursor() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let inbox = try Self.create(service, token: token)
        let id = try #require(inbox["id"] as? String)
        let path = try Self.path(of: try #require(inbox["url"] as? String))

        let first = try service.send(method: "POST", path: path + "?source=crm&x=1", headers: [
            ("Content-Type", "application/json"), ("X-Webhook-Event", "lead.created"), ("Cookie", "wh_session=sess_secret"),
        ], body: Array(#"{"event":"lead.created","name":"Zoë"}"#.utf8))
        #expect(first.status == 200)
        #expect(first.text == "OK")
        var polled = try Self.requests(service, token: token, inbox: id)
        #expect(polled.requests.count == 1)
        let stored = try #require(polled.requests.first)
        #expect(stored["method"] as? String == "POST")
        #expect(stored["path"] as? String == path)
        #expect(stored["query"] as? String == "source=crm&x=1")
        #expect(stored["body"] as? String == #"{"event":"lead.created","name":"Zoë"}"#)
        #expect(stored["bodyEncoding"] as? String == "utf8")
        #expect(stored["size"] as? Int == #"{"event":"lead.created","name":"Zoë"}"#.utf8.count)
        #expect(stored["truncated"] as? Bool == false)
        #expect(stored["receivedAt"] is String)
        let headers = try #require(stored["headers"] as? [[String]])
        #expect(headers.contains(["X-Webhook-Event", "lead.created"]))
        #expect(headers.contains(["Content-Type", "application/json"]))
        // The dashboard's own cookie never reaches an inbox's reader.
        #expect(headers.contains(["Cookie", "••••••••"]))
        #expect(!polled.requests.description.contains("sess_secret"))

        // Polling after the cursor gives nothing new, then only what came since, newest first.
        let cursor = polled.cursor
        #expect(try Self.requests(service, token: token, inbox: id, after: cursor).requests.isEmpty)
        #expect(try Self.requests(service, token: token, inbox: id, after: cursor).cursor == cursor)
        #expect(try service.send(method: "PUT", path: path, headers: [("Content-Type", "text/plain")],
                                 body: Array("second".utf8)).status == 200)
        #expect(try service.send(method: "PATCH", path: path, headers: [], body: [0xFF, 0x00, 0x01]).status == 200)
        polled = try Self.requests(service, token: token, inbox: id, after: cursor)
        #expect(polled.requests.map { $0["method"] as? String } == ["PATCH", "PUT"])
        #expect(polled.requests.first?["bodyEncoding"] as? String == "base64")
        #expect(polled.requests.first?["body"] as? String == "/wAB")
        #expect(polled.requests.last?["body"] as? String == "second")
        #expect(try Self.requests(service, token: token, inbox: id, after: polled.cursor).requests.isEmpty)
        #expect(try Self.requests(service, token: token, inbox: id).requests.count == 3)
        #expect(try service.request("GET", "/api/v1/inboxes/\(id)", token: token).json?["requestCount"] as? Int == 3)

        // GET stores nothing; unknown, malformed tokens are 404; bad cursors 400.
        #expect(try service.request("GET", path).status == 405)
        for bad in ["/inbox/inb_" + String(repeating: "A", count: 43), "/inbox/nothing", "/inbox/" + path.dropFirst(7).dropLast()] {
            let response = try service.request("POST", bad, json: ["a": 1])
            #expect(response.status == 404, "\(bad)")
            #expect(Provision.code(response) == "not_found")
        }
        for bad in ["abc", "-1", "1.5", "99999999999999999999"] {
            let response = try service.request("GET", "/api/v1/inboxes/\(id)/requests?after=\(bad)", token: token)
            #expect(response.status == 400, "\(bad)")
            #expect(Provision.code(response) == "invalid_query")
        }
        #expect(try Self.requests(service, token: token, inbox: id).requests.count == 3)
    }

    @Test func anInboxKeepsTheNewestHundredRequestsAndSixtyFourKiBOfABody() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let inbox = try Self.create(service, token: token)
        let id = try #require(inbox["id"] as? String)
        let path = try Self.path(of: try #require(inbox["url"] as? String))

        for number in 1...105 {
            #expect(try service.send(method: "POST", path: path, headers: [], body: Array("request \(number)".utf8)).status == 200)
        }
        let kept = try Self.requests(service, token: token, inbox: id).requests
        #expect(kept.count == 100)
        #expect(kept.first?["body"] as? String == "request 105")
        #expect(kept.last?["body"] as? String == "request 6")

        // 100 KiB arrive, 64 KiB are kept, flagged; a character cut in half is left out, not turned into base64.
        let big = Array(("a" + String(repeating: "é", count: 50 * 1024)).utf8)
        #expect(try service.send(method: "POST", path: path, headers: [], body: big).status == 200)
        let newest = try #require(try Self.requests(service, token: token, inbox: id).requests.first)
        #expect(newest["size"] as? Int == big.count)
        #expect(newest["truncated"] as? Bool == true)
        #expect(newest["bodyEncoding"] as? String == "utf8")
        #expect((newest["body"] as? String)?.utf8.count == 64 * 1024 - 1)

        // Headers beyond 100 are dropped, flagged.
        let many = (1...120).map { ("X-Extra-\($0)", "v") }
        #expect(try service.send(method: "POST", path: path, headers: many, body: Array("x".utf8)).status == 200)
        let flagged = try #require(try Self.requests(service, token: token, inbox: id).requests.first)
        #expect((flagged["headers"] as? [[String]])?.count == 100)
        #expect(flagged["truncated"] as? Bool == true)
        #expect(try Self.requests(service, token: token, inbox: id).requests.count == 100)
    }

    @Test func aTenantHoldsAtMostTenInboxes() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        for _ in 1...10 { _ = try Self.create(service, token: token) }
        let refused = try service.request("POST", "/api/v1/inboxes", token: token, json: ["name": "eleventh"])
        #expect(refused.status == 409)
        #expect(Provision.code(refused) == "inbox_limit_reached")
        #expect(try service.request("GET", "/api/v1/inboxes", token: token).json?["total"] as? Int == 10)
        // Another tenant has its own ten.
        _ = try Provision.tenant(service, email: "other@example.com", password: "other password 1")
        let other = try service.login(email: "other@example.com", password: "other password 1")
        #expect(try service.request("POST", "/api/v1/inboxes", token: other).status == 201)
    }

    @Test func anotherTenantsInboxIsNotFoundAndMembersOnlyRead() throws {
        let service = try APIService()
        let owner = try service.loginDemo()
        let inbox = try Self.create(service, token: owner)
        let id = try #require(inbox["id"] as? String)
        let path = try Self.path(of: try #require(inbox["url"] as? String))
        #expect(try service.send(method: "POST", path: path, headers: [], body: Array("hello".utf8)).status == 200)
        let requestId = try #require(try Self.requests(service, token: owner, inbox: id).requests.first?["id"] as? String)

        _ = try Provision.tenant(service, email: "other@example.com", password: "other password 1")
        let other = try service.login(email: "other@example.com", password: "other password 1")
        for (method, suffix, body) in [("GET", "", nil), ("DELETE", "", nil), ("GET", "/requests", nil),
                                       ("POST", "/requests/\(requestId)/verify", ["secret": "whatever-secret"])]
            as [(String, String, [String: Any]?)] {
            let response = try service.request(method, "/api/v1/inboxes/\(id)\(suffix)", token: other, json: body)
            #expect(response.status == 404, "\(method) \(suffix)")
            #expect(!response.text.contains("hello"))
        }
        #expect(try service.request("GET", "/api/v1/inboxes", token: other).json?["total"] as? Int == 0)
        // The other tenant's own inbox cannot reach the first one's request either.
        let otherInbox = try #require(try Self.create(service, token: other)["id"] as? String)
        #expect(try service.request("POST", "/api/v1/inboxes/\(otherInbox)/requests/\(requestId)/verify", token: other,
                                    json: ["secret": "whatever-secret"]).status == 404)

        _ = try Provision.user(service, tenantId: service.demo["tenantId"] ?? "", email: "reader@example.com",
                               password: "reader password 1", role: "member")
        let member = try service.login(email: "reader@example.com", password: "reader password 1")
        #expect(try service.request("GET", "/api/v1/inboxes", token: member).json?["total"] as? Int == 1)
        #expect(try service.request("GET", "/api/v1/inboxes/\(id)/requests", token: member).status == 200)
        #expect(try service.request("POST", "/api/v1/inboxes/\(id)/requests/\(requestId)/verify", token: member,
                                    json: ["secret": "whatever-secret"]).status == 200)
        for (method, path) in [("POST", "/api/v1/inboxes"), ("DELETE", "/api/v1/inboxes/\(id)")] {
            let response = try service.request(method, path, token: member)
            #expect(response.status == 403, "\(method)")
            #expect(Provision.code(response) == "forbidden")
        }
        for (method, path) in [("GET", "/api/v1/inboxes"), ("POST", "/api/v1/inboxes"), ("GET", "/api/v1/inboxes/\(id)")] {
            #expect(try service.request(method, path).status == 401, "\(method) \(path)")
        }
        #expect(try service.request("GET", "/api/v1/inboxes/\(id)", token: owner).status == 200)
    }

    @Test func anExpiredInboxIsNotFoundAndThePurgeDeletesIt() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let kept = try #require(try Self.create(service, token: token)["id"] as? String)
        let inbox = try Self.create(service, token: token)
        let id = try #require(inbox["id"] as? String)
        let path = try Self.path(of: try #require(inbox["url"] as? String))
        #expect(try service.send(method: "POST", path: path, headers: [], body: Array("x".utf8)).status == 200)
        try PostgresAdmin(url: service.database.url).execute(
            "UPDATE inboxes SET expires_at = now() - interval '1 second' WHERE id = '\(id)'")

        #expect(try service.send(method: "POST", path: path, headers: [], body: Array("x".utf8)).status == 404)
        #expect(try service.request("GET", "/api/v1/inboxes/\(id)", token: token).status == 404)
        #expect(try service.request("GET", "/api/v1/inboxes/\(id)/requests", token: token).status == 404)
        #expect(try service.request("GET", "/api/v1/inboxes", token: token).json?["total"] as? Int == 1)

        let purged = try service.storage.read { try $0.inboxes.purgeExpired(now: Date()) }
        #expect(purged == 1)
        #expect(try service.storage.read { try $0.inboxes.list(tenantId: try #require(UUID(uuidString: service.demo["tenantId"] ?? ""))) }
            .map { $0.id.uuidString.lowercased() } == [kept])
    }

    @Test func verifyTellsWhetherTheSignatureOfEachSchemeMatchesTheSecret() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let inbox = try Self.create(service, token: token)
        let id = try #require(inbox["id"] as? String)
        let path = try Self.path(of: try #require(inbox["url"] as? String))
        let secret = WebhookSecret.generate()
        // standard-ed25519 signs with a private key and is checked with its public key.
        let key = WebhookSecret.generate(for: .standardEd25519)
        func signing(_ scheme: SignatureScheme) -> WebhookSecret { scheme.isAsymmetric ? key : secret }
        func checking(_ scheme: SignatureScheme) -> String { scheme.isAsymmetric ? key.publicKey ?? "" : secret.text }
        let body = Array(#"{"id":"d1","event":"lead.created","data":{"name":"</script>"}}"#.utf8)

        // One request signed per scheme, by the code that signs real deliveries.
        var requestIds: [SignatureScheme: String] = [:]
        for scheme in SignatureScheme.allCases {
            let signature = scheme.signatureHeaders(deliveryId: "d1", timestamp: Date(), body: body, secrets: [signing(scheme)],
                                                    headerPrefix: "X-Webhook")
            #expect(try service.send(method: "POST", path: path, headers: [("Content-Type", "application/json")] + signature,
                                     body: body).status == 200)
            requestIds[scheme] = try #require(try Self.requests(service, token: token, inbox: id).requests.first?["id"] as? String)
        }
        for scheme in SignatureScheme.allCases {
            let requestId = try #require(requestIds[scheme])
            let verifyPath = "/api/v1/inboxes/\(id)/requests/\(requestId)/verify"
            let right = try service.request("POST", verifyPath, token: token, json: ["secret": checking(scheme)])
            #expect(right.status == 200, "\(right.text)")
            let results = try #require(right.json?["results"] as? [[String: Any]])
            #expect(results.map { $0["scheme"] as? String } == SignatureScheme.allCases.map(\.rawValue))
            let verified = results.filter { $0["verified"] as? Bool == true }.compactMap { $0["scheme"] as? String }
            // hmac-sha256 and hmac-sha256-prefixed share a header; each checks its own form.
            #expect(verified == [scheme.rawValue], "\(scheme): \(results)")
            #expect(right.json?["verified"] as? Bool == true)

            let named = try service.request("POST", verifyPath, token: token, json: ["secret": checking(scheme), "scheme": scheme.rawValue])
            #expect((named.json?["results"] as? [[String: Any]])?.count == 1)
            #expect(named.json?["verified"] as? Bool == true)

            let wrong = try service.request("POST", verifyPath, token: token,
                                            json: ["secret": scheme.isAsymmetric ? WebhookSecret.generate(for: scheme).publicKey ?? ""
                                                        : WebhookSecret.generate().text, "scheme": scheme.rawValue])
            #expect(wrong.status == 200)
            #expect(wrong.json?["verified"] as? Bool == false, "\(scheme)")
            #expect(((wrong.json?["results"] as? [[String: Any]])?.first?["detail"] as? String)?.contains("does not match") == true)
        }

        // A tampered body no longer verifies; an unsigned request says what is missing.
        let signature = SignatureScheme.standard.signatureHeaders(deliveryId: "d1", timestamp: Date(), body: body,
                                                                  secrets: [secret], headerPrefix: "X-Webhook")
        #expect(try service.send(method: "POST", path: path, headers: signature, body: body + [0x20]).status == 200)
        let tampered = try #require(try Self.requests(service, token: token, inbox: id).requests.first?["id"] as? String)
        let tamperedAnswer = try service.request("POST", "/api/v1/inboxes/\(id)/requests/\(tampered)/verify", token: token,
                                                 json: ["secret": secret.text])
        #expect(tamperedAnswer.json?["verified"] as? Bool == false)
        #expect(try service.send(method: "POST", path: path, headers: [], body: body).status == 200)
        let unsigned = try #require(try Self.requests(service, token: token, inbox: id).requests.first?["id"] as? String)
        let unsignedAnswer = try service.request("POST", "/api/v1/inboxes/\(id)/requests/\(unsigned)/verify", token: token,
                                                 json: ["secret": secret.text, "scheme": "standard"])
        #expect((unsignedAnswer.json?["results"] as? [[String: Any]])?.first?["detail"] as? String
                == "no webhook-id, webhook-timestamp and webhook-signature headers")

        // Bad bodies and ids.
        let verifyPath = "/api/v1/inboxes/\(id)/requests/\(unsigned)/verify"
        for (json, status, field) in [([:], 400, "secret"), (["secret": 5], 400, "secret"), (["secret": ""], 422, "secret"),
                                      (["secret": "s", "scheme": "md5"], 422, "scheme"), (["secret": "s", "scheme": NSNull()], 400, "scheme"), (["secret": "s", "x": 1], 400, "x")]
            as [([String: Any], Int, String)] {
            let response = try service.request("POST", verifyPath, token: token, json: json)
            #expect(response.status == status, "\(json): \(response.text)")
            #expect(Provision.field(response) == field, "\(json)")
        }
        #expect(try service.request("POST", "/api/v1/inboxes/\(id)/requests/\(UUID().uuidString.lowercased())/verify",
                                    token: token, json: ["secret": "s"]).status == 404)
    }

    @Test func theTestEndpointAnswersOKAndLogsThePayloadAsSeed004Shows() throws {
        let service = try APIService()
        let lines = LogCapture()
        service.logger = Logger(label: "capture") { _ in lines }

        let response = try service.send(method: "POST", path: "/api/test-webhook", headers: [
            ("Content-Type", "application/json"), ("X-Webhook-Signature", "sha256=abc123secretsignature"),
        ], body: Array(#"{"event":"LEAD_CREATED","data":{"name":"John Doe","url":"https://a/b"}}"#.utf8))
        #expect(response.status == 200)
        #expect(response.text == "OK")
        let logged = try #require(lines.messages.last)
        let logLines = logged.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(logLines.first == "🎣 WEBHOOK TEST RECEIVED!")
        #expect(logLines.dropFirst().first?.allSatisfy { $0 == "=" } == true)
        let time = try #require(logLines.first { $0.hasPrefix("⏰ Time: ") }?.dropFirst("⏰ Time: ".count))
        #expect(ISO8601DateFormatter.withFractionalSeconds.date(from: String(time)) != nil)
        #expect(logged.contains("📦 Payload: {"))
        #expect(logged.contains(#""name" : "John Doe""#) || logged.contains(#""name": "John Doe""#))
        #expect(logged.contains("https://a/b"))
        #expect(!logged.contains("abc123secretsignature"))

        // Anything else is logged as text; a big payload only in part.
        #expect(try service.send(method: "POST", path: "/api/test-webhook", headers: [("Content-Type", "text/plain")],
                                 body: Array("plain words".utf8)).status == 200)
        #expect(lines.messages.last?.contains("📦 Payload: plain words") == true)
        let big = Array(String(repeating: "x", count: 40_000).utf8)
        #expect(try service.send(method: "POST", path: "/api/test-webhook", headers: [], body: big).status == 200)
        let bigLog = try #require(lines.messages.last)
        #expect(bigLog.contains("(\(40_000 - 16 * 1024) more bytes not logged)"))
        #expect(bigLog.utf8.count < 17 * 1024)
    }
}

/// The test endpoint's budget, on a clock the test moves: a burst of 20, then 10 a second.
@Suite struct TestWebhookRateLimitTests {
    @Test func aBurstOfTwentyThenTenASecond() {
        let limit = TestWebhookRateLimit()
        let start = ContinuousClock.now
        #expect((1...20).allSatisfy { _ in limit.admit(now: start) })
        #expect(!limit.admit(now: start))
        #expect(limit.admit(now: start + .milliseconds(150)))
        #expect(!limit.admit(now: start + .milliseconds(150)))
        let later = start + .seconds(1) + .milliseconds(150)
        #expect((1...10).allSatisfy { _ in limit.admit(now: later) })
        #expect(!limit.admit(now: later))
        // A quiet minute refills the burst, not more.
        let quiet = later + .seconds(60)
        #expect((1...20).allSatisfy { _ in limit.admit(now: quiet) })
        #expect(!limit.admit(now: quiet))
    }
}

/// Keeps the messages logged through it.
private final class LogCapture: LogHandler, @unchecked Sendable {
    private let stored = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    var messages: [String] { stored.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        stored.withLock { $0.append(event.message.description) }
    }
}
