import Logging
import Storage

/// The listener thread of a ``Dispatcher``: waits for `NOTIFY`s on the delivery channel and asks the
/// dispatcher thread to claim at once. A reconnection (notifications may have been lost meanwhile) asks for a
/// scan too. When the database is unreachable it retries after a growing pause, until the dispatcher stops.
struct NotificationWatcher {
    let listener: DatabaseListener
    let shared: DispatcherShared

    /// How long one wait lasts; only bounds how often the stop flag is checked when nothing else wakes it.
    private static let waitSlice: Duration = .seconds(5)

    func run() {
        var backoff = Backoff()
        while !shared.isStopping {
            do {
                let event = try listener.wait(timeout: Self.waitSlice)
                if backoff.isBackingOff {
                    shared.logger?.notice("notification listener connected again")
                }
                backoff.reset()
                switch event {
                case .notified, .reconnected: shared.requestScan()
                case .timedOut, .interrupted: break
                }
            } catch {
                guard !shared.isStopping else { break }
                if !backoff.isBackingOff {
                    shared.logger?.warning("notification listener lost the database; polling until it is back",
                                           metadata: ["error": "\(error)"])
                }
                shared.sleep(backoff.next())
            }
        }
    }
}
