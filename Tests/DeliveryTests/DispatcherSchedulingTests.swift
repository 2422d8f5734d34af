import Delivery
import Foundation
import Postgres
import Storage
import Testing
import TestSupport

/// Claiming, concurrency caps, wake-ups, stopping, several workers, the SSRF guard, paused webhooks and
/// database outages.
@Suite struct DispatcherSchedulingTests {
    @Test func perWebhookConcurrencyCapIsNeverExceededAndDoesNotHoldUpOtherWebhooks() throws {
        let receiver = try TestReceiver { request in
            request.target.hasPrefix("/slow") ? CannedResponse(status: 200, delay: .milliseconds(150))
                                              : CannedResponse(status: 200)
        }
        defer { receiver.stop() }
        let fast = try TestReceiver()
        defer { fast.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL + "/slow", maxConcurrency: 2)
        for n in 0..<10 {
            try f.publish(data: #"{"n":\#(n)}"#)
        }
        // Published after the slow webhook's backlog, so claimed behind it.
        _ = try f.webhook(url: fast.baseURL + "/fast", maxConcurrency: 2)
        for n in 10..<14 {
            try f.publish(data: #"{"n":\#(n)}"#)
        }
        let started = ContinuousClock.now
        _ = try f.startDispatcher()

        #expect(fast.waitForRequests(4).count == 4)
        let fastDone = ContinuousClock.now
        #expect(receiver.waitForRequests(10).count == 10)
        #expect(try eventually { try f.count(status: "succeeded") == 14 })
        #expect(receiver.mostConcurrentRequests == 2)
        // The fast webhook did not wait for the slow one's backlog (5 rounds of 150 ms).
        #expect(fastDone.milliseconds(since: started) < 600)
    }

    @Test func notificationWakesAnIdleDispatcherLongBeforeItsPollInterval() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL)
        _ = try f.startDispatcher { $0.pollInterval = .seconds(30) }
        // Idle: the first scan found nothing, the next one is 30 s away.
        Thread.sleep(forTimeInterval: 0.3)

        let published = ContinuousClock.now
        try f.publish()
        #expect(receiver.waitForRequests(1, limit: .seconds(5)).count == 1)
        let latency = try #require(receiver.requests.first).receivedAt.milliseconds(since: published)
        #expect(latency < 3_000, "arrived after \(latency) ms")

        // And again, once idle.
        Thread.sleep(forTimeInterval: 0.2)
        try f.publish()
        #expect(receiver.waitForRequests(2, limit: .seconds(5)).count == 2)
    }

