import Foundation
import Testing
import WebhookCore

@Suite struct RetryPolicyTests {
    let seed001 = RetryPolicy(maxRetries: 3, retryDelay: .milliseconds(1_000))
    let serverError = AttemptResponse(statusCode: 500, isComplete: true)

    @Test func seed001ScheduleIsOneFiveTwentyFiveSecondsThenGiveUp() {
        #expect((1...4).map { seed001.delay(afterAttempt: $0, jitter: 0) } == [.seconds(1), .seconds(5), .seconds(25), nil])
    }

    @Test func zeroRetriesMeansASingleAttempt() {
        #expect(RetryPolicy(maxRetries: 0, retryDelay: .seconds(1)).delay(afterAttempt: 1, jitter: 0) == nil)
    }

    @Test func backoffIsCappedAtOneDayWithoutOverflow() {
        let policy = RetryPolicy(maxRetries: 100, retryDelay: .seconds(3_600))
        #expect(policy.delay(afterAttempt: 2, jitter: 0) == .seconds(18_000))
        #expect(policy.delay(afterAttempt: 3, jitter: 0) == .seconds(86_400))
        #expect(policy.delay(afterAttempt: 100, jitter: 0) == .seconds(86_400))
        #expect(policy.delay(afterAttempt: 100, jitter: 0.2) == .seconds(103_680))
    }

    @Test func jitterScalesByAtMostTwentyPercent() {
        #expect(seed001.delay(afterAttempt: 2, jitter: 0.2) == .seconds(6))
        #expect(seed001.delay(afterAttempt: 2, jitter: -0.2) == .seconds(4))
        #expect(seed001.delay(afterAttempt: 2, jitter: 0.9) == .seconds(6))
        #expect(seed001.delay(afterAttempt: 2, jitter: -3) == .seconds(4))
        #expect(seed001.delay(afterAttempt: 2, jitter: .nan) == .seconds(5))
        let now = Date()
        for _ in 0..<200 {
            guard case .retry(let at) = seed001.verdict(afterAttempt: 3, got: serverError, at: now) else {
                Issue.record("expected a retry")
                return
            }
            #expect((20...30).contains(at.timeIntervalSince(now)))
        }
    }

    @Test func retryAfterPostponesButNeverHastensOrAddsRetries() {
        #expect(seed001.delay(afterAttempt: 1, retryAfter: .seconds(120), jitter: 0) == .seconds(120))
        #expect(seed001.delay(afterAttempt: 3, retryAfter: .seconds(2), jitter: 0) == .seconds(25))
        #expect(seed001.delay(afterAttempt: 1, retryAfter: .seconds(31_536_000), jitter: 0) == .seconds(3_600))
        #expect(seed001.delay(afterAttempt: 4, retryAfter: .seconds(10), jitter: 0) == nil)
    }

    // MARK: An explicit schedule

    let seed003 = RetryPolicy(maxRetries: 0, retryDelay: .seconds(1), schedule: [
        .seconds(60), .seconds(300), .seconds(1_800), .seconds(10_800),
    ])

