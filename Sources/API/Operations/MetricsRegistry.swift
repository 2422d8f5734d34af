import Foundation
import Synchronization

/// Process metrics in the Prometheus text format: HTTP requests by route, method and status, request latency
/// histograms by route, and gauges read at scrape time (connection pool use, ...).
public final class MetricsRegistry: Sendable {
    private struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private struct Histogram {
        var buckets: [UInt64]
        var count: UInt64 = 0
        var sum: Double = 0
    }

    private struct State {
        var requests: [RequestKey: UInt64] = [:]
        var latencies: [String: Histogram] = [:]
    }

    /// A gauge read at scrape time.
    public struct Gauge: Sendable {
        let name: String
        let help: String
        let read: @Sendable () -> [(labels: String, value: Double)]

        /// Creates a gauge whose samples `read` returns; `labels` is a Prometheus label list such as `state="idle"`
        /// or empty.
        public init(name: String, help: String, read: @escaping @Sendable () -> [(labels: String, value: Double)]) {
            self.name = name
            self.help = help
            self.read = read
        }
    }

    /// Upper bounds of the latency buckets, in seconds.
    static let latencyBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let state = Mutex(State())
    private let gauges: Mutex<[Gauge]> = Mutex([])

    /// Creates an empty registry.
    public init() {}

    /// Adds a gauge to every later scrape.
    public func register(_ gauge: Gauge) {
        gauges.withLock { $0.append(gauge) }
    }

    /// Counts one answered request.
    public func recordRequest(route: String, method: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
            var histogram = state.latencies[route]
                ?? Histogram(buckets: Array(repeating: 0, count: Self.latencyBounds.count))
            if let index = Self.latencyBounds.firstIndex(where: { seconds <= $0 }) {
                histogram.buckets[index] += 1
            }
            histogram.count += 1
            histogram.sum += seconds
            state.latencies[route] = histogram
        }
    }

    /// The Prometheus text exposition of everything recorded.
    public func render() -> String {
        let snapshot = state.withLock { $0 }
        var out = "# HELP http_requests_total HTTP requests answered, by route, method and status.\n"
        out += "# TYPE http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "http_requests_total{route=\"\(Self.escape(key.route))\",method=\"\(key.method)\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP http_request_duration_seconds Time from a complete request to its answer, by route.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.latencies.sorted(by: { $0.key < $1.key }) {
            let label = "route=\"\(Self.escape(route))\""
            var cumulative: UInt64 = 0
            for (bound, count) in zip(Self.latencyBounds, histogram.buckets) {
                cumulative += count
                out += "http_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.count)\n"
            out += "http_request_duration_seconds_sum{\(label)} \(histogram.sum)\n"
            out += "http_request_duration_seconds_count{\(label)} \(histogram.count)\n"
        }
        for gauge in gauges.withLock({ $0 }) {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n"
            for sample in gauge.read() {
                out += sample.labels.isEmpty ? "\(gauge.name) \(sample.value)\n" : "\(gauge.name){\(sample.labels)} \(sample.value)\n"
            }
        }
        return out
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
