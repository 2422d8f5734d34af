/// What a receiver's answer says about the webhook as a whole, beyond the one delivery (Standard Webhooks' advice).
///
/// - `410 Gone`: the endpoint is gone for good. The webhook is disabled at once (no retry of the delivery, nothing
///   more queued for it) with a `disabledReason` saying so.
/// - `429 Too Many Requests`, `502 Bad Gateway`, `503 Service Unavailable`, `504 Gateway Timeout`: the receiver is
///   overloaded. The delivery's attempt still fails (and is retried, no sooner than its `Retry-After`), and the
///   webhook's sending as a whole pauses for a while (``ThrottlePause`` in the dispatcher); these failures do not
///   start the failing streak that disables a webhook automatically.
/// - Anything else: no signal.
public enum ReceiverSignal: Sendable, Equatable {
    /// No signal beyond the attempt's own success or failure.
    case none
    /// `410 Gone`: disable the webhook.
    case gone
    /// An overloaded receiver: slow the webhook down, for at least `retryAfter` when the answer gave one.
    case slowDown(retryAfter: Duration?)

    /// The statuses that ask for a slower pace.
    public static let slowDownStatuses: Set<Int> = [429, 502, 503, 504]
    /// The status that retires the endpoint.
    public static let goneStatus = 410

    /// The signal of `response`; a status counts even when the body was cut short.
    public init(_ response: AttemptResponse) {
        guard let status = response.statusCode else {
            self = .none
            return
        }
        if status == Self.goneStatus {
            self = .gone
        } else if Self.slowDownStatuses.contains(status) {
            self = .slowDown(retryAfter: response.retryAfter)
        } else {
            self = .none
        }
    }
}
