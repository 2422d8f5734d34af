public import Lifecycle
public import Logging
public import Storage
public import WebhookCore
import Synchronization

/// Delivers queued webhook deliveries: one dispatcher thread claims due deliveries in batches under a lease,
/// signs them, sends many at once through one libcurl multi handle, and records the outcomes in batches.
///
/// ```swift
/// let dispatcher = try Dispatcher(database: database,
///                                 listener: DatabaseListener(url: url, channels: [EventStore.notificationChannel]),
///                                 configuration: DispatcherConfiguration(headerPrefix: "X-Webhook"),
///                                 cipher: cipher, logger: logger)
/// try dispatcher.start()
/// // ... on SIGTERM:
/// dispatcher.stop(deadline: .now + .seconds(10))
/// ```
///
/// - **Hand-offs.** Given to ``EventPublisher/handOff(to:)``, it takes the deliveries publishers of its process
///   queue, written already leased to it, as far as it has room: they go out without a `NOTIFY` and a claim.
/// - **Claiming.** While it holds fewer than ``DispatcherConfiguration/maxInFlight`` deliveries, it claims up to
///   ``DispatcherConfiguration/batchSize`` of them at a time: at once when a `NOTIFY` on
///   ``EventStore/notificationChannel`` arrives (a second thread waits on the ``DatabaseListener`` and wakes it),
///   when its own retries fall due, right after a full claim, and otherwise every
///   ``DispatcherConfiguration/pollInterval`` (retries of other workers, expired leases of dead workers).
/// - **Per-webhook concurrency.** At most `maxConcurrency` requests per webhook are on the wire; claimed
///   deliveries over the cap wait in a local queue, still leased, and are only sent while their lease covers a
///   whole attempt; `docs/dispatcher.md` explains how that stays within the lease and fair between webhooks.
/// - **Signing.** Each attempt sends the same body bytes with fresh signature headers (the time of the attempt).
///   A delivery that cannot be signed (its secret does not decrypt) is recorded as a failed attempt.
/// - **Outcomes.** A 2xx succeeds; anything else is a failed attempt, retried with `RetryPolicy` (honouring
///   `Retry-After` on 429 and 503) until the delivery's budget is spent, then `failed`.
/// - **Robustness.** Database errors are logged and retried after a growing pause (100 ms to 2 s); outcomes
///   that could not be written are kept and written later. The listener reconnects by itself, and a
///   reconnection triggers a scan, since notifications sent meanwhile were lost.
/// - **Several workers** may run against one database, each with its own ``DispatcherConfiguration/owner``:
///   claims use `FOR UPDATE SKIP LOCKED`, and a delivery is only ever sent under its owner's lease.
public final class Dispatcher: Service {
    private enum Phase {
        /// Made, not started: the loop waits to be moved onto its thread.
        case ready(LoopHandOff)
        /// The dispatcher thread and, with a listener, the listener thread.
        case running([JoinableThread])
        case stopped
    }

    private let shared: DispatcherShared
    private let listener: DatabaseListener?
    private let phase: Mutex<Phase>

    /// A dispatcher, not started yet.
    ///
    /// - Parameters:
    ///   - database: Where the queue is; the dispatcher thread uses one pooled connection at a time.
    ///   - listener: Listens on ``EventStore/notificationChannel`` so new deliveries go out within milliseconds;
    ///     `nil` relies on ``DispatcherConfiguration/pollInterval`` alone. The dispatcher closes it on ``stop(deadline:)``.
    ///   - configuration: Batch size, lease, limits and wire settings.
    ///   - cipher: Opens the webhooks' secrets.
    ///   - logger: Where to log; never given a secret.
    /// - Throws: ``DispatcherError`` when libcurl cannot make its multi handle.
    public init(database: Database, listener: DatabaseListener?, configuration: DispatcherConfiguration,
                cipher: SecretCipher, logger: Logger?) throws(DispatcherError) {
        let client: CurlMultiClient
        do {
            client = try CurlMultiClient(configuration: configuration.httpClient)
        } catch {
            throw DispatcherError(description: error.description)
        }
        let shared = DispatcherShared(database: database, configuration: configuration, logger: logger,
                                      waker: client.waker)
        self.shared = shared
        self.listener = listener
        self.phase = Mutex(.ready(LoopHandOff(DispatchLoop(shared: shared, client: client, cipher: cipher))))
    }

