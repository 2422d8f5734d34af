import Foundation
import Postgres
import Storage
import Testing
import TestSupport
import WebhookCore

@Suite struct DeliveryLogStoreTests {
    /// 23 deliveries of one webhook: pairs share a `created_at` (ties are broken by id), types and statuses vary.
    private func seeded() throws -> (QueueFixture, tenant: UUID, hook: UUID) {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, events: ["*"])
        _ = try f.webhook(tenant, bot, events: ["*"])  // another webhook's deliveries never show
        for index in 0..<23 {
            try f.publish(tenant, bot, type: index % 3 == 0 ? "message.created" : "lead.created",
                          now: QueueFixture.t0.plus(Double(index / 2)))
        }
        try f.sql.execute(
            "UPDATE deliveries SET status = 'failed', completed_at = created_at WHERE event_type = 'message.created'")
        try f.dequeueFinished()
        return (f, tenant, hook)
    }

    private func walk(_ f: QueueFixture, tenant: UUID, hook: UUID, status: DeliveryStatus? = nil,
                      eventType: String? = nil, pageSize: Int) throws -> (items: [DeliveryRecord], pages: Int) {
        var items: [DeliveryRecord] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try f.database.read {
                try $0.deliveryLog.list(tenantId: tenant, webhookId: hook, status: status, eventType: eventType,
                                        limit: pageSize, cursor: cursor)
            }
            items += page.items
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 100
        return (items, pages)
    }

    /// A filter checked on each delivery reads a bounded stretch of the log per page: on a webhook whose newest
    /// 2,500 deliveries failed, `succeeded` answers empty pages that are not the last, and walking the cursors still
    /// finds the three older successes, once each and in order. The same for `pending` of a type behind 1,500 pending
    /// deliveries of another.
    @Test func aFilterCheckedOnEachDeliveryPagesThroughWhatItDoesNotMatch() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot, events: ["*"])
        try f.bulkDeliveries(tenant, bot, hook, count: 3, dueAt: QueueFixture.t0.plus(-60))
        try f.sql.execute("UPDATE deliveries SET status = 'succeeded', completed_at = created_at")
        try f.bulkDeliveries(tenant, bot, hook, count: 2_500, dueAt: QueueFixture.t0)
        try f.sql.execute(
            "UPDATE deliveries SET status = 'failed', completed_at = created_at WHERE created_at = $1", [QueueFixture.t0])
        try f.dequeueFinished()
        let successes = try f.sql.query(
            "SELECT id FROM deliveries WHERE status = 'succeeded' ORDER BY created_at DESC, id DESC"
        ).map { try $0.decode(0, as: UUID.self) }

        let first = try f.database.read {
            try $0.deliveryLog.list(tenantId: tenant, webhookId: hook, status: .succeeded, limit: 20)
        }
        #expect(first.items.isEmpty && first.nextCursor != nil)
        let succeeded = try walk(f, tenant: tenant, hook: hook, status: .succeeded, pageSize: 20)
        #expect(succeeded.items.map(\.id) == successes)
        // 1,000 failures per page, then the last 500 with the successes.
        #expect(succeeded.pages == 3)

        // Pending: 1,500 of lead.created queued after two of message.created.
        try f.publish(tenant, bot, type: "message.created", now: QueueFixture.t0.plus(10))
        try f.publish(tenant, bot, type: "message.created", now: QueueFixture.t0.plus(11))
        try f.bulkDeliveries(tenant, bot, hook, count: 1_500, dueAt: QueueFixture.t0.plus(20))
        let messages = try f.sql.query(
            "SELECT id FROM deliveries WHERE webhook_id = $1 AND event_type = 'message.created' ORDER BY created_at DESC, id DESC",
            [hook]
        ).map { try $0.decode(0, as: UUID.self) }
        #expect(messages.count == 2)
        let pending = try walk(f, tenant: tenant, hook: hook, status: .pending, eventType: "message.created", pageSize: 1)
        #expect(pending.items.map(\.id) == messages)
        #expect(pending.items.allSatisfy { $0.status == .pending })
    }

    @Test func paginationWalksEveryRowOnceNewestFirst() throws {
        let (f, tenant, hook) = try seeded()
        let expected = try f.sql.query(
            "SELECT id FROM deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id DESC", [hook]
        ).map { try $0.decode(0, as: UUID.self) }
        #expect(expected.count == 23)

        for pageSize in [1, 5, 23, 50] {
            let (items, pages) = try walk(f, tenant: tenant, hook: hook, pageSize: pageSize)
            #expect(items.map(\.id) == expected, "page size \(pageSize)")
            #expect(pages == max(1, (23 + pageSize - 1) / pageSize))
        }
        let first = try #require(try walk(f, tenant: tenant, hook: hook, pageSize: 50).items.first)
        #expect(first.webhookId == hook && first.tenantId == tenant && first.createdAt == QueueFixture.t0.plus(11))
        #expect(first.eventType == "lead.created" && first.status == .pending && first.data == nil)
        #expect(first.nextAttemptAt == QueueFixture.t0.plus(11) && first.attemptCount == 0)
    }

    @Test func filtersByStatusAndEventType() throws {
        let (f, tenant, hook) = try seeded()
        let failed = try walk(f, tenant: tenant, hook: hook, status: .failed, pageSize: 3).items
        #expect(failed.count == 8)
        #expect(failed.allSatisfy { $0.status == .failed && $0.eventType == "message.created" && $0.nextAttemptAt == nil })
        #expect(zip(failed, failed.dropFirst()).allSatisfy { $0.createdAt >= $1.createdAt })
        let leads = try walk(f, tenant: tenant, hook: hook, eventType: "lead.created", pageSize: 4).items
        #expect(leads.count == 15 && leads.allSatisfy { $0.eventType == "lead.created" })
        #expect(try walk(f, tenant: tenant, hook: hook, status: .succeeded, pageSize: 4).items.isEmpty)
        #expect(try walk(f, tenant: tenant, hook: hook, status: .pending, eventType: "message.created",
                         pageSize: 4).items.isEmpty)
    }

    @Test func anotherTenantSeesNothingAndAForeignCursorIsRefused() throws {
        let (f, _, hook) = try seeded()
        let stranger = try f.tenant()
        let page = try f.database.read {
            try $0.deliveryLog.list(tenantId: stranger, webhookId: hook, limit: 10, cursor: nil)
        }
        #expect(page.items.isEmpty && page.nextCursor == nil)

        let garbage = ["", "!!!", "bm90IGEgY3Vyc29y", "ZDF8bm90LWEtZGF0ZXwwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
                       String(repeating: "A", count: 500), "ZDF8MjAzMC0wMS0wMSAwMDowMDowMCswMHxub3QtYS11dWlk"]
        for cursor in garbage {
            #expect(throws: DeliveryLogError.invalidCursor, "\(cursor)") {
                try f.database.read {
                    try $0.deliveryLog.list(tenantId: stranger, webhookId: hook, limit: 10, cursor: cursor)
                }
            }
        }
    }

    @Test func findReturnsTheDeliveryWithItsDataAndEveryAttempt() throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let bot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, bot)
        let t0 = QueueFixture.t0
        let event = try f.publish(tenant, bot, data: #"{"lead":{"email":"x@example.com"}}"#)
        let id = try #require(try f.deliveries(webhook: hook).first)
        let first = try #require(try f.claim("w", now: t0).first)
        // Values with colons, spaces and non-ASCII come back exactly; the second attempt logged no request.
        let request = AttemptRequest(
            headers: [.init(name: "Content-Type", value: "application/json"),
                      .init(name: "X-Note", value: " a: b é  "),
                      .init(name: "X-Empty", value: ""),
                      .init(name: "X-WEBHOOK-TOKEN", value: WebhookHeader.maskedValue)],
            payloadFormat: .sitegpt, dashboardURL: "https://app.example.com/bots")
        try f.record([DeliveryOutcome(deliveryId: id, attemptNumber: first.attemptNumber, startedAt: t0, durationMs: 42,
                                      statusCode: 502, error: "HTTP 502", responseBody: "bad gateway",
                                      request: request, verdict: .retry(at: t0.plus(5)))], owner: "w", now: t0.plus(1))
        _ = try f.claim("w", now: t0.plus(5))
        try f.record([DeliveryOutcome(deliveryId: id, attemptNumber: 2, startedAt: t0.plus(5), durationMs: 7,
                                      statusCode: 200, responseBody: "{}", verdict: .succeeded)], owner: "w",
                     now: t0.plus(6))

        let (record, attempts) = try #require(try f.database.read {
            try $0.deliveryLog.find(tenantId: tenant, webhookId: hook, deliveryId: id)
        })
        #expect(record == DeliveryRecord(
            id: id, tenantId: tenant, webhookId: hook, eventId: event.eventId, chatbotId: bot, eventType: "lead.created",
            isTest: false, status: .succeeded, attemptCount: 2, nextAttemptAt: nil, lastStatusCode: 200, lastError: nil,
            occurredAt: t0, createdAt: t0, updatedAt: t0.plus(6), completedAt: t0.plus(6),
            data: #"{"lead":{"email":"x@example.com"}}"#))
        #expect(attempts == [
            AttemptRecord(attemptNumber: 1, startedAt: t0, durationMs: 42, statusCode: 502, error: "HTTP 502",
                          responseBody: "bad gateway", request: request),
            AttemptRecord(attemptNumber: 2, startedAt: t0.plus(5), durationMs: 7, statusCode: 200, error: nil,
                          responseBody: "{}", request: nil),
        ])

        let stranger = try f.tenant()
        #expect(try f.database.read { try $0.deliveryLog.find(tenantId: stranger, webhookId: hook, deliveryId: id) } == nil)
        #expect(try f.database.read { try $0.deliveryLog.find(tenantId: tenant, webhookId: UUID(), deliveryId: id) } == nil)
    }
}
