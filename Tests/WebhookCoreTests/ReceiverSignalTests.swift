import Foundation
import Testing
import WebhookCore

/// What a receiver's status says about its webhook, and how the retry policy treats `410 Gone`.
@Suite struct ReceiverSignalTests {
    @Test func statusesAreClassified() {
        func signal(_ status: Int?, complete: Bool = true, retryAfter: Duration? = nil) -> ReceiverSignal {
            ReceiverSignal(AttemptResponse(statusCode: status, isComplete: complete, retryAfter: retryAfter))
        }
        #expect(signal(410) == .gone)
        #expect(signal(410, complete: false) == .gone)
        for status in [429, 502, 503, 504] {
            #expect(signal(status) == .slowDown(retryAfter: nil))
            #expect(signal(status, retryAfter: .seconds(7)) == .slowDown(retryAfter: .seconds(7)))
        }
        for status in [200, 204, 301, 400, 401, 404, 409, 500, 501, 505, nil] {
            #expect(signal(status, retryAfter: .seconds(7)) == ReceiverSignal.none)
        }
    }

    @Test func goneIsFinalWhateverTheBudget() {
        let policy = RetryPolicy(maxRetries: 5, retryDelay: .seconds(1))
        let now = Date()
        #expect(policy.verdict(afterAttempt: 1, got: AttemptResponse(statusCode: 410, isComplete: true), at: now) == .failed)
        #expect(policy.verdict(afterAttempt: 1, got: AttemptResponse(statusCode: 404, isComplete: true), at: now, jitter: 0)
            == .retry(at: now + 1))
    }

    @Test func retryAfterIsHonouredOnEverySlowDownStatusOnly() {
        let policy = RetryPolicy(maxRetries: 3, retryDelay: .seconds(1))
        let now = Date()
        for status in [429, 502, 503, 504] {
            let response = AttemptResponse(statusCode: status, isComplete: true, retryAfter: .seconds(30))
            #expect(policy.verdict(afterAttempt: 1, got: response, at: now, jitter: 0) == .retry(at: now + 30))
        }
        let ignored = AttemptResponse(statusCode: 500, isComplete: true, retryAfter: .seconds(30))
        #expect(policy.verdict(afterAttempt: 1, got: ignored, at: now, jitter: 0) == .retry(at: now + 1))
    }
}
