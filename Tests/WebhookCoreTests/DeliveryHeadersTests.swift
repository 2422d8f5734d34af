import Foundation
import Testing
import WebhookCore

@Suite struct DeliveryHeadersTests {
    func headers(isTest: Bool, prefix: String = "X-Webhook") -> [String] {
        DeliveryHeaders.standard(
            prefix: prefix, eventType: "lead.created", deliveryId: "dlv_123",
            timestamp: Date(timeIntervalSince1970: 1_736_937_000), attempt: 2, isTest: isTest, userAgent: "Webhooks/1.0"
        ).map { "\($0.0): \($0.1)" }
    }

    @Test func deliveriesCarryTheSpecHeadersInOrder() {
        #expect(headers(isTest: false) == [
            "Content-Type: application/json",
            "User-Agent: Webhooks/1.0",
            "X-Webhook-Event: lead.created",
            "X-Webhook-Timestamp: 2025-01-15T10:30:00.000Z",
            "X-Webhook-Delivery-Id: dlv_123",
            "X-Webhook-Attempt: 2",
        ])
    }

    @Test func testSendsAddTheTestHeaderUnderTheDeploymentPrefix() {
        #expect(headers(isTest: true, prefix: "X-Agentbot").last == "X-Agentbot-Test: true")
        #expect(headers(isTest: true, prefix: "X-Agentbot")[2] == "X-Agentbot-Event: lead.created")
    }
}
