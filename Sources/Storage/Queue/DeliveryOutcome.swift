public import Foundation

/// The result of one attempt of a claimed delivery, for ``DeliveryQueue/record(_:owner:now:autoDisableAfter:)``.
public struct DeliveryOutcome: Sendable, Equatable {
    /// What happens to the delivery after this attempt.
    public enum Verdict: Sendable, Equatable {
        /// A 2xx answer: the delivery is done.
        case succeeded
        /// A failed attempt with budget left: try again at the given time.
        case retry(at: Date)
        /// A failed attempt that was the last of its budget: the delivery is `failed`.
        case failed
    }

    /// The delivery.
    public var deliveryId: UUID
    /// ``ClaimedDelivery/attemptNumber`` of the claim this attempt was made under.
    public var attemptNumber: Int
    /// When the request started.
    public var startedAt: Date
    /// How long it took, in milliseconds.
    public var durationMs: Int
    /// The HTTP status received, if any.
    public var statusCode: Int?
    /// Why the attempt failed, if it did (timeout, connection refused, non-2xx, ...).
    public var error: String?
    /// The start of the response body (stored up to 4 KiB).
    public var responseBody: String?
    /// The request as sent, or `nil` when none was (the delivery could not be signed).
    public var request: AttemptRequest?
    /// What happens next.
    public var verdict: Verdict

    /// Creates an outcome.
    public init(deliveryId: UUID, attemptNumber: Int, startedAt: Date, durationMs: Int, statusCode: Int? = nil,
                error: String? = nil, responseBody: String? = nil, request: AttemptRequest? = nil, verdict: Verdict) {
        self.deliveryId = deliveryId
        self.attemptNumber = attemptNumber
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.statusCode = statusCode
        self.error = error
        self.responseBody = responseBody
        self.request = request
        self.verdict = verdict
    }
}

extension DeliveryOutcome.Verdict {
    /// The verdict as the `record` statement reads it; `succeeded` and `failed` are also the delivery's new status.
    var storedName: String {
        switch self {
        case .succeeded: "succeeded"
        case .retry: "retry"
        case .failed: "failed"
        }
    }

    /// The retry time, for `.retry`.
    var retryAt: Date? {
        if case .retry(let date) = self { date } else { nil }
    }
}
