import Logging
import Storage
import Synchronization
internal import Glibc

/// What the dispatcher thread, the listener thread and callers of ``Dispatcher`` share: settings, the wake-up
/// handle of the HTTP client, the "look for due work" flag, the stop request and the statistics.
final class DispatcherShared: Sendable {
    let database: Database
    let configuration: DispatcherConfiguration
    let logger: Logger?
    /// Interrupts the dispatcher thread's `poll`.
    let waker: CurlMultiWaker

    private let scanRequested = Atomic<Bool>(true)
    private let stopDeadline = Mutex<ContinuousClock.Instant?>(nil)
    private let counters = Mutex(DispatcherStatistics())

    init(database: Database, configuration: DispatcherConfiguration, logger: Logger?, waker: CurlMultiWaker) {
        self.database = database
        self.configuration = configuration
        self.logger = logger
        self.waker = waker
    }

    // MARK: Wake-ups

    /// Asks the dispatcher thread to look for due deliveries now (a `NOTIFY` came, or the listener reconnected).
    func requestScan() {
        scanRequested.store(true, ordering: .releasing)
        waker.wakeup()
    }

    /// Whether a scan was requested since the last call; clears the request.
    func takeScanRequest() -> Bool {
        scanRequested.exchange(false, ordering: .acquiringAndReleasing)
    }

    // MARK: Stopping

    /// Asks every thread to stop; in-flight requests may finish until `deadline`. A later call keeps the earlier
    /// deadline.
    func requestStop(deadline: ContinuousClock.Instant) {
        stopDeadline.withLock { $0 = $0 ?? deadline }
        waker.wakeup()
    }

    /// The deadline of a requested stop, or `nil` while running.
    var stopRequestedDeadline: ContinuousClock.Instant? {
        stopDeadline.withLock { $0 }
    }

    /// Whether a stop was requested.
    var isStopping: Bool { stopRequestedDeadline != nil }

    /// Sleeps for `duration`, or less when a stop is requested meanwhile.
    func sleep(_ duration: Duration) {
        let end = ContinuousClock.now + duration
        while !isStopping, ContinuousClock.now < end {
            let slice = min(ContinuousClock.now.duration(to: end), .milliseconds(50))
            usleep(useconds_t(max(1, slice.wholeMillisecondsRoundedUp) * 1_000))
        }
    }

    // MARK: Statistics

    /// A snapshot of the statistics.
    var statistics: DispatcherStatistics {
        counters.withLock { $0 }
    }

    /// Updates the statistics.
    func count(_ update: (inout DispatcherStatistics) -> Void) {
        counters.withLock { update(&$0) }
    }
}
