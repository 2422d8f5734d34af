import CoreMetrics
import Synchronization

/// The handlers that count and time answered requests, made once per route, method and status and then reused:
/// making one through the factory validates and sorts its labels and takes the registry's lock, a few
/// microseconds that every request paid. The set of keys is as bounded as the registry's own series.
final class RequestMetrics: Sendable {
    private struct Key: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private let factory: any MetricsFactory
    private let counters = Mutex<[Key: any CounterHandler]>([:])
    private let timers = Mutex<[String: any TimerHandler]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Counts one request in `http_requests_total` and records its duration in ``ObservabilityMiddleware/durationLabel``.
    func record(route: String, method: String, status: Int, nanoseconds: Int64) {
        let key = Key(route: route, method: method, status: status)
        Self.handler(for: key, in: counters) {
            factory.makeCounter(label: "http_requests_total",
                                dimensions: [("route", route), ("method", method), ("status", String(status))])
        }.increment(by: 1)
        Self.handler(for: route, in: timers) {
            factory.makeTimer(label: ObservabilityMiddleware.durationLabel, dimensions: [("route", route)])
        }.recordNanoseconds(nanoseconds)
    }

    /// The handler cached under `key`, made by `make` (outside the lock) the first time; when two threads make one
    /// at once, both use the one stored first.
    private static func handler<Key: Hashable & Sendable, Handler: Sendable>(for key: Key, in cache: borrowing Mutex<[Key: Handler]>,
                                                        make: () -> Handler) -> Handler {
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let made = make()
        return cache.withLock { handlers in
            if let existing = handlers[key] { return existing }
            handlers[key] = made
            return made
        }
    }
}
