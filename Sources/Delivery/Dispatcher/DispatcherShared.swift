import Logging
import Storage
import Synchronization
internal import Glibc

/// What the dispatcher thread, the listener thread and callers of ``Dispatcher`` share: settings, the wake-up
/// handle of the HTTP client, the "look for due work" flag, the deliveries publishers hand over, the stop request
/// and the statistics.
final class DispatcherShared: Sendable {
    let database: Database
    let configuration: DispatcherConfiguration
    let logger: Logger?
    /// Interrupts the dispatcher thread's `poll`.
    let waker: CurlMultiWaker

    private let scanRequested = Atomic<Bool>(true)
    private let stopDeadline = Mutex<ContinuousClock.Instant?>(nil)
    private let counters = Mutex(DispatcherStatistics())
    private let handoffs = Mutex(Handoffs())

    /// Deliveries handed over by publishers, and the room the dispatcher thread offers them.
    private struct Handoffs {
        /// How many more the dispatcher thread takes now (set every turn, lowered by each reservation, raised again
        /// by the unused part of one).
        var room = 0
        /// Reserved by publishers and not yet handed over.
        var reserved = 0
        /// Handed over, not yet taken by the dispatcher thread.
        var inbox: [ClaimedDelivery] = []
    }

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

    // MARK: Hand-offs

    /// Reserves room for at most `count` deliveries a publisher is about to write leased to us.
    func reserveHandoff(upTo count: Int) -> Int {
        guard !isStopping else { return 0 }
        return handoffs.withLock { handoffs in
            let granted = max(0, min(count, handoffs.room))
            handoffs.room -= granted
            handoffs.reserved += granted
            return granted
        }
    }

    /// Takes deliveries written under a reservation of `reserved` and gives the unused rest of it back to the room
    /// at once (the dispatcher thread may be asleep); wakes that thread when there are deliveries.
    func handOver(_ deliveries: [ClaimedDelivery], reserved: Int) {
        handoffs.withLock { handoffs in
            handoffs.reserved -= reserved
            handoffs.room += max(0, reserved - deliveries.count)
            handoffs.inbox += deliveries
        }
        if !deliveries.isEmpty { waker.wakeup() }
    }

    /// For the dispatcher thread: the deliveries handed over since the last call, and the reservations still
    /// outstanding (room the thread must keep for them).
    func takeHandedOver() -> (deliveries: [ClaimedDelivery], reserved: Int) {
        handoffs.withLock { handoffs in
            defer { handoffs.inbox = [] }
            return (handoffs.inbox, handoffs.reserved)
        }
    }

    /// For the dispatcher thread: how many deliveries publishers may reserve until its next turn.
    func offerHandoffRoom(_ room: Int) {
        handoffs.withLock { $0.room = max(0, room) }
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
