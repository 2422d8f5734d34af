import Delivery
import Foundation
import Testing
import TestSupport

/// Outcomes, retries and their schedule, and the webhook's counters.
@Suite struct DispatcherRetryTests {
    @Test func serverErrorThenSuccessEndsSucceededWithTwoAttemptsAndTheSameBodyBytes() throws {
        let calls = Locked(0)
        let receiver = try TestReceiver { _ in
            calls.withLock { count in
                count += 1
                return count == 1 ? CannedResponse(status: 500, body: Array("boom".utf8)) : CannedResponse(status: 200)
            }
        }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL, maxRetries: 3, retryDelayMs: 100)
        try f.publish(data: #"{"n":1,"path":"/a/b"}"#)
        let dispatcher = try f.startDispatcher()

        let requests = receiver.waitForRequests(2)
        try #require(requests.count == 2)
        #expect(requests[0].body == requests[1].body)
        #expect(requests[0].header("X-Webhook-Delivery-Id") == requests[1].header("X-Webhook-Delivery-Id"))
        #expect(requests.map { $0.header("X-Webhook-Attempt") } == ["1", "2"])

        #expect(try eventually { try f.onlyDelivery().status == "succeeded" })
        let delivery = try f.onlyDelivery()
        #expect(delivery.attemptCount == 2 && delivery.leaseOwner == nil)
        let attempts = try f.attempts(delivery.id)
        #expect(attempts.map(\.number) == [1, 2])
        #expect(attempts.map(\.statusCode) == [500, 200])
        #expect(attempts.map(\.error) == ["HTTP 500", nil])
        #expect(attempts[0].responseBody == "boom")
        let counters = try f.counters(hook)
        #expect(counters.successCount == 1 && counters.failureCount == 0)
        #expect(counters.lastSuccessAt != nil && counters.lastFailureAt != nil && counters.lastTriggeredAt != nil)
        #expect(eventually { dispatcher.statistics.sent == 2 })
        let statistics = dispatcher.statistics
        #expect(statistics.succeeded == 1 && statistics.retried == 1 && statistics.failed == 0)
    }

