import Foundation
import Postgres
@testable import Storage
import Testing
import TestSupport
import WebhookCore

/// Every delivery-log page must cost what it holds, not the webhook's history, whatever its filter matches (nothing
/// included) and however stale the planner's statistics are. The webhook has 40,000 old succeeded `visitor.created`
/// deliveries and, in the last hour, a few succeeded, failed and pending ones of other types; its statistics were
/// taken before the history arrived, and another chatbot's webhook holds most of the recent log. Each filter, type,
/// time range and cursor is run as the store runs it (``DeliveryLogQuery`` under its planner settings), generic and
/// custom plans, under `EXPLAIN ANALYZE`, and may touch what a page of rows needs (a plan that walks the history
/// touches thousands of pages). Counts pages, never times.
@Suite struct DeliveryLogPlanTests {
    /// Enough that walking it costs far more pages than a page of the log (about 2,200 against 90).
    static let history = 40_000
    static let page = 21

    /// Writes `count` deliveries of `webhook` with their events, a minute apart up to `at`, oldest first, and what
    /// the stores keep beside them: a queue row for a pending one, a failure row for a failed one.
    func insert(_ f: QueueFixture, _ tenant: UUID, _ chatbot: UUID, _ webhook: UUID, type: String,
                status: DeliveryStatus, count: Int, at: Date) throws {
        try f.sql.execute(
            """
            WITH e AS (
                INSERT INTO events (tenant_id, chatbot_id, type, data, occurred_at)
                SELECT $1, $5, $6, '{}', $3::timestamptz - g * interval '1 minute'
                FROM generate_series($4::int - 1, 0, -1) g
                RETURNING id, occurred_at
            ),
            d AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, status, attempt_count, created_at)
                SELECT $1, $2, e.id, $6, $7, 1, e.occurred_at FROM e
                RETURNING id, created_at
            ),
            q AS (
                INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, created_at)
                SELECT id, $1, $2, false, $3::timestamptz + interval '1 day', created_at FROM d WHERE $7 = 'pending'
            )
            INSERT INTO delivery_failures (webhook_id, created_at, delivery_id, tenant_id, event_type)
            SELECT $2, created_at, id, $1, $6 FROM d WHERE $7 = 'failed'
            """, [tenant, webhook, at, count, chatbot, type, status.rawValue])
    }

    @Test(arguments: ["force_generic_plan", "force_custom_plan"])
    func everyFilterReadsItsPageNotTheHistory(planMode: String) throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let chatbot = try f.chatbot(tenant)
        let hook = try f.webhook(tenant, chatbot)
        let other = try f.chatbot(tenant)
        let noisy = try f.webhook(tenant, other)
        let now = QueueFixture.t0
        let recent = now.addingTimeInterval(-600)
        try insert(f, tenant, chatbot, hook, type: "lead.created", status: .succeeded, count: 10, at: recent)
        try insert(f, tenant, chatbot, hook, type: "message.created", status: .failed, count: 5, at: recent)
        try insert(f, tenant, chatbot, hook, type: "conversation.started", status: .pending, count: 5, at: recent)
        try insert(f, tenant, other, noisy, type: "lead.created", status: .succeeded, count: Self.history, at: recent)
        try f.sql.simpleQuery("""
            ANALYZE deliveries; ANALYZE delivery_queue; ANALYZE delivery_failures; ANALYZE events;
            ALTER TABLE deliveries SET (autovacuum_enabled = false);
            ALTER TABLE delivery_queue SET (autovacuum_enabled = false);
            ALTER TABLE delivery_failures SET (autovacuum_enabled = false)
            """)
        // The history's type sorts after the one no delivery has: a scan that does not stop at the end of a
        // type's keys reads it.
        try insert(f, tenant, chatbot, hook, type: "visitor.created", status: .succeeded, count: Self.history,
                   at: now.addingTimeInterval(-30 * 86_400))
        // A cursor deep in the history: the 2,000th delivery from the newest.
        let deep = try f.sql.query(
            """
            SELECT created_at::text, id FROM deliveries WHERE webhook_id = $1
            ORDER BY created_at DESC, id DESC OFFSET 2000 LIMIT 1
            """, [hook])
        let row = try #require(deep.first)
        let cursor = DeliveryLogCursor(createdAt: try row.decode(0), id: try row.decode(1))
        try f.sql.simpleQuery("SET plan_cache_mode = \(planMode)")

