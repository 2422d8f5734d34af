/// When the dispatcher's own retries fall due, soonest first: a claim at that moment finds them, without waiting
/// for the regular poll. Only the soonest ``capacity`` are kept; later ones are found by the poll.
struct RetryWakeUps {
    /// The most wake-ups remembered.
    let capacity: Int
    private var instants: [ContinuousClock.Instant] = []

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The soonest wake-up, or `nil` when no retry is waiting.
    var next: ContinuousClock.Instant? { instants.first }

    /// Whether a retry has fallen due at `now`.
    func isDue(at now: ContinuousClock.Instant) -> Bool {
        next.map { now >= $0 } ?? false
    }

    /// The next time to look for due work: the regular scan at `scanAt`, or an earlier retry.
    func nextScan(regularlyAt scanAt: ContinuousClock.Instant) -> ContinuousClock.Instant {
        min(scanAt, next ?? scanAt)
    }

    /// Remembers a retry falling due at `instant` (ignored when ``capacity`` sooner ones are remembered).
    mutating func add(_ instant: ContinuousClock.Instant) {
        var low = 0
        var high = instants.count
        while low < high {
            let middle = (low + high) / 2
            if instants[middle] < instant { low = middle + 1 } else { high = middle }
        }
        guard low < capacity else { return }
        instants.insert(instant, at: low)
        if instants.count > capacity { instants.removeLast() }
    }

    /// Forgets the wake-ups a claim asked for at `instant` has served: those due by then.
    mutating func removeDue(asOf instant: ContinuousClock.Instant) {
        instants.removeFirst(instants.prefix { $0 <= instant }.count)
    }
}
