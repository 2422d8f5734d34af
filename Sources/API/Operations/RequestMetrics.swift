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
        let counter = counters.withLock { $0[key] } ?? made(key)
        counter.increment(by: 1)
        let timer = timers.withLock { $0[route] } ?? madeTimer(route)
        timer.recordNanoseconds(nanoseconds)
    }

    private func made(_ key: Key) -> any CounterHandler {
        let handler = factory.makeCounter(label: "http_requests_total", dimensions: [
            ("route", key.route), ("method", key.method), ("status", String(key.status)),
        ])
        return counters.withLock { counters in
            if let existing = counters[key] { return existing }
            counters[key] = handler
            return handler
        }
    }

    private func madeTimer(_ route: String) -> any TimerHandler {
        let handler = factory.makeTimer(label: ObservabilityMiddleware.durationLabel, dimensions: [("route", route)])
        return timers.withLock { timers in
            if let existing = timers[route] { return existing }
            timers[route] = handler
            return handler
        }
    }
}