        let ranges: [(String, Date?, Date?)] = [
            ("any time", nil, nil), ("the last hour", now.addingTimeInterval(-3_600), nil),
            ("until 20 days ago", nil, now.addingTimeInterval(-20 * 86_400)),
        ]
        var statement = 0
        for status in [nil] + DeliveryStatus.allCases {
            for type in [nil, "lead.created", "message.created", "conversation.started", "ticket.updated", "visitor.created"] {
                for (range, since, until) in ranges {
                    for after in [nil, cursor] {
                        let query = DeliveryLogQuery(tenantId: tenant, webhookId: hook, status: status, eventType: type,
                                                     since: since, until: until, after: after, rows: Self.page)
                        statement += 1
                        let name = "status \(status?.rawValue ?? "any"), type \(type ?? "any"), \(range)"
                            + (after == nil ? "" : ", deep cursor")
                        // A page's rows, their events and a few index pages: about 90 on this data.
                        try expectReads(f, query, name: "log\(statement)", atMost: 6 * Self.page, name)
                    }
                }
            }
        }
    }

    /// The filters no index serves whole read at most ``DeliveryLogQuery/scanLimit`` entries, however many they
    /// pass over: `succeeded` on a webhook whose 10,000 newest deliveries failed, and `pending` of a type behind
    /// 10,000 pending deliveries of another. An entry read costs a page or two (the delivery) or three (the queue row
    /// and its delivery); walking them all would touch over 10,000 pages.
    @Test(arguments: ["force_generic_plan", "force_custom_plan"])
    func aFilterCheckedOnEachEntryReadsAtMostItsLimit(planMode: String) throws {
        let f = try QueueFixture()
        let tenant = try f.tenant()
        let chatbot = try f.chatbot(tenant)
        let failing = try f.webhook(tenant, chatbot)
        let backlog = try f.webhook(tenant, chatbot)
        let now = QueueFixture.t0
        try insert(f, tenant, chatbot, failing, type: "lead.created", status: .succeeded, count: 5, at: now.addingTimeInterval(-86_400))
        try insert(f, tenant, chatbot, backlog, type: "message.created", status: .pending, count: 5, at: now.addingTimeInterval(-86_400))
        try f.sql.simpleQuery("ANALYZE deliveries; ANALYZE delivery_queue")
        try insert(f, tenant, chatbot, failing, type: "lead.created", status: .failed, count: 10_000, at: now)
        try insert(f, tenant, chatbot, backlog, type: "lead.created", status: .pending, count: 10_000, at: now)
        try f.sql.simpleQuery("SET plan_cache_mode = \(planMode)")
        for (name, hook, status, type) in [("succeeded", failing, DeliveryStatus.succeeded, nil as String?),
                                           ("succeeded_typed", failing, .succeeded, "lead.created"),
                                           ("pending_typed", backlog, .pending, "message.created")] {
            let query = DeliveryLogQuery(tenantId: tenant, webhookId: hook, status: status, eventType: type,
                                         since: nil, until: nil, after: nil, rows: Self.page)
            #expect(query.scannedStatus == status)
            try expectReads(f, query, name: "scan_\(name)", atMost: 4 * DeliveryLogQuery.scanLimit, name)
        }
    }

    /// Prepares `query` under `name` and runs it six times as the store would (prepared statements switch to a
    /// generic plan after five runs); the last run's rows read may not exceed `limit`.
    func expectReads(_ f: QueueFixture, _ query: DeliveryLogQuery, name: String, atMost limit: Int,
                     _ description: String) throws {
        try f.sql.simpleQuery("PREPARE \(name) AS \(query.sql)")
        let execute = "EXECUTE \(name)(\(query.parameters.map(Self.literal).joined(separator: ", ")))"
        var read = 0
        var plan = ""
        for _ in 0..<6 {
            plan = try f.sql.transaction { connection in
                try connection.useIndexPathsOnly()
                return try #require(try connection.query("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) \(execute)").first).decode(0)
            }
            let json = try JSONSerialization.jsonObject(with: Data(plan.utf8))
            read = Self.tally(try #require((json as? [[String: Any]])?.first?["Plan"] as? [String: Any]))
        }
        #expect(read <= limit, "\(description): \(read) pages read: \(plan)")
    }

    /// A parameter as an SQL literal for `EXECUTE`.
    static func literal(_ value: any PostgresEncodable) -> String {
        switch value {
        case let value as UUID: "'\(value.uuidString)'"
        case let value as Int: String(value)
        case let value as String: "'\(value)'"
        case let value as Date?: value.map { "to_timestamp(\($0.timeIntervalSince1970))" } ?? "NULL"
        default: "NULL"
        }
    }

    /// The pages a plan touched (shared buffers hit or read, its whole tree): what an index scan reads includes the
    /// entries it passes over without returning, which no row count shows.
    static func tally(_ node: [String: Any]) -> Int {
        (node["Shared Hit Blocks"] as? Int ?? 0) + (node["Shared Read Blocks"] as? Int ?? 0)
    }
}
