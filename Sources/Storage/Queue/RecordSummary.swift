public import Foundation

/// What ``DeliveryQueue/record(_:owner:now:autoDisableAfter:)`` applied.
public struct RecordSummary: Sendable, Equatable {
    /// Deliveries whose outcome was recorded.
    public let applied: Set<UUID>
    /// Deliveries whose outcome was ignored: no longer leased by this owner (the lease expired and someone else
    /// claimed it, or it was released), no longer pending, or a different attempt number.
    public let ignored: [UUID]
    /// Webhooks this batch disabled (automatically, or after a `410 Gone`).
    public let disabledWebhooks: [UUID]

    /// Deliveries of operational events (`webhook.disabled`, `delivery.exhausted`) the batch queued.
    public let operationalDeliveriesQueued: Int

    /// Creates a summary.
    public init(applied: Set<UUID>, ignored: [UUID], disabledWebhooks: [UUID], operationalDeliveriesQueued: Int = 0) {
        self.applied = applied
        self.ignored = ignored
        self.disabledWebhooks = disabledWebhooks
        self.operationalDeliveriesQueued = operationalDeliveriesQueued
    }
}