    @Test func alwaysFailingReceiverEndsFailedAfterTheLastRetryWithGrowingGaps() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 500) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL, maxRetries: 2, retryDelayMs: 100)
        try f.publish()
        // A long poll interval: the retries are found because the dispatcher wakes for its own retry times.
        let dispatcher = try f.startDispatcher { $0.pollInterval = .seconds(30) }

        #expect(try eventually { try f.onlyDelivery().status == "failed" })
        let requests = receiver.requests
        #expect(requests.count == 3)
        try #require(requests.count == 3)
        // About 100 ms then about 500 ms (±20 %); only the order is asserted.
        let first = requests[1].receivedAt.milliseconds(since: requests[0].receivedAt)
        let second = requests[2].receivedAt.milliseconds(since: requests[1].receivedAt)
        #expect(first >= 70, "first gap \(first) ms")
        #expect(second > first, "gaps \(first) ms then \(second) ms")
        #expect(second >= 350, "second gap \(second) ms")

        let delivery = try f.onlyDelivery()
        #expect(delivery.attemptCount == 3 && delivery.lastStatusCode == 500 && delivery.lastError == "HTTP 500")
        #expect(try f.attempts(delivery.id).map(\.number) == [1, 2, 3])
        #expect(try f.counters(hook).failureCount == 1)
        #expect(try f.counters(hook).successCount == 0)
        let statistics = dispatcher.statistics
        #expect(statistics.sent == 3 && statistics.retried == 2 && statistics.failed == 1 && statistics.succeeded == 0)
    }

    @Test func aRetryScheduleSetsTheRetriesAndTheirDelaysThenTheDeliveryFails() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 500) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        // A backoff from one hour: only the schedule can bring the retries within the wait.
        let hook = try f.webhook(url: receiver.baseURL, retryDelayMs: 3_600_000, retryScheduleMs: [300, 100])
        try f.publish()
        let dispatcher = try f.startDispatcher { $0.pollInterval = .seconds(30) }

        #expect(try eventually { try f.onlyDelivery().status == "failed" })
        let requests = receiver.requests
        try #require(requests.count == 3)
        // Each retry waits at least its own delay, in the order listed.
        let first = requests[1].receivedAt.milliseconds(since: requests[0].receivedAt)
        let second = requests[2].receivedAt.milliseconds(since: requests[1].receivedAt)
        #expect(first >= 295, "first gap \(first) ms")
        #expect(second >= 95, "second gap \(second) ms")
        #expect(try f.attempts(try f.onlyDelivery().id).map(\.number) == [1, 2, 3])
        #expect(try f.counters(hook).failureCount == 1)
        #expect(dispatcher.statistics.retried == 2)
    }

    @Test(arguments: [429, 503])
    func retryAfterIsHonouredOnTooManyRequestsAndUnavailable(status: Int) throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: status, headers: [("Retry-After", "30")]) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL, maxRetries: 3, retryDelayMs: 100)
        try f.publish()
        let before = Date()
        _ = try f.startDispatcher()

        #expect(try eventually { try f.onlyDelivery().attemptCount == 1 })
        let delivery = try f.onlyDelivery()
        #expect(delivery.status == "pending" && delivery.leaseOwner == nil && delivery.lastStatusCode == status)
        #expect(delivery.nextAttemptAt >= before.addingTimeInterval(29))
        #expect(delivery.nextAttemptAt <= Date().addingTimeInterval(31))
        #expect(receiver.requests.count == 1)
    }

    @Test func retryAfterIsIgnoredOnOtherStatuses() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 500, headers: [("Retry-After", "30")]) }
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL, maxRetries: 1, retryDelayMs: 100)
        try f.publish()
        _ = try f.startDispatcher()
        #expect(try eventually(within: .seconds(5)) { try f.onlyDelivery().status == "failed" })
        #expect(receiver.requests.count == 2)
    }

    @Test func connectionRefusedIsAFailedAttemptWithCurlsError() throws {
        let closed = try ClosedPort()
        let f = try DispatchFixture()
        _ = try f.webhook(url: "http://127.0.0.1:\(closed.port)/", maxRetries: 0)
        try f.publish()
        _ = try f.startDispatcher()
        #expect(try eventually { try f.onlyDelivery().status == "failed" })
        let attempt = try #require(try f.attempts(f.onlyDelivery().id).first)
        #expect(attempt.statusCode == nil)
        #expect(attempt.error?.contains("connection failed") == true)
    }

    @Test func secretThatCannotBeDecryptedIsAFailedAttemptNotACrash() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: receiver.baseURL, maxRetries: 0, secretCiphertext: [1, 2, 3, 4])
        try f.publish()
        let dispatcher = try f.startDispatcher()
        #expect(try eventually { try f.onlyDelivery().status == "failed" })
        let attempt = try #require(try f.attempts(f.onlyDelivery().id).first)
        #expect(attempt.error?.contains("cannot be decrypted") == true)
        #expect(attempt.statusCode == nil)
        #expect(receiver.requests.isEmpty)
        #expect(dispatcher.statistics.failed == 1)
    }

    @Test func aFormatChangedWhileADeliveryWaitedFailsItUnsent() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let f = try DispatchFixture()
        let hook = try f.webhook(url: receiver.baseURL, maxRetries: 0)
        try f.publish()
        // The owner moves the webhook to a format with no name for the queued event (suppabot has no lead.created).
        try f.sql.execute("UPDATE webhooks SET payload_format = 'suppabot' WHERE id = $1", [hook.id])
        let dispatcher = try f.startDispatcher()
        #expect(try eventually { try f.onlyDelivery().status == "failed" })
        let attempt = try #require(try f.attempts(f.onlyDelivery().id).first)
        #expect(attempt.error?.contains("suppabot payload format has no event named for lead.created") == true)
        #expect(receiver.requests.isEmpty)
        #expect(dispatcher.statistics.failed == 1)
    }
}
