public import Foundation
import WebhookCore

/// An event to publish: what ``EventStore/publish(_:now:)`` stores, and which webhooks it queues deliveries for.
public struct EventPublication: Sendable, Equatable {
    /// The event's id when it is new (an idempotency key already used answers the first event's id instead).
    public let id: UUID
    /// The publishing tenant.
    public let tenantId: UUID
    /// The tenant's chatbot the event happened on.
    public let chatbotId: UUID
    /// The canonical event type, stored on the event and its deliveries.
    public let eventType: String
    /// Every name that selects the event in a webhook's `event_types` (its name, aliases, `prefix.*` and `*`, as
    /// `EventType.subscriptionKeys` lists them).
    public let subscriptionKeys: [String]
    /// The payload formats that have a name for the event type: only webhooks of these formats get a delivery.
    public let payloadFormats: [String]
    /// The producer's idempotency key, unique per tenant and chatbot.
    public let idempotencyKey: String?
    /// The event's `data` as compact JSON text, stored verbatim.
    public let data: String
    /// When the event happened.
    public let occurredAt: Date

    /// Creates a publication; `id` defaults to a new random one.
    public init(id: UUID = UUID(), tenantId: UUID, chatbotId: UUID, eventType: String, subscriptionKeys: [String],
                idempotencyKey: String?, data: String, occurredAt: Date) {
        self.id = id
        self.tenantId = tenantId
        self.chatbotId = chatbotId
        self.eventType = eventType
        self.subscriptionKeys = subscriptionKeys
        payloadFormats = PayloadFormat.allCases.filter { $0.eventName(for: eventType) != nil }.map(\.rawValue)
        self.idempotencyKey = idempotencyKey
        self.data = data
        self.occurredAt = occurredAt
    }
}
