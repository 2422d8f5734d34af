public import Foundation

/// Where a retry is scheduled: what happens to a delivery after an attempt (``verdict(afterAttempt:got:at:jitter:)``).
///
/// A 2xx answer received whole is a success; anything else is a failed attempt. Attempt n + 1 waits
/// `min(retryDelay × 5^(n−1), 24 h)` with ±20 % jitter, so `maxRetries: 3, retryDelay: 1000 ms` retries after about
/// 1 s, 5 s and 25 s (seed 001) and then gives up: the delivery is `failed`. Test sends are never retried
/// (``testSend``): whoever asked for one has already seen its outcome.
///
/// A `410 Gone` is final whatever the budget (``ReceiverSignal/gone``: the webhook is disabled too).
///
/// A receiver's `Retry-After` (on 429, 502, 503 and 504 only: ``ReceiverSignal/slowDownStatuses``) can only
/// postpone a retry, never hasten it or add one: the wait
/// becomes `max(backoff, min(Retry-After, 1 h))`. So a receiver asking for a pause gets at least what it asked for
/// (up to an hour, so a hostile `Retry-After: 31536000` cannot park deliveries for a year), and one asking for
/// `Retry-After: 0` is not hammered faster than the backoff schedule.
///
/// A webhook's explicit `retrySchedule` replaces the backoff: retry n waits exactly `schedule[n − 1]`, without
/// jitter (the owner chose the times, as Svix and seed 003 publish theirs), and there are as many retries as
/// delays. `Retry-After` postpones a scheduled retry the same way.
public struct RetryPolicy: Sendable, Equatable {
    /// The longest backoff before jitter.
    public static let maximumBackoff: Duration = .seconds(86_400)
    /// The longest wait a receiver's `Retry-After` can impose.
    public static let maximumRetryAfter: Duration = .seconds(3_600)
    /// The jitter range: the backoff is multiplied by `1 + jitter`, jitter in ±0.2.
    public static let jitterRange: ClosedRange<Double> = -0.2...0.2
    /// The statuses whose `Retry-After` is honoured: Too Many Requests, Bad Gateway, Service Unavailable and
    /// Gateway Timeout (``ReceiverSignal/slowDownStatuses``).
    public static let statusesHonouringRetryAfter: Set<Int> = ReceiverSignal.slowDownStatuses
    /// The policy of a test send: a single attempt.
    public static let testSend = RetryPolicy(maxRetries: 0, retryDelay: .zero)

    /// How many retries follow the first attempt (0 means a single attempt).
    public let maxRetries: Int
    /// The wait after the first failed attempt, before jitter.
    public let retryDelay: Duration
    /// The exact wait before each retry, replacing the backoff; empty when the webhook has no schedule.
    public let schedule: [Duration]

    /// Creates a policy; a negative `maxRetries` counts as 0 and a negative `retryDelay` as zero. A non-empty
    /// `schedule` sets the number of retries to its length (negative delays count as zero).
    public init(maxRetries: Int, retryDelay: Duration, schedule: [Duration] = []) {
        self.maxRetries = schedule.isEmpty ? max(0, maxRetries) : schedule.count
        self.retryDelay = max(.zero, retryDelay)
        self.schedule = schedule.map { max(.zero, $0) }
    }

    /// What happens to the delivery after attempt `attempt` (counted from 1 within its retry budget) got
    /// `response`, judged at `now`: `.succeeded` on a success, else `.retry(at:)` `now` plus
    /// ``delay(afterAttempt:retryAfter:jitter:)`` (with the response's `Retry-After` on a status in
    /// ``statusesHonouringRetryAfter``), or `.failed` when that was the last attempt of the budget or the receiver
    /// answered `410 Gone`.
    ///
    /// - Parameter jitter: As for ``delay(afterAttempt:retryAfter:jitter:)``; pass a fixed value in tests.
    public func verdict(afterAttempt attempt: Int, got response: AttemptResponse, at now: Date,
                        jitter: Double) -> AttemptVerdict {
        if response.isSuccess { return .succeeded }
        if ReceiverSignal(response) == .gone { return .failed }
        let retryAfter = response.statusCode.map(Self.statusesHonouringRetryAfter.contains) == true
            ? response.retryAfter : nil
        guard let delay = delay(afterAttempt: attempt, retryAfter: retryAfter, jitter: jitter) else { return .failed }
        let (seconds, attoseconds) = delay.components
        return .retry(at: now.addingTimeInterval(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18))
    }

    /// `verdict(afterAttempt:got:at:jitter:)` with a random jitter in `jitterRange`.
    public func verdict(afterAttempt attempt: Int, got response: AttemptResponse, at now: Date) -> AttemptVerdict {
        verdict(afterAttempt: attempt, got: response, at: now, jitter: .random(in: Self.jitterRange))
    }

    /// The wait before the next attempt after attempt `attempt` (counted from 1) failed, or `nil` when it was the
    /// last one (`attempt > maxRetries`).
    ///
    /// - Parameters:
    ///   - retryAfter: The receiver's `Retry-After` (see `parseRetryAfter(_:now:)`), honoured up to
    ///     `maximumRetryAfter` when longer than the backoff; ignored when `nil`.
    ///   - jitter: The backoff factor offset, clamped to `jitterRange` (NaN counts as 0); pass a fixed value in tests.
    ///     A scheduled delay takes none.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil, jitter: Double) -> Duration? {
        guard attempt <= maxRetries else { return nil }
        let backoff: Duration
        if schedule.isEmpty {
            let factor = jitter.isNaN ? 1 : 1 + min(max(jitter, Self.jitterRange.lowerBound), Self.jitterRange.upperBound)
            let jittered = Double(backoffMilliseconds(afterAttempt: attempt)) * factor
            backoff = Duration.milliseconds(Int64(jittered.rounded()))
        } else {
            backoff = schedule[max(1, attempt) - 1]
        }
        guard let retryAfter else { return backoff }
        return max(backoff, min(max(retryAfter, .zero), Self.maximumRetryAfter))
    }

    /// Parses a `Retry-After` header value: delay-seconds (`120`) or an HTTP-date in any of RFC 9110's three forms
    /// (`Wed, 21 Oct 2015 07:28:00 GMT`, `Wednesday, 21-Oct-15 07:28:00 GMT`, `Wed Oct 21 07:28:00 2015`), counted
    /// from `now` (a past date gives zero). Returns `nil` for anything else (negative or fractional numbers,
    /// impossible dates, garbage). The result is not capped here; `delay(afterAttempt:retryAfter:jitter:)` caps it.
    public static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            return .seconds(Int64(text) ?? .max)
        }
        guard let date = HTTPDateParser.parse(text, now: now) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((seconds * 1_000).rounded()))
    }

    /// `min(retryDelay × 5^(attempt−1), maximumBackoff)` in milliseconds.
    private func backoffMilliseconds(afterAttempt attempt: Int) -> Int64 {
        let cap = Self.maximumBackoff.components.seconds * 1_000
        let (seconds, attoseconds) = retryDelay.components
        var milliseconds = seconds >= cap / 1_000 ? cap : seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        for _ in 1..<max(1, attempt) where milliseconds < cap {
            milliseconds = min(milliseconds * 5, cap)
        }
        return milliseconds
    }
}
