/// Where a delivery stands.
public enum DeliveryStatus: String, Sendable, CaseIterable, Codable {
    /// Queued, leased or waiting for a retry.
    case pending
    /// A 2xx answer was received.
    case succeeded
    /// The last attempt of its budget failed.
    case failed
}
