import Foundation
import Postgres
import Testing

@Suite("PostgresListener")
struct ListenerTests {
    @Test("a notification from another connection arrives with its payload")
    func receivesNotification() throws {
        let channel = TestDatabase.uniqueName("Deliveries \"Quoted\"")
        let listener = try PostgresListener(url: TestDatabase.url(), channels: [channel])
        let notifier = try TestDatabase.connect()
        let payload = "hello 'world' \\ 🎉"
        try notifier.notify(channel: channel, payload: payload)
        let notifications = try listener.wait(timeout: .seconds(10))
        #expect(notifications == [PostgresNotification(channel: channel, payload: payload, pid: try #require(notifier.backendPID))])
    }

    @Test("notifications sent in one transaction arrive together and in order")
    func transactionalNotifications() throws {
        let channel = TestDatabase.uniqueName("batch")
        let listener = try PostgresListener(url: TestDatabase.url(), channels: [channel])
        let notifier = try TestDatabase.connect()
        try notifier.transaction { connection in
            for index in 0..<3 {
                try connection.notify(channel: channel, payload: "\(index)")
            }
        }
        var payloads: [String] = []
        while payloads.count < 3 {
            let batch = try listener.wait(timeout: .seconds(10))
            try #require(!batch.isEmpty)
            payloads += batch.map(\.payload)
        }
        #expect(payloads == ["0", "1", "2"])
    }

    @Test("channels added later are listened to; other channels are not")
    func addChannel() throws {
        let first = TestDatabase.uniqueName("first")
        let second = TestDatabase.uniqueName("second")
        let listener = try PostgresListener(url: TestDatabase.url())
        try listener.listen(first)
        try listener.listen(second)
        let notifier = try TestDatabase.connect()
        try notifier.notify(channel: TestDatabase.uniqueName("unrelated"), payload: "no")
        try notifier.notify(channel: second)
        let notifications = try listener.wait(timeout: .seconds(10))
        #expect(notifications.map(\.channel) == [second])
        #expect(notifications.map(\.payload) == [""])
    }

    @Test("a wait without notifications times out")
    func timesOut() throws {
        let listener = try PostgresListener(url: TestDatabase.url(), channels: [TestDatabase.uniqueName("quiet")])
        let start = ContinuousClock.now
        #expect(try listener.waitForEvent(timeout: .milliseconds(150)) == .timedOut)
        #expect(ContinuousClock.now - start >= .milliseconds(150))
        #expect(try listener.wait(timeout: .milliseconds(10)).isEmpty)
    }

    @Test("interrupt wakes a waiting listener promptly, and an early interrupt is not lost")
    func interrupt() throws {
        let listener = try PostgresListener(url: TestDatabase.url(), channels: [TestDatabase.uniqueName("quiet")])
        Thread {
            Thread.sleep(forTimeInterval: 0.2)
            listener.interrupt()
        }.start()
        let start = ContinuousClock.now
        #expect(try listener.waitForEvent(timeout: .seconds(30)) == .interrupted)
        #expect(ContinuousClock.now - start < .seconds(5))
        listener.interrupt()
        #expect(try listener.waitForEvent(timeout: .seconds(30)) == .interrupted)
        #expect(try listener.waitForEvent(timeout: .milliseconds(50)) == .timedOut)
    }

    @Test("the listener reconnects and listens again after its backend is terminated")
    func reconnects() throws {
        let channel = TestDatabase.uniqueName("resilient")
        let listener = try PostgresListener(url: TestDatabase.url(), channels: [channel])
        let killed = try #require(listener.backendPID)
        try TestDatabase.terminateBackend(killed)
        #expect(try listener.waitForEvent(timeout: .seconds(10)) == .reconnected)
        let replacement = try #require(listener.backendPID)
        #expect(replacement != killed)
        let notifier = try TestDatabase.connect()
        try notifier.notify(channel: channel, payload: "after")
        #expect(try listener.wait(timeout: .seconds(10)).map(\.payload) == ["after"])
    }

    @Test("a closed listener refuses to wait")
    func close() throws {
        let listener = try PostgresListener(url: TestDatabase.url(), channels: [TestDatabase.uniqueName("closing")])
        listener.close()
        #expect(listener.backendPID == nil)
        let error = #expect(throws: PostgresError.self) { try listener.wait(timeout: .seconds(1)) }
        #expect(error?.kind == .connection)
    }
}
