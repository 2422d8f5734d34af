public import Foundation

/// A lease for deliveries as they are published: at most `limit` of them are written leased to `owner` until
/// `until`, as if claimed at once (for a dispatcher of the publishing process, which sends them without a claim).
public struct DeliveryLease: Sendable, Equatable {
    /// The lease owner.
    public let owner: String
    /// When the lease ends (and the deliveries become due for anyone if not settled by then).
    public let until: Date
    /// How many deliveries may be leased at most.
    public let limit: Int

    /// Creates a lease.
    public init(owner: String, until: Date, limit: Int) {
        self.owner = owner
        self.until = until
        self.limit = limit
    }
}
