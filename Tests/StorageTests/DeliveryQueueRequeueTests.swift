import Foundation
import Postgres
import Storage
import Testing
import TestSupport
import WebhookCore

@Suite struct DeliveryQueueRequeueTests {
    @Test func releaseMakesTheOwnersLeasedRowsDueNow() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        try f.bulkDeliveries(tenant, bot, hook, count: 5, dueAt: QueueFixture.t0)
        let t0 = QueueFixture.t0
        let mine = try f.claim("leaving", limit: 3, lease: .seconds(3_600), now: t0)
        let theirs = try f.claim("staying", limit: 2, lease: .seconds(3_600), now: t0)

        let released = try f.database.read { try $0.deliveryQueue.release(owner: "leaving", now: t0.plus(5)) }
        #expect(released == 3)
        for id in mine.map(\.id) {
            let row = try f.delivery(id)
            #expect(row.leaseOwner == nil && row.nextAttemptAt == t0.plus(5) && row.attemptCount == 0)
        }
        #expect(try f.claim("next", now: t0.plus(5)).map(\.id).sorted { $0.uuidString < $1.uuidString }
                == mine.map(\.id).sorted { $0.uuidString < $1.uuidString })
        #expect(try theirs.allSatisfy { try f.delivery($0.id).leaseOwner == "staying" })
        #expect(try f.database.read { try $0.deliveryQueue.release(owner: "leaving", now: t0) } == 0)
    }

    @Test func redeliverRestartsTheBudgetOfAFinishedDeliveryOnly() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 1)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let queue = { (tenantId: UUID, webhookId: UUID, deliveryId: UUID) throws -> Bool in
            try f.database.read {
                try $0.deliveryQueue.redeliver(tenantId: tenantId, webhookId: webhookId, deliveryId: deliveryId,
                                               now: t0.plus(100))
            }
        }
        let id = try #require(try f.deliveries(webhook: hook).first)
        #expect(try !queue(tenant, hook, id))  // still pending

        // Spend the budget: two failed attempts.
        for (attempt, time) in [(1, t0), (2, t0.plus(10))] {
            let claimed = try #require(try f.claim("w", now: time).first)
            #expect(claimed.attemptNumber == attempt && claimed.budgetAttempt == attempt)
            try f.record([DeliveryOutcome(deliveryId: id, attemptNumber: attempt, startedAt: time, durationMs: 1,
                                          statusCode: 500,
                                          verdict: claimed.isLastAttempt ? .failed : .retry(at: t0.plus(10)))],
                         owner: "w", now: time)
        }
        #expect(try f.delivery(id).status == "failed")
        #expect(try f.counters(hook).failureCount == 1)

        let stranger = try f.tenant()
        #expect(try !queue(stranger, hook, id))
        #expect(try !queue(tenant, UUID(), id))
        #expect(try !queue(tenant, hook, UUID()))
        #expect(try queue(tenant, hook, id))
        #expect(try f.delivery(id) == DeliveryRow(
            status: "pending", attemptCount: 2, budgetStart: 2, leaseOwner: nil, nextAttemptAt: t0.plus(100),
            lastStatusCode: 500, lastError: nil, completedAt: nil))

        // Numbering goes on; the budget starts over (two attempts again with maxRetries 1).
        let third = try #require(try f.claim("w", now: t0.plus(100)).first)
        #expect(third.attemptNumber == 3 && third.budgetAttempt == 1 && !third.isLastAttempt)
        try f.record([DeliveryOutcome(deliveryId: id, attemptNumber: 3, startedAt: t0.plus(100), durationMs: 1,
                                      statusCode: 200, verdict: .succeeded)],
                     owner: "w", now: t0.plus(101))
        #expect(try f.attempts(id).map(\.number) == [1, 2, 3])
        // A succeeded delivery can be sent again too.
        #expect(try queue(tenant, hook, id))
        #expect(try #require(try f.claim("w", now: t0.plus(100)).first).budgetAttempt == 1)
    }

    @Test func replayRequeuesTheWebhooksFailedDeliveriesSinceATime() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        let otherHook = try f.webhook(tenant, bot)
        let t0 = QueueFixture.t0
        for day in 0..<4 { try f.publish(tenant, bot, now: t0.plus(Double(day) * 86_400)) }
        // All of `hook`'s deliveries failed except the newest, which succeeded; `otherHook`'s all failed.
        try f.sql.execute(
            """
            UPDATE deliveries SET status = CASE WHEN created_at = $1 AND webhook_id = $2 THEN 'succeeded' ELSE 'failed' END,
                                  attempt_count = 4, completed_at = created_at
            """, [t0.plus(3 * 86_400), hook])
        try f.dequeueFinished()

        let replay = { (tenantId: UUID, webhookId: UUID, since: Date) throws -> Int in
            try f.database.read {
                try $0.deliveryQueue.replay(tenantId: tenantId, webhookId: webhookId, since: since, now: t0.plus(9 * 86_400))
            }
        }
        #expect(try replay(try f.tenant(), hook, t0) == 0)
        #expect(try replay(tenant, hook, t0.plus(86_400)) == 2)
        let rows = try f.deliveries(webhook: hook).map { try f.delivery($0) }
        #expect(rows.filter { $0.status == "pending" }.allSatisfy { $0.budgetStart == 4 && $0.nextAttemptAt == t0.plus(9 * 86_400) })
        #expect(rows.map(\.status).sorted() == ["failed", "pending", "pending", "succeeded"])
        #expect(try f.claim("w", now: t0.plus(9 * 86_400)).allSatisfy { $0.webhookId == hook && $0.attemptNumber == 5 && $0.budgetAttempt == 1 })
        #expect(try replay(tenant, hook, t0.plus(86_400)) == 0)
        #expect(try f.deliveries(webhook: otherHook).allSatisfy { try f.delivery($0).status == "failed" })
    }

    @Test func purgeDeletesFinishedDeliveriesPastTheirPlansRetentionAndKeepsRecentAndPendingOnes() throws {
        let f = try QueueFixture()
        let t0 = QueueFixture.t0
        let day: TimeInterval = 86_400
        let free = try f.tenant(plan: "free", addon: "active")      // 3 days
        let scale = try f.tenant(plan: "scale")                       // 30 days
        let freeBot = try f.chatbot(free), scaleBot = try f.chatbot(scale)
        let freeHook = try f.webhook(free, freeBot), scaleHook = try f.webhook(scale, scaleBot)

        // Per tenant: finished 2, 10 and 40 days old, and pending 40 days old.
        var made: [String: UUID] = [:]
        for (name, tenant, bot, hook) in [("free", free, freeBot, freeHook), ("scale", scale, scaleBot, scaleHook)] {
            for (age, status) in [(2.0, "succeeded"), (10.0, "failed"), (40.0, "succeeded"), (40.0, "pending")] {
                let event = try f.publish(tenant, bot, now: t0.plus(-age * day)).eventId
                let id: UUID = try f.value(
                    "UPDATE deliveries SET status = $2 WHERE event_id = $1 AND webhook_id = $3 RETURNING id",
                    [event, status, hook])
                made["\(name)-\(Int(age))-\(status)"] = id
                try f.sql.execute(
                    """
                    INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms)
                    VALUES ($1, $2, 1, $3, 5)
                    """, [tenant, id, t0.plus(-age * day)])
            }
        }
        // An old event that queued nothing, and a recent one.
        let lonelyOld = try f.publish(free, freeBot, type: "ticket.created", now: t0.plus(-31 * day)).eventId
        let lonelyNew = try f.publish(free, freeBot, type: "ticket.created", now: t0.plus(-29 * day)).eventId

        let result = try f.database.read { try $0.deliveryQueue.purgeExpired(now: t0, batchSize: 1) }
        #expect(result == PurgeResult(deliveries: 3, events: 3))

        let left = Set(try f.sql.query("SELECT id FROM deliveries").map { try $0.decode(0, as: UUID.self) })
        let expected: Set<String> = ["free-2-succeeded", "free-40-pending", "scale-2-succeeded", "scale-10-failed",
                                     "scale-40-pending"]
        #expect(left == Set(expected.compactMap { made[$0] }))
        #expect(try f.value("SELECT count(*) FROM delivery_attempts", []) as Int == 5)
        let events = Set(try f.sql.query("SELECT id FROM events").map { try $0.decode(0, as: UUID.self) })
        #expect(!events.contains(lonelyOld) && events.contains(lonelyNew))
        // Events go once their deliveries are gone and the longest retention has passed: the free tenant's
        // 10-day-old event stays (30 days is the longest retention), with the recent lonely one.
        #expect(events.count == 7)

        // Custom retention (the longest is now 5 days), and a second run finds nothing more.
        #expect(try f.database.read { try $0.deliveryQueue.purgeExpired(now: t0, retentionDays: [.scale: 5, .free: 3]) }
                == PurgeResult(deliveries: 1, events: 3))
        #expect(try f.database.read { try $0.deliveryQueue.purgeExpired(now: t0) } == PurgeResult(deliveries: 0, events: 0))
    }

    @Test func attemptsGoWithTheirDeliveriesHoweverTheseAreDeleted() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let kept = try f.webhook(tenant, bot), byWebhook = try f.webhook(tenant, bot)
        let first = try f.publish(tenant, bot).eventId, second = try f.publish(tenant, bot).eventId
        let deliveries = try f.sql.query("SELECT id FROM deliveries").map { try $0.decode(0, as: UUID.self) }
        #expect(deliveries.count == 4)
        for id in deliveries {
            try f.sql.execute(
                """
                INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms)
                VALUES ($1, $2, 1, $3, 5), ($1, $2, 2, $3, 5)
                """, [tenant, id, QueueFixture.t0])
        }
        func attempts() throws -> Int { try f.value("SELECT count(*) FROM delivery_attempts", []) }
        func remaining() throws -> Int { try f.value("SELECT count(*) FROM deliveries", []) }
        #expect(try attempts() == 8)

        // Through the cascade from an event, from a webhook, then directly.
        try f.sql.execute("DELETE FROM events WHERE id = $1", [first])
        #expect(try remaining() == 2)
        #expect(try attempts() == 4)
        try f.sql.execute("DELETE FROM webhooks WHERE id = $1", [byWebhook])
        #expect(try remaining() == 1)
        #expect(try attempts() == 2)
        let last: UUID = try f.value("SELECT id FROM deliveries WHERE event_id = $1 AND webhook_id = $2", [second, kept])
        try f.sql.execute("DELETE FROM deliveries WHERE id = $1", [last])
        #expect(try attempts() == 0)
    }

    @Test func deletingAChatbotTakesItsEventsWebhooksDeliveriesAndAttempts() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let doomed = try f.chatbot(tenant), kept = try f.chatbot(tenant)
        _ = try f.webhook(tenant, doomed)
        _ = try f.webhook(tenant, kept)
        _ = try f.publish(tenant, doomed)
        _ = try f.publish(tenant, kept)
        try f.sql.execute(
            """
            INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms)
            SELECT tenant_id, id, 1, $1, 5 FROM deliveries
            """, [QueueFixture.t0])

        try f.sql.execute("DELETE FROM chatbots WHERE id = $1", [doomed])
        let left: [UUID] = try f.sql.query("SELECT e.chatbot_id FROM deliveries d JOIN events e ON e.id = d.event_id")
            .map { try $0.decode(0) }
        #expect(left == [kept])
        #expect(try f.value("SELECT count(*) FROM delivery_attempts", []) == 1)
        #expect(try f.value("SELECT count(*) FROM delivery_queue", []) == 1)
    }

    @Test func aDeliveryIsQueuedExactlyWhilePending() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, maxRetries: 1)
        try f.publish(tenant, bot)
        let t0 = QueueFixture.t0
        let id = try #require(try f.deliveries(webhook: hook).first)
        func queueRows() throws -> Int { try f.value("SELECT count(*) FROM delivery_queue WHERE delivery_id = $1", [id]) }
        #expect(try queueRows() == 1)

        // A retry keeps it queued (due at the retry time, lease given back); the final outcome takes it out.
        _ = try #require(try f.claim("w", now: t0).first)
        try f.record([DeliveryOutcome(deliveryId: id, attemptNumber: 1, startedAt: t0, durationMs: 1, statusCode: 500,
                                      verdict: .retry(at: t0.plus(10)))], owner: "w", now: t0)
        #expect(try queueRows() == 1)
        #expect(try f.delivery(id).leaseOwner == nil && f.delivery(id).nextAttemptAt == t0.plus(10))
        _ = try #require(try f.claim("w", now: t0.plus(10)).first)
        try f.record([DeliveryOutcome(deliveryId: id, attemptNumber: 2, startedAt: t0.plus(10), durationMs: 1,
                                      statusCode: 500, verdict: .failed)], owner: "w", now: t0.plus(10))
        #expect(try queueRows() == 0)
        #expect(try f.claim("w", now: t0.plus(3_600)).isEmpty)

        // Redelivering queues it again, due at once and leased to no one.
        #expect(try f.database.read {
            try $0.deliveryQueue.redeliver(tenantId: tenant, webhookId: hook, deliveryId: id, now: t0.plus(20))
        })
        #expect(try queueRows() == 1)
        #expect(try f.claim("w", now: t0.plus(20)).map(\.id) == [id])
    }
}
