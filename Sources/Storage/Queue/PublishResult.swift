public import Foundation

/// What publishing an event did.
public struct PublishResult: Sendable, Equatable {
    /// The event's id; for a repeated idempotency key, the id of the first event published with it.
    public let eventId: UUID
    /// How many deliveries the (first) event queued.
    public let deliveriesQueued: Int
    /// Whether the idempotency key had been used before, so nothing was queued this time.
    public let duplicate: Bool
    /// When the (first) event occurred.
    public let occurredAt: Date

    /// Creates a result.
    public init(eventId: UUID, deliveriesQueued: Int, duplicate: Bool, occurredAt: Date) {
        self.eventId = eventId
        self.deliveriesQueued = deliveriesQueued
        self.duplicate = duplicate
        self.occurredAt = occurredAt
    }
}
