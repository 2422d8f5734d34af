import Cryptography
import Delivery
import Foundation
import Storage
import Testing
import TestSupport
import WebhookCore

/// What a dispatched delivery looks like on the wire, and test sends.
@Suite struct DispatcherWireTests {
    @Test func publishedEventArrivesWithTheExactEnvelopeHeadersAndAVerifyingSignature() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 204) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL + "/in?src=test",
                                 headers: [WebhookHeader(name: "X-Custom", value: "yes"),
                                           WebhookHeader(name: "Authorization", value: "Bearer abc")])
        let occurredAt = Date(timeIntervalSince1970: 1_736_937_000.123)
        let data = #"{"email":"a@example.com","note":"a/b é 🎉","html":"</script>"}"#
        let published = try f.publish(data: data, occurredAt: occurredAt)
        #expect(published.deliveriesQueued == 1)

        let dispatcher = try f.startDispatcher()
        let request = try #require(receiver.waitForRequests(1).first)
        let delivery = try f.onlyDelivery()
        let id = delivery.id.uuidString.lowercased()
        let bot = f.chatbotId.uuidString.lowercased()

        #expect(request.method == "POST")
        #expect(request.target == "/in?src=test")
        let expectedBody = #"{"id":"\#(id)","event":"lead.created","timestamp":"2025-01-15T10:30:00.123Z","chatbotId":"\#(bot)","data":\#(data)}"#
        #expect(request.body == Array(expectedBody.utf8))
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("User-Agent") == "WebhooksTest/1.0")
        #expect(request.header("X-Webhook-Event") == "lead.created")
        #expect(request.header("X-Webhook-Timestamp") == "2025-01-15T10:30:00.123Z")
        #expect(request.header("X-Webhook-Delivery-Id") == id)
        #expect(request.header("X-Webhook-Attempt") == "1")
        #expect(request.header("X-Webhook-Test") == nil)
        #expect(request.header("X-Custom") == "yes")
        #expect(request.header("Authorization") == "Bearer abc")

        // Standard Webhooks: v1,<base64 HMAC-SHA256(key, "{id}.{ts}.{body}")>, ts = the time of this attempt.
        #expect(request.header("webhook-id") == id)
        let timestamp = try #require(request.header("webhook-timestamp").flatMap { Int64($0) })
        #expect(abs(Double(timestamp) - Date().timeIntervalSince1970) < 10)
        let key = try #require(Base64.decode(hook.secret.text.dropFirst(WebhookSecret.prefix.count)))
        let signed = Array("\(id).\(timestamp).".utf8) + request.body
        #expect(request.header("webhook-signature") == "v1," + Base64.encode(HMACSHA256.authenticate(signed, key: key)))

        #expect(try eventually { try f.onlyDelivery().status == "succeeded" })
        let attempts = try f.attempts(delivery.id)
        #expect(attempts.count == 1)
        #expect(attempts.first?.statusCode == 204 && attempts.first?.error == nil)
        #expect(eventually { dispatcher.statistics.succeeded == 1 })
        let statistics = dispatcher.statistics
        #expect(statistics.sent == 1 && statistics.failed == 0 && statistics.retried == 0 && statistics.inFlight == 0)
    }

    @Test func sealedCredentialHeadersReachTheReceiverInClear() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 204) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL + "/in",
                                 headers: [WebhookHeader(name: "Authorization", value: "Bearer crm-live-7f3a", isSensitive: true),
                                           WebhookHeader(name: "X-Tenant-Pin", value: "pin-4242", isSensitive: true),
                                           WebhookHeader(name: "X-Plain", value: "visible")])
        #expect(hook.settings.headers.map { $0.sealedValue != nil } == [true, true, false])
        try f.publish()
        _ = try f.startDispatcher()
        let request = try #require(receiver.waitForRequests(1).first)
        #expect(request.header("Authorization") == "Bearer crm-live-7f3a")
        #expect(request.header("X-Tenant-Pin") == "pin-4242")
        #expect(request.header("X-Plain") == "visible")
    }

    @Test func hexSchemeSignsTheBodyWithTheSecretTextAndUsesTheHeaderPrefix() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL, scheme: "hmac-sha256-prefixed")
        try f.publish()
        _ = try f.startDispatcher { $0.headerPrefix = "X-Agentbot" }
        let request = try #require(receiver.waitForRequests(1).first)
        let expected = "sha256=" + Hex.encode(HMACSHA256.authenticate(request.body, key: Array(hook.secret.text.utf8)))
        #expect(request.header("X-Agentbot-Signature") == expected)
        #expect(request.header("X-Agentbot-Event") == "lead.created")
        #expect(request.header("X-Webhook-Signature") == nil)
    }

    @Test func testSendDeliversAtOnceWithTheTestHeaderAndAnswersTheOutcomeWithoutTouchingCounters() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 201, body: Array("thanks!".utf8)) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        // Paused webhooks can be tested too.
        let hook = try f.webhook(url: receiver.baseURL, isActive: false)
        let sender = TestSender(database: f.database, configuration: f.configuration(), cipher: f.cipher, logger: nil)

        let result = try #require(try sender.send(tenantId: f.tenantId, webhookId: hook.id, data: #"{"hello":"world"}"#))
        #expect(result.recorded)
        #expect(result.outcome.statusCode == 201)
        #expect(result.outcome.responseBody == "thanks!")
        #expect(result.outcome.error == nil)
        #expect(result.outcome.verdict == .succeeded)
        #expect(result.response?.statusCode == 201)

        let request = try #require(receiver.requests.first)
        #expect(receiver.requests.count == 1)
        #expect(request.header("X-Webhook-Test") == "true")
        #expect(request.header("X-Webhook-Event") == "webhook.test")
        #expect(request.header("X-Webhook-Delivery-Id") == result.deliveryId.uuidString.lowercased())
        #expect(request.header("webhook-signature")?.hasPrefix("v1,") == true)
        #expect(String(decoding: request.body, as: UTF8.self).hasSuffix(#","data":{"hello":"world"}}"#))

        let delivery = try f.onlyDelivery()
        #expect(delivery.status == "succeeded" && delivery.leaseOwner == nil)
        #expect(try f.attempts(delivery.id).map(\.statusCode) == [201])
        let counters = try f.counters(hook)
        #expect(counters.successCount == 0 && counters.lastTriggeredAt == nil)

        #expect(try sender.send(tenantId: UUID(), webhookId: hook.id, data: "{}") == nil)
    }

    @Test func failedTestSendIsReportedAndNotRetried() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 500, body: Array("nope".utf8)) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL, maxRetries: 5)
        let sender = TestSender(database: f.database, configuration: f.configuration(), cipher: f.cipher, logger: nil)
        let result = try #require(try sender.send(tenantId: f.tenantId, webhookId: hook.id, data: "{}"))
        #expect(result.outcome.statusCode == 500)
        #expect(result.outcome.error == "HTTP 500")
        #expect(result.outcome.responseBody == "nope")
        #expect(result.outcome.verdict == .failed)
        #expect(try f.onlyDelivery().status == "failed")
        #expect(try f.counters(hook).failureCount == 0)
    }
}
