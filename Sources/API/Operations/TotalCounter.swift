import CoreMetrics
import Synchronization

/// A counter that follows a running total kept elsewhere (the dispatcher's attempts, the read cache's lookups):
/// each sample adds what the total grew by since the last one, so the exported counter equals the total.
final class TotalCounter: Sendable {
    private let counter: Counter
    private let seen = Mutex(0)

    /// Creates the counter `label` with `dimensions` from `factory`.
    init(label: String, dimensions: [(String, String)] = [], factory: any MetricsFactory) {
        counter = Counter(label: label, dimensions: dimensions, factory: factory)
    }

    /// Advances the counter to `total`; a total below the last one seen (a restarted source) adds nothing.
    func follow(_ total: Int) {
        seen.withLock { seen in
            guard total > seen else { return }
            counter.increment(by: total - seen)
            seen = total
        }
    }
}
