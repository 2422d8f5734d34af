public import Foundation

/// A delivery as the delivery log shows it.
public struct DeliveryRecord: Sendable, Equatable {
    /// The delivery's id.
    public let id: UUID
    /// The owning tenant.
    public let tenantId: UUID
    /// The webhook.
    public let webhookId: UUID
    /// The event.
    public let eventId: UUID
    /// The chatbot the event belongs to.
    public let chatbotId: UUID
    /// The event's canonical type.
    public let eventType: String
    /// Whether it is a test send.
    public let isTest: Bool
    /// Where it stands.
    public let status: DeliveryStatus
    /// Attempts made so far, over its whole life.
    public let attemptCount: Int
    /// When it is next due (or when its lease ends), while pending; `nil` once finished.
    public let nextAttemptAt: Date?
    /// The HTTP status of the last attempt.
    public let lastStatusCode: Int?
    /// The error of the last attempt.
    public let lastError: String?
    /// When the event occurred.
    public let occurredAt: Date
    /// When the delivery was queued.
    public let createdAt: Date
    /// When it last changed.
    public let updatedAt: Date
    /// When it finished (succeeded or failed for good).
    public let completedAt: Date?
    /// The event's `data` as compact JSON text; only ``DeliveryLogStore/find(tenantId:webhookId:deliveryId:)``
    /// loads it, lists leave it `nil`.
    public let data: String?

    /// Creates a delivery record.
    public init(id: UUID, tenantId: UUID, webhookId: UUID, eventId: UUID, chatbotId: UUID, eventType: String,
                isTest: Bool, status: DeliveryStatus, attemptCount: Int, nextAttemptAt: Date?, lastStatusCode: Int?,
                lastError: String?, occurredAt: Date, createdAt: Date, updatedAt: Date, completedAt: Date?, data:
                String?) {
        self.id = id
        self.tenantId = tenantId
        self.webhookId = webhookId
        self.eventId = eventId
        self.chatbotId = chatbotId
        self.eventType = eventType
        self.isTest = isTest
        self.status = status
        self.attemptCount = attemptCount
        self.nextAttemptAt = nextAttemptAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.occurredAt = occurredAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
        self.data = data
    }
}
