public import Foundation

/// What a format may write into a delivery besides the event's data.
public struct PayloadContext: Sendable {
    /// The delivery's id (lowercase UUID), stable across retries.
    public let deliveryId: String
    /// The chatbot's id (lowercase UUID); seed 000 calls it `websiteId`, seed 003 `site_id`.
    public let chatbotId: String
    /// When the event happened.
    public let occurredAt: Date
    /// The deployment's chatbot dashboard (`WEBHOOKS_DASHBOARD_URL`), from which formats that carry links build
    /// them (seed 001's `dashboardUrl`); `nil` when the deployment has none.
    public let dashboardURL: String?
    /// Whether this is a test send.
    public let isTest: Bool

    /// Creates a context.
    public init(deliveryId: String, chatbotId: String, occurredAt: Date, dashboardURL: String?, isTest: Bool) {
        self.deliveryId = deliveryId
        self.chatbotId = chatbotId
        self.occurredAt = occurredAt
        self.dashboardURL = dashboardURL
        self.isTest = isTest
    }
}
