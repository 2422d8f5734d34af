import Foundation
import Postgres
import Storage
import Testing
import TestSupport

@Suite struct DeliveryQueueRecordTests {
    @Test func successSettlesTheDeliveryLogsTheAttemptAndCountsOnTheWebhook() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let claimed = try #require(try f.claim("w", now: t0).first)

        let summary = try f.record([DeliveryOutcome(deliveryId: claimed.id, attemptNumber: 1, startedAt: t0.plus(1),
                                                    durationMs: 120, statusCode: 204, responseBody: "ok",
                                                    verdict: .succeeded)],
                                   owner: "w", now: t0.plus(2))

        #expect(summary == RecordSummary(applied: [claimed.id], ignored: [], disabledWebhooks: []))
        #expect(try f.delivery(claimed.id) == DeliveryRow(
            status: "succeeded", attemptCount: 1, budgetStart: 0, leaseOwner: nil, nextAttemptAt: t0,
            lastStatusCode: 204, lastError: nil, completedAt: t0.plus(2)))
        #expect(try f.attempts(claimed.id) == [AttemptRow(number: 1, startedAt: t0.plus(1), durationMs: 120,
                                                          statusCode: 204, error: nil, responseBody: "ok")])
        var expected = WebhookCounters(successCount: 1, failureCount: 0)
        expected.lastTriggeredAt = t0.plus(1)
        expected.lastSuccessAt = t0.plus(1)
        #expect(try f.counters(hook) == expected)
        #expect(try f.claim("w", now: t0.plus(3_600)).isEmpty)
    }

    @Test func failedAttemptsRetryUntilTheBudgetIsSpentThenFail() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 1)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0

        let first = try #require(try f.claim("w", now: t0).first)
        #expect(first.budgetAttempt == 1 && !first.isLastAttempt)
        try f.record([DeliveryOutcome(deliveryId: first.id, attemptNumber: 1, startedAt: t0, durationMs: 30,
                                      statusCode: 500, error: "HTTP 500", responseBody: "oops",
                                      verdict: .retry(at: t0.plus(1)))],
                     owner: "w", now: t0.plus(0.5))
        #expect(try f.delivery(first.id) == DeliveryRow(
            status: "pending", attemptCount: 1, budgetStart: 0, leaseOwner: nil, nextAttemptAt: t0.plus(1),
            lastStatusCode: 500, lastError: "HTTP 500", completedAt: nil))
        var expected = WebhookCounters(successCount: 0, failureCount: 0)
        expected.lastTriggeredAt = t0
        expected.lastFailureAt = t0
        expected.failingSince = t0
        #expect(try f.counters(hook) == expected)

        #expect(try f.claim("w", now: t0.plus(0.9)).isEmpty)
        let second = try #require(try f.claim("w", now: t0.plus(1)).first)
        #expect(second.id == first.id && second.attemptNumber == 2 && second.budgetAttempt == 2 && second.isLastAttempt)
        try f.record([DeliveryOutcome(deliveryId: second.id, attemptNumber: 2, startedAt: t0.plus(1), durationMs: 10_000,
                                      error: "timed out", verdict: .failed)],
                     owner: "w", now: t0.plus(12))
        #expect(try f.delivery(first.id) == DeliveryRow(
            status: "failed", attemptCount: 2, budgetStart: 0, leaseOwner: nil, nextAttemptAt: t0.plus(1),
            lastStatusCode: nil, lastError: "timed out", completedAt: t0.plus(12)))
        #expect(try f.attempts(first.id) == [
            AttemptRow(number: 1, startedAt: t0, durationMs: 30, statusCode: 500, error: "HTTP 500", responseBody: "oops"),
            AttemptRow(number: 2, startedAt: t0.plus(1), durationMs: 10_000, statusCode: nil, error: "timed out",
                       responseBody: nil),
        ])
        expected.failureCount = 1
        expected.lastTriggeredAt = t0.plus(1)
        expected.lastFailureAt = t0.plus(1)
        #expect(try f.counters(hook) == expected)
        #expect(try f.claim("w", now: t0.plus(3_600)).isEmpty)
    }

    @Test func severalOutcomesOfOneWebhookAreAggregatedInOrder() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let failingLast = try f.webhook(tenant, bot, events: ["lead.created"])
        let recovering = try f.webhook(tenant, bot, events: ["lead.created"])
        for _ in 0..<3 { try f.publish(tenant, bot) }
        let t0 = QueueFixture.t0
        let claimed = try f.claim("w", now: t0)
        #expect(claimed.count == 6)
        func ids(_ hook: UUID) -> [UUID] { claimed.filter { $0.webhookId == hook }.map(\.id) }
        let a = ids(failingLast), b = ids(recovering)

        let outcomes = [
            // failingLast: fails at t0+1 (final), succeeds at t0+2, fails at t0+3 (retry).
            DeliveryOutcome(deliveryId: a[0], attemptNumber: 1, startedAt: t0.plus(1), durationMs: 5, statusCode: 404,
                            verdict: .failed),
            DeliveryOutcome(deliveryId: a[1], attemptNumber: 1, startedAt: t0.plus(2), durationMs: 5, statusCode: 200,
                            verdict: .succeeded),
            DeliveryOutcome(deliveryId: a[2], attemptNumber: 1, startedAt: t0.plus(3), durationMs: 5, statusCode: 500,
                            verdict: .retry(at: t0.plus(60))),
            // recovering: fails twice, then a success last.
            DeliveryOutcome(deliveryId: b[0], attemptNumber: 1, startedAt: t0.plus(1), durationMs: 5, error: "refused",
                            verdict: .retry(at: t0.plus(60))),
            DeliveryOutcome(deliveryId: b[1], attemptNumber: 1, startedAt: t0.plus(4), durationMs: 5, statusCode: 200,
                            verdict: .succeeded),
            DeliveryOutcome(deliveryId: b[2], attemptNumber: 1, startedAt: t0.plus(2), durationMs: 5, statusCode: 500,
                            verdict: .failed),
        ]
        let summary = try f.record(outcomes, owner: "w", now: t0.plus(5))
        #expect(summary.applied == Set(a + b) && summary.ignored.isEmpty)

        #expect(try f.counters(failingLast) == WebhookCounters(
            successCount: 1, failureCount: 1, lastTriggeredAt: t0.plus(3), lastSuccessAt: t0.plus(2),
            lastFailureAt: t0.plus(3), failingSince: t0.plus(3), disabledReason: nil, disabledAt: nil))
        #expect(try f.counters(recovering) == WebhookCounters(
            successCount: 1, failureCount: 1, lastTriggeredAt: t0.plus(4), lastSuccessAt: t0.plus(4),
            lastFailureAt: t0.plus(2), failingSince: nil, disabledReason: nil, disabledAt: nil))
        #expect(try f.value("SELECT count(*) FROM delivery_attempts", []) as Int == 6)
    }

    @Test func testSendsAreLoggedButLeaveTheCountersUntouched() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        let t0 = QueueFixture.t0
        let sends = try (0..<2).map { _ in
            try #require(try f.database.read {
                try $0.deliveryQueue.enqueueTest(tenantId: tenant, webhookId: hook, data: "{}", occurredAt: t0,
                                                 owner: "api", lease: .seconds(30), now: t0)
            })
        }
        let summary = try f.record([
            DeliveryOutcome(deliveryId: sends[0].id, attemptNumber: 1, startedAt: t0, durationMs: 3, statusCode: 200,
                            verdict: .succeeded),
            DeliveryOutcome(deliveryId: sends[1].id, attemptNumber: 1, startedAt: t0, durationMs: 3, statusCode: 500,
                            verdict: .failed),
        ], owner: "api", now: t0.plus(1), autoDisableAfter: .seconds(0))
        #expect(summary.applied.count == 2 && summary.disabledWebhooks.isEmpty)
        #expect(try f.delivery(sends[0].id).status == "succeeded")
        #expect(try f.delivery(sends[1].id).status == "failed")
        #expect(try f.attempts(sends[1].id).map(\.statusCode) == [500])
        #expect(try f.counters(hook) == .untouched)
    }

    @Test func aStaleOwnersOutcomeIsIgnored() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0

        let stale = try #require(try f.claim("slow", lease: .seconds(10), now: t0).first)
        let fresh = try #require(try f.claim("fast", lease: .seconds(10), now: t0.plus(10)).first)
        #expect(stale.id == fresh.id && fresh.attemptNumber == 1)

        let late = try f.record([DeliveryOutcome(deliveryId: stale.id, attemptNumber: 1, startedAt: t0, durationMs: 10_500,
                                                 statusCode: 200, verdict: .succeeded)],
                                owner: "slow", now: t0.plus(11))
        #expect(late == RecordSummary(applied: [], ignored: [stale.id], disabledWebhooks: []))
        #expect(try f.attempts(stale.id).isEmpty)
        #expect(try f.delivery(stale.id).leaseOwner == "fast")
        #expect(try f.counters(hook) == .untouched)

        // The owner with a wrong attempt number is ignored too; the right one applies (a repeat is ignored).
        let wrong = DeliveryOutcome(deliveryId: fresh.id, attemptNumber: 2, startedAt: t0.plus(10), durationMs: 1,
                                    statusCode: 200, verdict: .succeeded)
        #expect(try f.record([wrong], owner: "fast", now: t0.plus(11)).ignored == [fresh.id])
        var right = wrong
        right.attemptNumber = 1
        let summary = try f.record([right, right], owner: "fast", now: t0.plus(11))
        #expect(summary == RecordSummary(applied: [fresh.id], ignored: [fresh.id], disabledWebhooks: []))
        #expect(try f.attempts(fresh.id).count == 1)
        // Recording again after the delivery settled changes nothing.
        #expect(try f.record([right], owner: "fast", now: t0.plus(12)).applied.isEmpty)
        #expect(try f.counters(hook).successCount == 1)
    }

    @Test func aWebhookFailingWithoutASuccessForThePeriodIsDisabled() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 10)
        let healthy = try f.webhook(tenant, bot, maxRetries: 10)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let day: TimeInterval = 86_400

        func attempt(at time: Date, succeeds: (UUID) -> Bool) throws -> RecordSummary {
            let claimed = try f.claim("w", now: time)
            return try f.record(claimed.map {
                DeliveryOutcome(deliveryId: $0.id, attemptNumber: $0.attemptNumber, startedAt: time, durationMs: 1,
                                statusCode: succeeds($0.webhookId) ? 200 : 500,
                                verdict: succeeds($0.webhookId) ? .succeeded : .retry(at: time.plus(day)))
            }, owner: "w", now: time)
        }
        #expect(try attempt(at: t0, succeeds: { _ in false }).disabledWebhooks.isEmpty)
        // On day 3 `healthy` succeeds (its streak ends) and `hook` fails again; then another event is published.
        #expect(try attempt(at: t0.plus(3 * day), succeeds: { $0 == healthy }).disabledWebhooks.isEmpty)
        #expect(try f.counters(healthy).failingSince == nil)
        #expect(try f.counters(hook).failingSince == t0)
        #expect(try f.publish(tenant, bot, now: t0.plus(3 * day)).deliveriesQueued == 2)

        // Five days after the first failure, the next failure disables `hook` only.
        let disabling = try attempt(at: t0.plus(5 * day), succeeds: { _ in false })
        #expect(disabling.disabledWebhooks == [hook])
        let counters = try f.counters(hook)
        #expect(counters.disabledReason
                == "Disabled automatically after failing since 2030-03-17T17:46:40.000Z without a success")
        #expect(counters.disabledAt == t0.plus(5 * day))
        #expect(try f.counters(healthy).disabledReason == nil)
        #expect(try f.counters(healthy).failingSince == t0.plus(5 * day))
        // Its queued work waits; the healthy one's does not.
        let later = try f.claim("w", now: t0.plus(7 * day))
        #expect(later.allSatisfy { $0.webhookId == healthy } && !later.isEmpty)
    }

    @Test func autoDisablePeriodIsAParameter() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let claimed = try #require(try f.claim("w", now: t0).first)
        let outcome = DeliveryOutcome(deliveryId: claimed.id, attemptNumber: 1, startedAt: t0, durationMs: 1,
                                      statusCode: 500, verdict: .retry(at: t0.plus(60)))
        let summary = try f.record([outcome], owner: "w", now: t0.plus(3_600), autoDisableAfter: .seconds(3_600))
        #expect(summary.disabledWebhooks == [hook])
        #expect(try f.counters(hook).disabledAt == t0.plus(3_600))
    }

    @Test func storedTextIsCutToFourKilobytesWithoutNul() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        _ = try f.webhook(tenant, bot)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let claimed = try #require(try f.claim("w", now: t0).first)
        let body = "a\u{0}" + String(repeating: "é", count: 3_000)
        try f.record([DeliveryOutcome(deliveryId: claimed.id, attemptNumber: 1, startedAt: t0, durationMs: 1,
                                      statusCode: 500, error: "bad\u{0}", responseBody: body, verdict: .failed)],
                     owner: "w", now: t0)
        let attempt = try #require(try f.attempts(claimed.id).first)
        let stored = try #require(attempt.responseBody)
        #expect(stored.utf8.count <= 4_096 && stored.utf8.count >= 4_094)
        #expect(stored.hasPrefix("a\u{FFFD}é"))
        #expect(attempt.error == "bad\u{FFFD}")
    }

    @Test func concurrentWorkersRecordingForSharedWebhooksAddUpExactly() throws {
        let f = try QueueFixture(poolSize: 4)
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hooks = try (0..<4).map { _ in try f.webhook(tenant, bot) }
        for hook in hooks { try f.bulkDeliveries(tenant, bot, hook, count: 100, dueAt: QueueFixture.t0) }
        let database = f.database
        let failures = Collector<String>()
        onThreads(2) { index in
            do {
                while true {
                    let owner = "worker-\(index)"
                    let batch = try database.read {
                        try $0.deliveryQueue.claim(owner: owner, limit: 25, lease: .seconds(300), now: QueueFixture.t0)
                    }
                    if batch.isEmpty { break }
                    // Alternate success and final failure; reverse the order on one worker.
                    let outcomes = batch.enumerated().map { position, claimed in
                        DeliveryOutcome(deliveryId: claimed.id, attemptNumber: 1, startedAt: QueueFixture.t0,
                                        durationMs: 1, statusCode: position % 2 == 0 ? 200 : 500,
                                        verdict: position % 2 == 0 ? .succeeded : .failed)
                    }
                    let summary = try database.read {
                        try $0.deliveryQueue.record(index == 0 ? outcomes : outcomes.reversed(), owner: owner,
                                                    now: QueueFixture.t0)
                    }
                    if summary.applied.count != batch.count { failures.append("ignored \(summary.ignored)") }
                }
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.values.isEmpty)
        let totals = try hooks.map { try f.counters($0) }
        #expect(totals.map { $0.successCount + $0.failureCount } == [100, 100, 100, 100])
        #expect(try totals.map(\.successCount).reduce(0, +)
                == f.value("SELECT count(*) FROM deliveries WHERE status = 'succeeded'", []) as Int)
        #expect(try totals.map(\.failureCount).reduce(0, +)
                == f.value("SELECT count(*) FROM deliveries WHERE status = 'failed'", []) as Int)
        #expect(try f.value("SELECT count(*) FROM delivery_attempts", []) as Int == 400)
        #expect(try f.value("SELECT count(*) FROM deliveries WHERE status = 'pending'", []) as Int == 0)
    }

    @Test func aQueueRowRenewedWhileTheRecordWaitedForItsLockIsStillSettled() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        _ = try f.webhook(tenant, bot)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let claimed = try #require(try f.claim("w", now: t0).first)
        // The owner renews the row's lease (a new row version, as its own claim does after a lease ran out) in a
        // transaction that commits only once the record has begun and waits for the row's lock.
        try f.sql.simpleQuery("BEGIN")
        try f.sql.execute("UPDATE delivery_queue SET due_at = due_at + interval '60 s' WHERE delivery_id = $1",
                          [claimed.id])
        let outcome = DeliveryOutcome(deliveryId: claimed.id, attemptNumber: 1, startedAt: t0.plus(1), durationMs: 5,
                                      statusCode: 204, verdict: .succeeded)
        let database = f.database
        let results = Collector<String>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { done.signal() }
            do {
                let summary = try database.read {
                    try $0.deliveryQueue.record([outcome], owner: "w", now: t0.plus(2))
                }
                results.append(summary.applied == [claimed.id] ? "applied" : "ignored")
            } catch {
                results.append("\(error)")
            }
        }
        let watcher = try PostgresConnection(url: f.url)
        defer { watcher.close() }
        var waiting = false
        for _ in 0..<250 where !waiting {
            let blocked: Int = try #require(try watcher.query(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF q%'")
                .first).decode(0)
            waiting = blocked == 1
            if !waiting { Thread.sleep(forTimeInterval: 0.02) }
        }
        try f.sql.simpleQuery("COMMIT")
        done.wait()
        #expect(waiting)
        #expect(results.values == ["applied"])

        // The delivery succeeded and its queue row is gone: nothing sends it again.
        #expect(try f.delivery(claimed.id).status == "succeeded")
        #expect(try f.value("SELECT count(*) FROM delivery_queue", []) as Int == 0)
        #expect(try f.claim("w", now: t0.plus(3_600)).isEmpty)
    }
}
