/// A webhook's `rateLimit` as start times: one request every `1 / rate` seconds, with no burst (a generic cell
/// rate algorithm whose tolerance is 5% of the interval, so a dispatcher waking a little late does not drift the
/// pace down, and one idle for a while still starts its next two requests an interval apart, less that tolerance).
/// Pure arithmetic over instants, so tests drive it directly.
struct Pace<Instant: InstantProtocol> where Instant.Duration == Duration {
    /// The requests per second it keeps to.
    let rate: Int
    /// The time between two starts.
    let interval: Duration
    /// How much earlier than its theoretical time a start may happen.
    let tolerance: Duration
    /// The theoretical time of the next start; `nil` before the first.
    private(set) var theoretical: Instant?

    /// A pace of `rate` requests per second (at least 1).
    init(rate: Int) {
        self.rate = max(1, rate)
        interval = .seconds(1) / self.rate
        tolerance = interval / 20
    }

    /// When the next request may start.
    var nextStart: Instant? { theoretical.map { $0.advanced(by: .zero - tolerance) } }

    /// Whether a request may start at `now`.
    func mayStart(at now: Instant) -> Bool {
        nextStart.map { now >= $0 } ?? true
    }

    /// Notes a request started at `now` (which ``mayStart(at:)`` allowed).
    mutating func started(at now: Instant) {
        let base = theoretical.map { max($0, now) } ?? now
        theoretical = base.advanced(by: interval)
    }
}