    @Test func stopFinishesRequestsOnTheWireRecordsThemAndReleasesTheRest() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 200, delay: .milliseconds(400)) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL, maxConcurrency: 1)
        for n in 0..<4 {
            try f.publish(data: #"{"n":\#(n)}"#)
        }
        let dispatcher = try f.startDispatcher()
        #expect(receiver.waitForRequests(1).count == 1)
        #expect(try f.deliveries().allSatisfy { $0.leaseOwner == dispatcher.owner })

        dispatcher.stop(deadline: .now + .seconds(5))
        let rows = try f.deliveries()
        #expect(rows.filter { $0.status == "succeeded" }.count == 1)
        let rest = rows.filter { $0.status == "pending" }
        #expect(rest.count == 3)
        #expect(rest.allSatisfy { $0.leaseOwner == nil && $0.attemptCount == 0 && $0.nextAttemptAt <= Date() })
        #expect(receiver.requests.count == 1)
        let statistics = dispatcher.statistics
        #expect(statistics.succeeded == 1 && statistics.inFlight == 0 && statistics.queued == 0)
        #expect(statistics.unrecorded == 0)
    }

    @Test func stopCutsOffRequestsAtTheDeadlineAndReleasesThem() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 200, delay: .seconds(3)) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL)
        try f.publish()
        let dispatcher = try f.startDispatcher()
        #expect(receiver.waitForRequests(1).count == 1)

        let stopping = ContinuousClock.now
        dispatcher.stop(deadline: .now + .milliseconds(200))
        #expect(ContinuousClock.now.milliseconds(since: stopping) < 2_000)
        let delivery = try f.onlyDelivery()
        #expect(delivery.status == "pending" && delivery.leaseOwner == nil && delivery.attemptCount == 0)
    }

    @Test func twoDispatchersOnOneDatabaseDeliverEveryEventExactlyOnce() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL, maxConcurrency: 8)
        let first = try f.startDispatcher { $0.batchSize = 20 }
        let second = try f.startDispatcher { $0.batchSize = 20 }
        for n in 0..<300 {
            try f.publish(data: #"{"n":\#(n)}"#)
        }
        #expect(receiver.waitForRequests(300, limit: .seconds(30)).count >= 300)
        #expect(try eventually { try f.count(status: "succeeded") == 300 })
        Thread.sleep(forTimeInterval: 0.2)
        let ids = receiver.requests.compactMap { $0.header("X-Webhook-Delivery-Id") }
        #expect(ids.count == 300)
        #expect(Set(ids).count == 300)
        #expect(first.statistics.succeeded + second.statistics.succeeded == 300)
    }

    @Test func privateTargetIsBlockedWhenPrivateTargetsAreNotAllowed() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL + "/hook", maxRetries: 0)
        try f.publish()
        _ = try f.startDispatcher { $0.allowPrivateTargets = false }

        #expect(try eventually { try f.onlyDelivery().status == "failed" })
        let attempt = try #require(try f.attempts(f.onlyDelivery().id).first)
        #expect(attempt.error?.contains("blocked") == true, "\(attempt.error ?? "no error")")
        #expect(attempt.error?.contains("127.0.0.1") == true)
        #expect(attempt.statusCode == nil)
        #expect(receiver.acceptedConnections == 0)
        #expect(receiver.requests.isEmpty)
    }

    @Test func pausedWebhookGetsNothingUntilResumed() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL)
        try f.publish()
        try f.setActive(hook, false)
        _ = try f.startDispatcher()

        Thread.sleep(forTimeInterval: 0.5)
        #expect(receiver.requests.isEmpty)
        let waiting = try f.onlyDelivery()
        #expect(waiting.status == "pending" && waiting.attemptCount == 0 && waiting.leaseOwner == nil)

        try f.setActive(hook, true)
        #expect(receiver.waitForRequests(1, limit: .seconds(5)).count == 1)
        #expect(try eventually { try f.onlyDelivery().status == "succeeded" })
    }

    @Test func lostDatabaseConnectionsAreReplacedAndDeliveryContinues() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL)
        let dispatcher = try f.startDispatcher { $0.pollInterval = .seconds(30) }
        try f.publish()
        #expect(receiver.waitForRequests(1).count == 1)
        #expect(try eventually { try f.count(status: "succeeded") == 1 })

        // What a PostgreSQL restart does to this database's sessions: the pool's and the listener's die.
        let admin = try PostgresConnection(url: f.url)
        defer { admin.close() }
        let victims: [Int32] = try admin.query(
            """
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> $1
            """, [f.sql.backendPID ?? 0]).map { try $0.decode(0) }
        #expect(victims.count >= 2, "the pool's and the listener's sessions")
        for pid in victims {
            _ = try admin.query("SELECT pg_terminate_backend($1)", [pid])
        }
        // pg_terminate_backend only signals; wait until those sessions are gone, as after a real restart.
        #expect(try eventually {
            try admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1)", [victims])
                .first?.decode(0, as: Int.self) == 0
        })

        // The fixture's own pool may hand out one more dead connection; a publisher retries then.
        try retrying { try f.publish(data: #"{"after":"restart"}"#) }
        #expect(receiver.waitForRequests(2, limit: .seconds(10)).count == 2)
        #expect(try eventually { try f.count(status: "succeeded") == 2 })
        #expect(dispatcher.statistics.succeeded == 2)
    }

    @Test func outcomeOfARequestThatEndsDuringADatabaseOutageIsWrittenWhenTheDatabaseIsBack() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 200, delay: .milliseconds(500)) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL)
        try f.publish()
        let dispatcher = try f.startDispatcher()
        #expect(receiver.waitForRequests(1).count == 1)

        // The outage: nobody may connect, and every session of the database but the fixture's is ended.
        let name: String = try #require(try f.sql.query("SELECT current_database()").first).decode(0)
        let admin = try PostgresConnection(url: try #require(ProcessInfo.processInfo.environment["DATABASE_URL"]))
        defer { admin.close() }
        try admin.simpleQuery("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
        defer { try? admin.simpleQuery("ALTER DATABASE \(name) ALLOW_CONNECTIONS true") }
        _ = try admin.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2",
            [name, f.sql.backendPID ?? 0])
        // The request ends during the outage; writing its outcome fails and is retried.
        #expect(eventually { dispatcher.statistics.sent == 1 && dispatcher.statistics.databaseErrors > 0 })
        #expect(dispatcher.statistics.unrecorded == 1)
        try admin.simpleQuery("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")

        #expect(try eventually { try f.onlyDelivery().status == "succeeded" })
        #expect(try f.attempts(f.onlyDelivery().id).map(\.statusCode) == [200])
        #expect(receiver.requests.count == 1)
        #expect(eventually { dispatcher.statistics.unrecorded == 0 })
    }
}

/// Runs `body`, again after a moment if the database was unavailable (at most three tries).
@discardableResult
private func retrying<T>(_ body: () throws -> T) throws -> T {
    for _ in 0..<2 {
        do {
            return try body()
        } catch StorageError.unavailable {
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
    return try body()
}
