/// Growing pauses after repeated failures of the same kind: 100 ms, 200 ms, 400 ms, ... up to 2 s, and back to
/// the start after a success. Used when the database is unreachable (a PostgreSQL restart, a failover).
struct Backoff {
    /// The first pause.
    let initial: Duration
    /// The longest pause.
    let maximum: Duration
    private var last: Duration?

    init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(2)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Whether the last operation failed (a pause was handed out since the last ``reset()``).
    var isBackingOff: Bool { last != nil }

    /// The pause before the next try: twice the previous one, capped at `maximum`.
    mutating func next() -> Duration {
        let pause = last.map { min($0 * 2, maximum) } ?? initial
        last = pause
        return pause
    }

    /// Starts over after a success.
    mutating func reset() {
        last = nil
    }
}
