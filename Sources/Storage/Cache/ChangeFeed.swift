import Foundation
public import Lifecycle
import Synchronization

/// Keeps a ``ReadCache`` coherent with the database: a thread LISTENs on ``channel`` (fed by the triggers of
/// migration 0004) and drops a tenant's entries when its notification arrives.
///
/// The cache serves lookups only while the listening connection is up: it becomes live when the listener has
/// (re)connected, starting empty, and goes dark, emptied, the moment the connection fails, until it is back.
public final class ChangeFeed: Service {
    /// The `LISTEN`/`NOTIFY` channel; the payload is the tenant's id.
    public static let channel = "tenant_changes"

    private struct State {
        var isStopping = false
        var thread: JoinableThread?
    }

    /// The cache this feed keeps coherent.
    public let cache: ReadCache
    private let listener: DatabaseListener
    private let state = Mutex(State())

    /// A feed for `cache` from the database at `url`; nothing connects before ``start()``.
    public init(url: String, cache: ReadCache) {
        self.cache = cache
        self.listener = DatabaseListener(url: url, channels: [Self.channel])
    }

    /// Starts the listening thread (once; later calls, and calls after ``stop(deadline:)``, do nothing).
    ///
    /// - Throws: ``LifecycleError`` when the thread cannot be created.
    public func start() throws(LifecycleError) {
        try state.withLock { (state: inout State) throws(LifecycleError) in
            guard state.thread == nil, !state.isStopping else { return }
            state.thread = try JoinableThread.start(name: "change-feed") { [self] in run() }
        }
    }

    /// Stops the thread, waits for it, and turns the cache off. The listener's wait ends as its connection
    /// closes, so this returns at once, whatever the deadline.
    public func stop(deadline: ContinuousClock.Instant) {
        let thread = state.withLock { state -> JoinableThread? in
            state.isStopping = true
            defer { state.thread = nil }
            return state.thread
        }
        listener.close()
        thread?.join()
        cache.reset(live: false)
    }

    private var isStopping: Bool { state.withLock { $0.isStopping } }

    private func run() {
        var pause: Duration = .milliseconds(100)
        while !isStopping {
            do {
                switch try listener.wait(timeout: .seconds(5)) {
                case .reconnected:
                    cache.reset(live: true)
                case .notified(let payloads):
                    for payload in Set(payloads) {
                        if let tenantId = UUID(uuidString: payload) {
                            cache.invalidate(tenantId: tenantId)
                        } else {
                            cache.reset(live: true)
                        }
                    }
                case .timedOut, .interrupted:
                    break
                }
                pause = .milliseconds(100)
            } catch {
                // Notifications may be lost while the connection is down: serve nothing from the cache until the
                // listener is back (the next wait reconnects and reports `.reconnected`).
                cache.reset(live: false)
                guard !isStopping else { break }
                Thread.sleep(forTimeInterval: pause.timeInterval)
                pause = min(pause * 2, .seconds(5))
            }
        }
    }
}
