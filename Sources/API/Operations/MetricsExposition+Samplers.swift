import CoreMetrics
public import Delivery
public import HTTPServer
public import Storage

extension MetricsExposition {
    /// Reads the database's pool and read cache into `db_pool_connections{state}`, `db_pool_waiting`,
    /// `read_cache_lookups_total{result}` and `read_cache_entries` at each scrape.
    public func sample(_ database: Database) {
        let connections = gauges("db_pool_connections", by: "state", ["in_use", "idle", "capacity"])
        let waiting = gauges("db_pool_waiting")
        let lookups = totals("read_cache_lookups_total", by: "result", ["hit", "miss"])
        let entries = gauges("read_cache_entries")
        sampleOnScrape {
            let pool = database.poolStatistics
            record([pool.inUse, pool.open - pool.inUse, pool.capacity], in: connections)
            record([pool.waiting], in: waiting)
            follow([database.readCache.hits, database.readCache.misses], in: lookups)
            record([database.readCache.count], in: entries)
        }
    }

    /// Reads the dispatcher's figures into `deliveries_in_flight`, `delivery_attempts_total{outcome}` and
    /// `deliveries_handed_over_total` at each scrape.
    public func sample(_ dispatcher: Dispatcher) {
        let inFlight = gauges("deliveries_in_flight")
        let attempts = totals("delivery_attempts_total", by: "outcome", ["succeeded", "retried", "failed"])
        let handedOver = totals("deliveries_handed_over_total")
        sampleOnScrape {
            let statistics = dispatcher.statistics
            record([statistics.inFlight], in: inFlight)
            follow([statistics.succeeded, statistics.retried, statistics.failed], in: attempts)
            follow([statistics.handedOver], in: handedOver)
        }
    }

    /// Reads the server's load into `http_connections_open`, `http_requests_queued` (waiting for a worker) and
    /// `http_workers_busy` at each scrape.
    public func sample(_ server: HTTPServer) {
        let open = gauges("http_connections_open")
        let queued = gauges("http_requests_queued")
        let busy = gauges("http_workers_busy")
        sampleOnScrape {
            let load = server.metrics
            record([load.openConnections], in: open)
            record([load.queuedRequests], in: queued)
            record([load.busyWorkers], in: busy)
        }
    }

    /// One gauge per value of the dimension `key`, in the order given, or a single one without dimensions.
    private func gauges(_ label: String, by key: String = "", _ values: [String] = [""]) -> [Gauge] {
        values.map { Gauge(label: label, dimensions: key.isEmpty ? [] : [(key, $0)], factory: factory) }
    }

    /// One counter following a total per value of the dimension `key`, or a single one without dimensions.
    private func totals(_ label: String, by key: String = "", _ values: [String] = [""]) -> [TotalCounter] {
        values.map { TotalCounter(label: label, dimensions: key.isEmpty ? [] : [(key, $0)], factory: factory) }
    }
}

private func record(_ figures: [Int], in gauges: [Gauge]) {
    for (gauge, figure) in zip(gauges, figures) { gauge.record(figure) }
}

private func follow(_ totals: [Int], in counters: [TotalCounter]) {
    for (counter, total) in zip(counters, totals) { counter.follow(total) }
}
