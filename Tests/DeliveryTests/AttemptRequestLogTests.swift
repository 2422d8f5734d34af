import Delivery
import Foundation
import Storage
import Testing
import TestSupport
import WebhookCore

/// The delivery log keeps each attempt's request as a receiver got it: the headers in order (credentials masked)
/// and what renders the body's exact bytes again.
@Suite struct AttemptRequestLogTests {
    /// The headers curl adds itself; the log lists the ones we set.
    static let curlHeaders: Set<String> = ["host", "accept", "content-length"]

    /// What the log should hold for `request`: its headers without curl's, the credentials masked.
    func expectedHeaders(_ request: ReceivedRequest, masking masked: Set<String>) -> [AttemptRequest.Header] {
        request.headers.filter { !Self.curlHeaders.contains($0.0.lowercased()) }.map {
            AttemptRequest.Header(name: $0.0, value: masked.contains($0.0.lowercased()) ? WebhookHeader.maskedValue : $0.1)
        }
    }

    /// The body rendered again from the delivery record and what the attempt's log keeps, as the API shows it.
    func rerenderedBody(_ delivery: DeliveryRecord, _ request: AttemptRequest) throws -> [UInt8] {
        let type = try #require(EventType.named(delivery.eventType))
        let context = PayloadContext(deliveryId: delivery.id.uuidString.lowercased(),
                                     chatbotId: delivery.chatbotId.uuidString.lowercased(),
                                     occurredAt: delivery.occurredAt, dashboardURL: request.dashboardURL,
                                     isTest: delivery.isTest)
        let data = try #require(delivery.data)
        return try #require(request.payloadFormat.body(eventType: type, data: Array(data.utf8), context: context))
    }

    func log(_ f: DispatchFixture, _ hook: DispatchFixture.Hook, _ deliveryId: UUID) throws -> (DeliveryRecord, [AttemptRecord]) {
        try #require(try f.database.read {
            try $0.deliveryLog.find(tenantId: f.tenantId, webhookId: hook.id, deliveryId: deliveryId)
        })
    }

    @Test func eachAttemptOfAPollybotDeliveryLogsTheHeadersInOrderAndTheBodyTheReceiverGot() throws {
        let receiver = try TestReceiver { CannedResponse(status: $0.header("X-Webhook-Attempt") == "1" ? 503 : 200) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL, scheme: "hmac-sha256-prefixed", maxRetries: 1,
                                 headers: [WebhookHeader(name: "X-Custom", value: "visible: yes"),
                                           WebhookHeader(name: "Authorization", value: "Bearer sk_live_hidden42")],
                                 format: .pollybot)
        try f.publish(data: #"{"id":"lead_1","email":"a@example.com","name":"Zoë 😀 </script>"}"#)
        _ = try f.startDispatcher { $0.headerPrefix = "X-Hooks" }
        let received = receiver.waitForRequests(2)
        try #require(received.count == 2)
        let deliveryId = try f.onlyDelivery().id
        #expect(try eventually { try f.onlyDelivery().status == "succeeded" })

        let (delivery, attempts) = try log(f, hook, deliveryId)
        #expect(attempts.count == 2)
        for (attempt, request) in zip(attempts, received) {
            let logged = try #require(attempt.request, "attempt \(attempt.attemptNumber) logged no request")
            #expect(logged.headers == expectedHeaders(request, masking: ["authorization"]))
            #expect(logged.headers.contains(.init(name: "X-Webhook-Signature", value: request.header("X-Webhook-Signature") ?? "")))
            #expect(logged.payloadFormat == .pollybot && logged.dashboardURL == nil)
            #expect(try rerenderedBody(delivery, logged) == request.body)
        }
        #expect(attempts.last?.request?.headers.first { $0.name == "X-Webhook-Attempt" }?.value == "2")
        let stored: String = try f.value("SELECT string_agg(a::text, ' ') FROM delivery_attempts a")
        #expect(!stored.contains("sk_live_hidden42"))
    }

    @Test func aTokenSchemesSecretIsNeverLoggedAndTheDashboardLinkRendersAgain() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL, scheme: "token",
                                 headers: [WebhookHeader(name: "x-api-key", value: "key-hidden-77")], format: .sitegpt)
        try f.publish(data: #"{"id":"lead_9","email":"b@example.com","name":"Ana"}"#)
        _ = try f.startDispatcher { $0.dashboardURL = "https://app.example.com/bots" }
        let request = try #require(receiver.waitForRequests(1).first)
        #expect(request.header("X-WEBHOOK-TOKEN") == hook.secret.text)
        let deliveryId = try f.onlyDelivery().id
        #expect(try eventually { try f.onlyDelivery().status == "succeeded" })

        let (delivery, attempts) = try log(f, hook, deliveryId)
        let logged = try #require(attempts.first?.request)
        #expect(logged.headers == expectedHeaders(request, masking: ["x-webhook-secret", "x-webhook-token", "x-api-key"]))
        #expect(logged.headers.contains(.init(name: "X-WEBHOOK-TOKEN", value: WebhookHeader.maskedValue)))
        #expect(logged.dashboardURL == "https://app.example.com/bots")
        let body = try rerenderedBody(delivery, logged)
        #expect(body == request.body)
        #expect(String(decoding: body, as: UTF8.self).contains("https://app.example.com/bots/"))

        let stored: String = try f.value("SELECT string_agg(a::text, ' ') FROM delivery_attempts a")
        #expect(!stored.contains(hook.secret.text) && !stored.contains("key-hidden-77"))
    }

    @Test func aTestSendLogsItsRequestToo() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL, headers: [WebhookHeader(name: "Cookie", value: "session=s3cr3t")])
        let sender = TestSender(database: f.database, configuration: f.configuration(), cipher: f.cipher, logger: nil)
        let result = try #require(try sender.send(tenantId: f.tenantId, webhookId: hook.id, data: #"{"hello":"world"}"#))
        #expect(result.recorded)
        let request = try #require(receiver.requests.first)

        let (delivery, attempts) = try log(f, hook, result.deliveryId)
        let logged = try #require(attempts.first?.request)
        #expect(logged.headers == expectedHeaders(request, masking: ["cookie"]))
        #expect(logged.headers.contains(.init(name: "X-Webhook-Test", value: "true")))
        #expect(try rerenderedBody(delivery, logged) == request.body)
    }

    @Test func anAttemptThatSentNothingLogsNoRequest() throws {
        let f = try DispatchFixture()
        // A secret that cannot be opened: the delivery cannot be signed, so nothing is sent.
        let hook = try f.webhook(url: "http://127.0.0.1:9/", maxRetries: 0, secretCiphertext: [1, 2, 3])
        try f.publish()
        _ = try f.startDispatcher()
        #expect(try eventually { try f.onlyDelivery().status == "failed" })
        let (_, attempts) = try log(f, hook, try f.onlyDelivery().id)
        #expect(attempts.count == 1 && attempts.first?.request == nil)
        #expect(attempts.first?.error?.contains("cannot be decrypted") == true)
    }
}