    @Test func aScheduleGivesEachRetryItsDelayWithoutJitterThenGivesUp() {
        #expect(seed003.maxRetries == 4)
        for jitter in [-0.2, 0, 0.2] {
            #expect((1...5).map { seed003.delay(afterAttempt: $0, jitter: jitter) }
                == [.seconds(60), .seconds(300), .seconds(1_800), .seconds(10_800), nil])
        }
        let now = Date()
        #expect((1...5).map { seed003.verdict(afterAttempt: $0, got: serverError, at: now) }
            == [.retry(at: now + 60), .retry(at: now + 300), .retry(at: now + 1_800), .retry(at: now + 10_800), .failed])
    }

    @Test func retryAfterPostponesAScheduledRetryAsItDoesTheBackoff() {
        let now = Date()
        let tooMany = AttemptResponse(statusCode: 429, isComplete: true, retryAfter: .seconds(120))
        #expect(seed003.verdict(afterAttempt: 1, got: tooMany, at: now, jitter: 0) == .retry(at: now + 120))
        #expect(seed003.verdict(afterAttempt: 2, got: tooMany, at: now, jitter: 0) == .retry(at: now + 300))
        let forever = AttemptResponse(statusCode: 503, isComplete: true, retryAfter: .seconds(31_536_000))
        #expect(seed003.verdict(afterAttempt: 1, got: forever, at: now, jitter: 0) == .retry(at: now + 3_600))
        #expect(seed003.verdict(afterAttempt: 4, got: forever, at: now, jitter: 0) == .retry(at: now + 10_800))
        #expect(seed003.verdict(afterAttempt: 5, got: forever, at: now, jitter: 0) == .failed)
        let ignored = AttemptResponse(statusCode: 500, isComplete: true, retryAfter: .seconds(120))
        #expect(seed003.verdict(afterAttempt: 1, got: ignored, at: now, jitter: 0) == .retry(at: now + 60))
    }

    @Test func anEmptyScheduleKeepsTheBackoff() {
        let policy = RetryPolicy(maxRetries: 3, retryDelay: .milliseconds(1_000), schedule: [])
        #expect(policy == seed001)
        #expect(RetryPolicy(maxRetries: 0, retryDelay: .seconds(1), schedule: []).delay(afterAttempt: 1, jitter: 0) == nil)
    }

    // MARK: The verdict after an attempt

    @Test func aWhole2xxSucceedsWhateverTheBudget() {
        let now = Date()
        for status in [200, 204, 299] {
            let response = AttemptResponse(statusCode: status, isComplete: true)
            #expect(seed001.verdict(afterAttempt: 1, got: response, at: now, jitter: 0) == .succeeded)
            #expect(seed001.verdict(afterAttempt: 9, got: response, at: now, jitter: 0) == .succeeded)
            #expect(RetryPolicy.testSend.verdict(afterAttempt: 1, got: response, at: now, jitter: 0) == .succeeded)
        }
    }

    @Test func everythingElseIsAFailedAttemptRetriedOnTheBackoffSchedule() {
        let now = Date()
        let failures = [
            AttemptResponse(statusCode: 500, isComplete: true), AttemptResponse(statusCode: 302, isComplete: true),
            AttemptResponse(statusCode: 199, isComplete: true), AttemptResponse(statusCode: 200, isComplete: false),
            AttemptResponse(statusCode: nil, isComplete: false), .none,
        ]
        for response in failures {
            #expect((1...4).map { seed001.verdict(afterAttempt: $0, got: response, at: now, jitter: 0) }
                == [.retry(at: now + 1), .retry(at: now + 5), .retry(at: now + 25), .failed], "\(response)")
        }
    }

    @Test func retryAfterCountsOnlyOnTheSlowDownStatuses() {
        let now = Date()
        for (status, honoured) in [(429, true), (502, true), (503, true), (504, true), (500, false), (501, false),
                                   (200, false)] {
            let response = AttemptResponse(statusCode: status, isComplete: status != 200, retryAfter: .seconds(120))
            #expect(seed001.verdict(afterAttempt: 1, got: response, at: now, jitter: 0)
                == .retry(at: now + (honoured ? 120 : 1)), "status \(status)")
        }
        let brokenTooManyRequests = AttemptResponse(statusCode: 429, isComplete: false, retryAfter: .seconds(120))
        #expect(seed001.verdict(afterAttempt: 1, got: brokenTooManyRequests, at: now, jitter: 0) == .retry(at: now + 120))
        let lastAttempt = AttemptResponse(statusCode: 503, isComplete: true, retryAfter: .seconds(10))
        #expect(seed001.verdict(afterAttempt: 4, got: lastAttempt, at: now, jitter: 0) == .failed)
    }

    @Test func testSendsAreNeverRetried() {
        let unavailable = AttemptResponse(statusCode: 503, isComplete: true, retryAfter: .seconds(1))
        #expect(RetryPolicy.testSend.verdict(afterAttempt: 1, got: unavailable, at: Date(), jitter: 0) == .failed)
        #expect(RetryPolicy.testSend.verdict(afterAttempt: 1, got: .none, at: Date(), jitter: 0) == .failed)
    }

    @Test func retryTimesKeepMillisecondsOfTheDelay() {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        let policy = RetryPolicy(maxRetries: 1, retryDelay: .milliseconds(1_234))
        #expect(policy.verdict(afterAttempt: 1, got: serverError, at: now, jitter: 0) == .retry(at: now + 1.234))
    }

    // MARK: Retry-After

    @Test func parsesDelaySeconds() {
        let now = Date()
        #expect(RetryPolicy.parseRetryAfter("120", now: now) == .seconds(120))
        #expect(RetryPolicy.parseRetryAfter(" 0 ", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter("99999999999999999999999", now: now) == .seconds(Int64.max))
    }

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                      "  Sun, 06 Nov 1994 08:49:37 GMT\t"])
    func parsesEveryHTTPDateForm(_ value: String) {
        let date = Date(timeIntervalSince1970: 784_111_777)  // RFC 9110's example instant
        #expect(RetryPolicy.parseRetryAfter(value, now: date.addingTimeInterval(-90)) == .seconds(90))
    }

    @Test func twoDigitYearsAreTakenWithinFiftyYearsOfNow() {
        let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        #expect(RetryPolicy.parseRetryAfter("Friday, 01-Jan-66 00:00:00 GMT", now: now)
            == .seconds(1_262_304_000))
        #expect(RetryPolicy.parseRetryAfter("Sunday, 01-Jan-77 00:00:00 GMT", now: now) == .zero)
    }

    @Test func parsesIMFFixdateRelativeToNow() {
        let date = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example)
        let value = "Sun, 06 Nov 1994 08:49:37 GMT"
        #expect(RetryPolicy.parseRetryAfter(value, now: date.addingTimeInterval(-30)) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter(value, now: date.addingTimeInterval(10)) == .zero)
        #expect(RetryPolicy.parseRetryAfter("Thu, 29 Feb 2024 23:59:60 GMT", now: Date(timeIntervalSince1970: 1_709_251_199))
            == .seconds(1))
    }

    @Test(arguments: [
        "", "soon", "-5", "1.5", "+3", "0x10",
        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 94 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT", "Thu, 30 Feb 2023 00:00:00 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49 GMT", "Funday, 06-Nov-94 08:49:37 GMT",
        "Sun, 06-Nov-94 08:49:37 GMT", "Sun Nov 6 08:49:37 94",
    ])
    func rejectsAnythingElse(_ value: String) {
        #expect(RetryPolicy.parseRetryAfter(value, now: Date()) == nil)
    }
}
