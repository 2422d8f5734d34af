/// How long a webhook's sending pauses after its receiver asked for a slower pace (``ReceiverSignal/slowDown(retryAfter:)``:
/// 429, 502, 503, 504), in one dispatcher.
///
/// Each signal pauses the whole webhook (every delivery waiting in its lane, not only the one that got the answer):
/// 1 s after the first, doubling with each further signal up to ``maximum`` (60 s), and at least the answer's
/// `Retry-After` (capped at ``maximumRetryAfter``, an hour, as retries cap it). A success starts the growth over.
/// A signal never shortens a pause already running. Pure arithmetic over instants, so tests drive it directly.
struct ThrottlePause<Instant: InstantProtocol> where Instant.Duration == Duration {
    /// The pause after the first signal.
    static var initial: Duration { .seconds(1) }
    /// The longest pause the growth reaches.
    static var maximum: Duration { .seconds(60) }
    /// The longest pause a `Retry-After` can impose.
    static var maximumRetryAfter: Duration { .seconds(3_600) }

    /// Until when the webhook sends nothing, if it is paused.
    private(set) var until: Instant?
    private var last: Duration?

    init() {}

    /// Whether sending is paused at `now`.
    func isPaused(at now: Instant) -> Bool {
        until.map { now < $0 } ?? false
    }

    /// Notes a slow-down signal received at `now`; returns the pause's end.
    @discardableResult
    mutating func signal(retryAfter: Duration?, at now: Instant) -> Instant {
        let grown = last.map { min($0 * 2, Self.maximum) } ?? Self.initial
        last = grown
        let asked = min(max(retryAfter ?? .zero, .zero), Self.maximumRetryAfter)
        let end = now.advanced(by: max(grown, asked))
        until = until.map { max($0, end) } ?? end
        return until ?? end
    }

    /// Notes a success: the next signal pauses for ``initial`` again. A pause already running is kept (the success
    /// may answer a request sent before the signal).
    mutating func succeeded() {
        last = nil
    }

    /// Ends the running pause but keeps its growth (for tests stepping through signals one pause apart).
    mutating func forgetRunningPause() {
        until = nil
    }
}
