import Foundation
import Postgres
import Testing

@Suite("PostgresPool")
struct PoolTests {
    @Test("many threads share fewer connections")
    func concurrentQueries() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 3, acquireTimeout: .seconds(30))
        let failures = Collector<String>()
        let pids = Collector<Int32>()
        TestDatabase.onThreads(8) { thread in
            for query in 0..<40 {
                do {
                    let value = thread * 1000 + query
                    let row = try pool.withConnection { connection in
                        try connection.query("SELECT $1::int8 * 2, pg_backend_pid()", [value])[0]
                    }
                    if try row.decode(0, as: Int.self) != value * 2 { failures.append("wrong result for \(value)") }
                    pids.append(try row.decode(1))
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(pids.all.count == 320)
        #expect(Set(pids.all).count <= 3)
        let statistics = pool.statistics
        #expect(statistics.open <= 3)
        #expect(statistics.inUse == 0)
        #expect(statistics.waiting == 0)
        #expect(statistics.idle == statistics.open)
        pool.close()
    }

    @Test("a caller times out when every connection is held")
    func acquireTimeout() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 1, acquireTimeout: .milliseconds(200))
        try pool.withConnection { _ in
            #expect(pool.statistics == PostgresPoolStatistics(open: 1, idle: 0, inUse: 1, waiting: 0))
            let start = ContinuousClock.now
            let error = #expect(throws: PostgresError.self) { try pool.withConnection { _ in } }
            let elapsed = ContinuousClock.now - start
            #expect(error?.kind == .poolTimeout)
            #expect(elapsed >= .milliseconds(190))
            #expect(elapsed < .seconds(5))
        }
        #expect(pool.statistics.waiting == 0)
        #expect(try pool.withConnection { try $0.query("SELECT 1")[0].decode(0, as: Int.self) } == 1)
    }

    @Test("a waiting caller gets the connection when it is released")
    func waiterIsServed() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 1, acquireTimeout: .seconds(10))
        let held = DispatchSemaphore(value: 0)
        let pids = Collector<Int32>()
        TestDatabase.onThreads(2) { thread in
            if thread == 0 {
                try? pool.withConnection { connection in
                    held.signal()
                    Thread.sleep(forTimeInterval: 0.3)
                    try pids.append(connection.query("SELECT pg_backend_pid()")[0].decode(0))
                }
            } else {
                held.wait()
                try? pool.withConnection { connection in
                    try pids.append(connection.query("SELECT pg_backend_pid()")[0].decode(0))
                }
            }
        }
        #expect(pids.all.count == 2)
        #expect(Set(pids.all).count == 1)
    }

    @Test("transactions run on a leased connection, which comes back idle")
    func poolTransaction() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 1, acquireTimeout: .seconds(5))
        let table = TestDatabase.uniqueName("pooltx")
        try pool.withConnection { try $0.simpleQuery("CREATE TABLE \(table) (n int)") }
        defer { try? pool.withConnection { try $0.simpleQuery("DROP TABLE \(table)") } }
        try pool.transaction { try $0.execute("INSERT INTO \(table) VALUES (1)") }
        // A transaction left open by the body is rolled back on release.
        try pool.withConnection { connection in
            try connection.simpleQuery("BEGIN")
            try connection.execute("INSERT INTO \(table) VALUES (2)")
        }
        let count = try pool.withConnection { connection in
            try connection.query("SELECT count(*) FROM \(table)")[0].decode(0, as: Int.self)
        }
        #expect(count == 1)
    }

    @Test("timeouts racing with hand-overs leave the pool consistent")
    func timeoutRaces() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 2, acquireTimeout: .milliseconds(2))
        let unexpected = Collector<String>()
        TestDatabase.onThreads(8) { _ in
            for _ in 0..<50 {
                do {
                    try pool.withConnection { _ = try $0.query("SELECT 1") }
                } catch let error as PostgresError where error.kind == .poolTimeout {
                    continue
                } catch {
                    unexpected.append("\(error)")
                }
            }
        }
        #expect(unexpected.all.isEmpty)
        let statistics = pool.statistics
        #expect(statistics.open <= 2)
        #expect(statistics.idle == statistics.open)
        #expect(statistics.waiting == 0)
    }

    @Test("a waiter gets the slot of a connection discarded as broken")
    func waiterGetsDiscardedSlot() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 1, acquireTimeout: .seconds(10))
        let outcomes = Collector<String>()
        let held = DispatchSemaphore(value: 0)
        TestDatabase.onThreads(2) { thread in
            do {
                if thread == 0 {
                    try pool.withConnection { connection in
                        held.signal()
                        waitUntil { pool.statistics.waiting > 0 }
                        try TestDatabase.terminateBackend(#require(connection.backendPID))
                        _ = try connection.query("SELECT 1")
                    }
                    outcomes.append("holder succeeded")
                } else {
                    held.wait()
                    try pool.withConnection { _ = try $0.query("SELECT 1") }
                    outcomes.append("waiter succeeded")
                }
            } catch let error as PostgresError where error.isConnectionLost && thread == 0 {
                outcomes.append("holder lost")
            } catch {
                outcomes.append("\(error)")
            }
        }
        #expect(Set(outcomes.all) == ["holder lost", "waiter succeeded"])
        #expect(pool.statistics.open == 1)
    }

    @Test("a closed pool refuses callers, including those already waiting")
    func close() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 1, acquireTimeout: .seconds(30))
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let outcomes = Collector<PostgresError.Kind?>()
        TestDatabase.onThreads(2) { thread in
            if thread == 0 {
                try? pool.withConnection { _ in
                    held.signal()
                    release.wait()
                }
            } else {
                held.wait()
                Thread {
                    waitUntil { pool.statistics.waiting > 0 }
                    pool.close()
                    release.signal()
                }.start()
                do {
                    try pool.withConnection { _ in }
                    outcomes.append(nil)
                } catch {
                    outcomes.append((error as? PostgresError)?.kind)
                }
            }
        }
        #expect(outcomes.all == [.poolClosed])
        #expect(#expect(throws: PostgresError.self) { try pool.withConnection { _ in } }?.kind == .poolClosed)
        #expect(pool.statistics.open == 0)
    }

    @Test("failing to connect gives the slot back")
    func connectFailure() {
        let pool = PostgresPool(url: "postgresql://nobody@127.0.0.1:1/nothing", maxConnections: 1, acquireTimeout: .seconds(1))
        for _ in 0..<3 {
            let error = #expect(throws: PostgresError.self) { try pool.withConnection { _ in } }
            #expect(error?.kind == .connection)
        }
        #expect(pool.statistics.open == 0)
    }

    @Test("the pool replaces idle connections whose backends were terminated")
    func recoversIdleConnections() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 2, acquireTimeout: .seconds(5))
        let pid = { (connection: PostgresConnection) in
            try connection.query("SELECT pg_backend_pid()")[0].decode(0, as: Int32.self)
        }
        let killed = try pool.withConnection { outer in
            try [pid(outer), pool.withConnection(pid)]
        }
        #expect(Set(killed).count == 2)
        for backend in killed {
            try TestDatabase.terminateBackend(backend)
        }
        for _ in 0..<4 {
            let fresh = try pool.withConnection(pid)
            #expect(!killed.contains(fresh))
        }
        #expect(pool.statistics.open <= 2)
    }

    @Test("a connection killed while leased fails once, then the pool recovers")
    func recoversLeasedConnection() throws {
        let pool = try PostgresPool(url: TestDatabase.url(), maxConnections: 1, acquireTimeout: .seconds(5))
        let error = #expect(throws: PostgresError.self) {
            try pool.withConnection { connection in
                try TestDatabase.terminateBackend(#require(connection.backendPID))
                _ = try connection.query("SELECT 1")
            }
        }
        #expect(error?.isConnectionLost == true)
        #expect(pool.statistics.open == 0)
        #expect(try pool.withConnection { try $0.query("SELECT 1")[0].decode(0, as: Int.self) } == 1)
        #expect(pool.statistics.open == 1)
    }
}