    /// A dispatcher dropped without ``stop(deadline:)`` asks its threads to stop (they release their leases and
    /// end shortly); call `stop` to wait for that.
    deinit {
        shared.requestStop(deadline: .now)
        listener?.interrupt()
    }

    /// This worker's lease owner name.
    public var owner: String { shared.configuration.owner }

    /// What the dispatcher is doing and has done, for metrics.
    public var statistics: DispatcherStatistics { shared.statistics }

    /// Starts the dispatcher thread (and the listener thread when there is a listener); the first claim happens
    /// at once. Calling it again, or after ``stop(deadline:)``, does nothing.
    ///
    /// - Throws: ``DispatcherError`` when a thread cannot be created.
    public func start() throws(DispatcherError) {
        let shared = self.shared
        let listener = self.listener
        try phase.withLock { (state: inout Phase) throws(DispatcherError) in
            guard case .ready(let handOff) = state else { return }
            let dispatcherThread: JoinableThread
            do {
                dispatcherThread = try JoinableThread.start(name: "dispatcher") { handOff.take()?.run() }
            } catch {
                throw DispatcherError(description: "cannot start the dispatcher thread: \(error)")
            }
            var threads = [dispatcherThread]
            if let listener {
                do {
                    threads.append(try JoinableThread.start(name: "dispatch-notify") {
                        NotificationWatcher(listener: listener, shared: shared).run()
                    })
                } catch {
                    shared.logger?.error("no notification listener thread; relying on polling",
                                         metadata: ["error": "\(error)"])
                }
            }
            state = .running(threads)
        }
    }

    /// Stops gracefully and returns when done: no more claims; requests on the wire may finish until
    /// `deadline`; their outcomes are written; then every lease this worker still holds (deliveries
    /// not started, and requests cut off by the deadline) is released so other workers take them at once.
    /// Database errors during this are retried until the deadline. Calling it again does nothing.
    public func stop(deadline: ContinuousClock.Instant) {
        let threads = phase.withLock { (state: inout Phase) -> [JoinableThread] in
            defer { state = .stopped }
            guard case .running(let threads) = state else { return [] }
            return threads
        }
        shared.requestStop(deadline: deadline)
        listener?.interrupt()
        for thread in threads {
            thread.join()
        }
        listener?.close()
    }
}

extension Dispatcher: DeliveryHandoff {
    /// How long a delivery's lease runs (``DispatcherConfiguration/lease``).
    public var lease: Duration { shared.configuration.lease }

    /// Reserves room for deliveries a publisher of this process is about to write leased to this dispatcher:
    /// whatever is free of ``DispatcherConfiguration/maxInFlight`` (less a claim's worth while due deliveries wait
    /// in the queue, so claims keep going), none once stopping.
    public func reserve(upTo count: Int) -> Int {
        shared.reserveHandoff(upTo: count)
    }

    /// Takes deliveries written leased to this dispatcher: they are sent like claimed ones (after a stop began,
    /// they are left to the release of this dispatcher's leases, or to their lease).
    public func take(_ deliveries: [ClaimedDelivery], reserved: Int) {
        shared.handOver(deliveries, reserved: reserved)
    }
}

/// Moves the non-`Sendable` loop onto the thread that runs it.
///
/// `@unchecked Sendable` is sound because the loop is only reached through ``take()``, under a lock, and handed
/// out once: the dispatcher thread takes it and owns it from then on.
private final class LoopHandOff: @unchecked Sendable {
    private let lock = Mutex(())
    private var loop: DispatchLoop?

    init(_ loop: DispatchLoop) {
        self.loop = loop
    }

    /// The loop, once; `nil` afterwards.
    func take() -> DispatchLoop? {
        lock.withLock { _ in
            defer { loop = nil }
            return loop
        }
    }
}
