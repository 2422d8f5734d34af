public import Storage

/// A dispatcher in this process that takes freshly published deliveries straight from the publisher: they are
/// written already leased to it, so it sends them without a `NOTIFY` and a claim (one statement less per delivery
/// and no wait for the next claim). Whatever it has no room for is queued as usual and claimed by any worker.
///
/// The lease makes this as safe as a claim: if the process dies before sending, the lease runs out and the
/// deliveries become due for every worker.
public protocol DeliveryHandoff: Sendable {
    /// The lease owner the deliveries are written for.
    var owner: String { get }
    /// How long their lease runs from the moment they are written.
    var lease: Duration { get }
    /// Reserves room for at most `count` deliveries; returns how many it will take (0 when it takes none now).
    func reserve(upTo count: Int) -> Int
    /// Takes the deliveries written under a reservation of `reserved` (at most that many), and frees the rest of
    /// the reservation. Called once per reservation, with no deliveries when the write failed.
    func take(_ deliveries: [ClaimedDelivery], reserved: Int)
}
