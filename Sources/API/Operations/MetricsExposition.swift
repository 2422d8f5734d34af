public import CoreMetrics
import Prometheus
import Synchronization

/// What `GET /metrics` answers: the Prometheus registry behind the process's metrics system, in the Prometheus
/// text format. Figures that other parts keep themselves (the pool, the read cache, the dispatcher) are read into it
/// at each scrape by the samplers added with ``sampleOnScrape(_:)``.
public final class MetricsExposition: Sendable {
    /// Upper bounds of the request-latency buckets (`http_request_duration_seconds`).
    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// The metrics factory writing into this exposition's registry: `webhooksd` bootstraps the metrics system with
    /// it, and tests hand it to what they measure.
    public let factory: any MetricsFactory
    private let registry: PrometheusCollectorRegistry
    private let samplers: Mutex<[@Sendable () -> Void]> = Mutex([])

    /// Creates an empty exposition with its own registry.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[ObservabilityMiddleware.durationLabel] = Self.latencyBuckets
        self.factory = factory
    }

    /// Runs `sample` before every later scrape, to set gauges and advance counters from figures kept elsewhere.
    public func sampleOnScrape(_ sample: @escaping @Sendable () -> Void) {
        samplers.withLock { $0.append(sample) }
    }

    /// The Prometheus text exposition of everything recorded, after running the samplers.
    public func render() -> [UInt8] {
        for sample in samplers.withLock({ $0 }) {
            sample()
        }
        return registry.emitToBuffer()
    }
}
