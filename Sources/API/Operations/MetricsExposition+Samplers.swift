import CoreMetrics
public import Delivery
public import HTTPServer
public import Storage

extension MetricsExposition {
    /// Reads the database's pool and read cache into `db_pool_connections{state}`, `db_pool_waiting`,
    /// `read_cache_lookups_total{result}` and `read_cache_entries` at each scrape.
    public func sample(_ database: Database) {
        let inUse = Gauge(label: "db_pool_connections", dimensions: [("state", "in_use")], factory: factory)
        let idle = Gauge(label: "db_pool_connections", dimensions: [("state", "idle")], factory: factory)
        let capacity = Gauge(label: "db_pool_connections", dimensions: [("state", "capacity")], factory: factory)
        let waiting = Gauge(label: "db_pool_waiting", factory: factory)
        let hits = TotalCounter(label: "read_cache_lookups_total", dimensions: [("result", "hit")], factory: factory)
        let misses = TotalCounter(label: "read_cache_lookups_total", dimensions: [("result", "miss")], factory: factory)
        let entries = Gauge(label: "read_cache_entries", factory: factory)
        sampleOnScrape {
            let pool = database.poolStatistics
            inUse.record(pool.inUse)
            idle.record(pool.open - pool.inUse)
            capacity.record(pool.capacity)
            waiting.record(pool.waiting)
            hits.follow(database.readCache.hits)
            misses.follow(database.readCache.misses)
            entries.record(database.readCache.count)
        }
    }

    /// Reads the dispatcher's figures into `deliveries_in_flight`, `delivery_attempts_total{outcome}` and
    /// `deliveries_handed_over_total` at each scrape.
    public func sample(_ dispatcher: Dispatcher) {
        let inFlight = Gauge(label: "deliveries_in_flight", factory: factory)
        let succeeded = TotalCounter(label: "delivery_attempts_total", dimensions: [("outcome", "succeeded")], factory: factory)
        let retried = TotalCounter(label: "delivery_attempts_total", dimensions: [("outcome", "retried")], factory: factory)
        let failed = TotalCounter(label: "delivery_attempts_total", dimensions: [("outcome", "failed")], factory: factory)
        let handedOver = TotalCounter(label: "deliveries_handed_over_total", factory: factory)
        sampleOnScrape {
            let statistics = dispatcher.statistics
            inFlight.record(statistics.inFlight)
            succeeded.follow(statistics.succeeded)
            retried.follow(statistics.retried)
            failed.follow(statistics.failed)
            handedOver.follow(statistics.handedOver)
        }
    }

    /// Reads the server's load into `http_connections_open`, `http_requests_queued` (waiting for a worker) and
    /// `http_workers_busy` at each scrape.
    public func sample(_ server: HTTPServer) {
        let open = Gauge(label: "http_connections_open", factory: factory)
        let queued = Gauge(label: "http_requests_queued", factory: factory)
        let busy = Gauge(label: "http_workers_busy", factory: factory)
        sampleOnScrape {
            let load = server.metrics
            open.record(load.openConnections)
            queued.record(load.queuedRequests)
            busy.record(load.busyWorkers)
        }
    }
}
