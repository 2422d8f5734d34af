import Foundation
import Storage
import WebhookCore

extension DeliveryOutcome {
    /// The outcome of one attempt of `delivery` that sent `request` (as the log keeps it) and got `result`,
    /// started at `startedAt` and judged at `now`.
    ///
    /// A failed attempt is logged with curl's error (timeout, refused, blocked address, ...) or `HTTP <status>`;
    /// what happens next is ``RetryPolicy``'s verdict.
    init(delivery: ClaimedDelivery, request: AttemptRequest, result: OutboundResult, startedAt: Date, now: Date,
         bodyLimit: Int) {
        let response = result.attemptResponse
        let error: String? = if let failure = result.error {
            failure.description
        } else if response.isSuccess {
            nil
        } else if let status = result.statusCode {
            "HTTP \(status)"
        } else {
            "no response"
        }
        let body = result.responseBody.prefix(max(0, bodyLimit))
        self.init(
            deliveryId: delivery.id,
            attemptNumber: delivery.attemptNumber,
            startedAt: startedAt,
            durationMs: Self.milliseconds(result.duration > .zero ? result.duration : .seconds(now.timeIntervalSince(startedAt))),
            statusCode: result.statusCode,
            error: error,
            responseBody: body.isEmpty ? nil : String(decoding: body, as: UTF8.self),
            request: request,
            verdict: Verdict(delivery.retryPolicy.verdict(afterAttempt: delivery.budgetAttempt, got: response, at: now)))
    }

    /// A failed attempt that never reached the network (the delivery could not be signed).
    init(delivery: ClaimedDelivery, unsentBecause error: String, at now: Date) {
        self.init(deliveryId: delivery.id, attemptNumber: delivery.attemptNumber, startedAt: now, durationMs: 0,
                  error: error,
                  verdict: Verdict(delivery.retryPolicy.verdict(afterAttempt: delivery.budgetAttempt, got: .none, at: now)))
    }

    /// Whole milliseconds, rounded, never negative.
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(0, Int(seconds) * 1_000 + Int((attoseconds + 500_000_000_000_000) / 1_000_000_000_000_000))
    }
}

extension DeliveryOutcome.Verdict {
    /// The queue's form of the retry policy's verdict.
    init(_ verdict: AttemptVerdict) {
        switch verdict {
        case .succeeded: self = .succeeded
        case .retry(let at): self = .retry(at: at)
        case .failed: self = .failed
        }
    }
}

extension ClaimedDelivery {
    /// The retry policy of the delivery's webhook, or ``RetryPolicy/testSend`` for a test send.
    var retryPolicy: RetryPolicy {
        isTest ? .testSend : RetryPolicy(maxRetries: maxRetries, retryDelay: .milliseconds(retryDelayMs),
                                         schedule: retryScheduleMs.map { .milliseconds($0) })
    }
}

extension OutboundResult {
    /// What the retry policy reads of this result.
    var attemptResponse: AttemptResponse {
        AttemptResponse(statusCode: statusCode, isComplete: error == nil, retryAfter: retryAfter)
    }
}
