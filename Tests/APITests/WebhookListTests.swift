@testable import API
import Foundation
import Testing
import WebhookCore

/// The list answer kept with a cached list: reused only while it still says what a fresh encoding would.
@Suite struct WebhookListTests {
    let now = Date(timeIntervalSince1970: 1_900_000_000)
    let scale = Subscription(plan: .scale)
    let free = Subscription(plan: .free)

    func webhook(previousSecretExpiresAt: Date? = nil) -> Webhook {
        let settings = WebhookSettings(name: "CRM", url: "https://example.com/hook", eventTypes: ["lead.created"],
                                       isActive: true, signatureScheme: "standard", maxRetries: 3,
                                       retryDelayMilliseconds: 1_000, timeoutMilliseconds: 10_000, maxConcurrency: 4,
                                       headers: [])
        return Webhook(id: UUID(), tenantId: UUID(), chatbotId: UUID(), settings: settings, secretCiphertext: [1],
                       secretHint: "whsec_…abcd", previousSecretCiphertext: previousSecretExpiresAt.map { _ in [2] },
                       previousSecretExpiresAt: previousSecretExpiresAt, successCount: 2, failureCount: 1,
                       lastTriggeredAt: now, lastSuccessAt: now, lastFailureAt: nil, disabledReason: nil,
                       createdAt: now, updatedAt: now)
    }

    func decoded(_ body: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }

    func fresh(_ webhooks: [Webhook], _ subscription: Subscription, at time: Date) -> [UInt8] {
        WebhookList(webhooks, subscription: subscription, now: time).body(for: subscription, now: time)
    }

    @Test func theAnswerIsTheTotalAndTheRepresentations() throws {
        let list = WebhookList([webhook(), webhook()], subscription: scale, now: now)
        let answer = try decoded(list.body(for: scale, now: now))
        #expect(answer["total"] as? Int == 2)
        let first = try #require((answer["webhooks"] as? [[String: Any]])?.first)
        #expect(first["status"] as? String == "active")
        #expect(first["successCount"] as? Int == 2)
    }

    @Test func aChangedBillingStateIsEncodedAfresh() throws {
        let list = WebhookList([webhook()], subscription: scale, now: now)
        let body = list.body(for: free, now: now)
        #expect(body == fresh(list.webhooks, free, at: now))
        let first = try #require((try decoded(body)["webhooks"] as? [[String: Any]])?.first)
        #expect(first["status"] as? String == "suspended")
    }

    @Test func anExpiredPreviousSecretIsEncodedAfresh() throws {
        let expires = now.addingTimeInterval(60)
        let list = WebhookList([webhook(previousSecretExpiresAt: expires)], subscription: scale, now: now)
        let before = try #require((try decoded(list.body(for: scale, now: now))["webhooks"] as? [[String: Any]])?.first)
        #expect(before["previousSecretExpiresAt"] is String)
        let later = expires.addingTimeInterval(1)
        let after = try #require((try decoded(list.body(for: scale, now: later))["webhooks"] as? [[String: Any]])?.first)
        #expect(after["previousSecretExpiresAt"] is NSNull)
        #expect(list.body(for: scale, now: later) == fresh(list.webhooks, scale, at: later))
    }
}
