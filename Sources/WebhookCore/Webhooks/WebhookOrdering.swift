/// In which order a webhook's deliveries go out.
public enum WebhookOrdering: String, Sendable, CaseIterable {
    /// As the webhook's `maxConcurrency` slots allow, in any order (the default).
    case concurrent
    /// One at a time, in publish order: a failing delivery holds the ones behind it until it succeeds or fails
    /// for good (retries included), then the next goes.
    case fifo
}
