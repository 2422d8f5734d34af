/// What ``DeliveryQueue/purgeExpired(now:retentionDays:batchSize:)`` deleted.
public struct PurgeResult: Sendable, Equatable {
    /// Finished deliveries deleted (with their attempts).
    public let deliveries: Int
    /// Events deleted that had no delivery left.
    public let events: Int

    /// Creates a result.
    public init(deliveries: Int, events: Int) {
        self.deliveries = deliveries
        self.events = events
    }
}
