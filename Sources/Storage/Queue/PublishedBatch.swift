/// What ``EventStore/publish(_:now:leasing:)`` did with a batch.
public struct PublishedBatch: Sendable, Equatable {
    /// One result per publication, in order.
    public let results: [PublishResult]
    /// The deliveries written already leased (see ``DeliveryLease``), with everything the sender needs, as
    /// ``DeliveryQueue/claim(owner:limit:lease:now:)`` returns deliveries; in no particular order.
    public let leased: [ClaimedDelivery]
    /// Deliveries queued for claiming, not leased.
    public let unleased: Int
}
