public import Foundation

/// What ``DeliveryQueue/record(_:owner:now:autoDisableAfter:)`` applied.
public struct RecordSummary: Sendable, Equatable {
    /// Deliveries whose outcome was recorded.
    public let applied: Set<UUID>
    /// Deliveries whose outcome was ignored: no longer leased by this owner (the lease expired and someone else
    /// claimed it, or it was released), no longer pending, or a different attempt number.
    public let ignored: [UUID]
    /// Webhooks this batch disabled automatically.
    public let disabledWebhooks: [UUID]

    /// Creates a summary.
    public init(applied: Set<UUID>, ignored: [UUID], disabledWebhooks: [UUID]) {
        self.applied = applied
        self.ignored = ignored
        self.disabledWebhooks = disabledWebhooks
    }
}
