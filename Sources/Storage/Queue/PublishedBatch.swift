public import Foundation

/// What ``EventStore/publish(_:now:leasing:)`` did with a batch.
public struct PublishedBatch: Sendable, Equatable {
    /// One result per publication, in order.
    public let results: [PublishResult]
    /// The deliveries written already leased (see ``DeliveryLease``), in no particular order.
    public let leased: [UUID]
    /// Deliveries queued for claiming, not leased.
    public let unleased: Int
}
