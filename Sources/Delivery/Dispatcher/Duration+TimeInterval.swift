import Foundation

extension Duration {
    /// The duration in seconds, as Foundation counts time.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// Blocks the calling thread for this long (a dispatcher thread, never a task).
    func sleepBlocking() {
        guard self > .zero else { return }
        Thread.sleep(forTimeInterval: timeInterval)
    }
}
