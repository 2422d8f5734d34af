public import Foundation

/// What happens to a delivery after one attempt, as ``RetryPolicy/verdict(afterAttempt:got:at:jitter:)`` decides it.
public enum AttemptVerdict: Sendable, Equatable {
    /// A 2xx answer: the delivery is done.
    case succeeded
    /// A failed attempt with budget left: try again at the given time.
    case retry(at: Date)
    /// A failed attempt that was the last of its budget: the delivery is `failed`.
    case failed
}
