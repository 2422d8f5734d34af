import Foundation
import Storage
import WebhookCore

extension DeliveryOutcome {
    /// The outcome of one attempt of `delivery` that got `result`, started at `startedAt` and judged at `now`.
    ///
    /// A 2xx is a success. Anything else is a failed attempt, logged with curl's error (timeout, refused,
    /// blocked address, ...) or `HTTP <status>`, and retried by ``RetryPolicy`` while the budget lasts; a
    /// `Retry-After` is honoured on 429 and 503 only. Test sends are never retried: whoever asked for one has
    /// already seen its outcome.
    init(delivery: ClaimedDelivery, result: OutboundResult, startedAt: Date, now: Date, bodyLimit: Int) {
        let success = result.isSuccess
        let error: String? = if let failure = result.error {
            failure.description
        } else if success {
            nil
        } else if let status = result.statusCode {
            "HTTP \(status)"
        } else {
            "no response"
        }
        let honoursRetryAfter = result.statusCode == 429 || result.statusCode == 503
        let body = result.responseBody.prefix(max(0, bodyLimit))
        self.init(
            deliveryId: delivery.id,
            attemptNumber: delivery.attemptNumber,
            startedAt: startedAt,
            durationMs: Self.milliseconds(result.duration > .zero ? result.duration : .seconds(now.timeIntervalSince(startedAt))),
            statusCode: result.statusCode,
            error: error,
            responseBody: body.isEmpty ? nil : String(decoding: body, as: UTF8.self),
            verdict: success ? .succeeded : Self.verdictAfterFailure(
                of: delivery, retryAfter: honoursRetryAfter ? result.retryAfter : nil, now: now))
    }

    /// A failed attempt that never reached the network (the delivery could not be signed).
    init(delivery: ClaimedDelivery, unsentBecause error: String, at now: Date) {
        self.init(deliveryId: delivery.id, attemptNumber: delivery.attemptNumber, startedAt: now, durationMs: 0,
                  error: error, verdict: Self.verdictAfterFailure(of: delivery, retryAfter: nil, now: now))
    }

    /// `.retry(at:)` while the delivery's retry budget lasts, else `.failed`; always `.failed` for test sends.
    static func verdictAfterFailure(of delivery: ClaimedDelivery, retryAfter: Duration?, now: Date) -> Verdict {
        guard !delivery.isTest else { return .failed }
        let policy = RetryPolicy(maxRetries: delivery.maxRetries, retryDelay: .milliseconds(delivery.retryDelayMs))
        guard let delay = policy.delay(afterAttempt: delivery.budgetAttempt, retryAfter: retryAfter) else {
            return .failed
        }
        let (seconds, attoseconds) = delay.components
        return .retry(at: now.addingTimeInterval(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18))
    }

    /// Whole milliseconds, rounded, never negative.
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(0, Int(seconds) * 1_000 + Int((attoseconds + 500_000_000_000_000) / 1_000_000_000_000_000))
    }
}
