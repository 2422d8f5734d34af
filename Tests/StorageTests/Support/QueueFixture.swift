import Foundation
import Postgres
import Storage
import Testing
import TestSupport
import WebhookCore

/// A migrated database for the queue tests, with plain-SQL helpers to make tenants, chatbots and webhooks and to
/// read rows back. Not `Sendable`: threads in a test share only ``database``.
final class QueueFixture {
    let database: Database
    let sql: PostgresConnection
    /// The database's connection URL.
    let url: String

    /// A fixed instant with whole microseconds, so times read back compare exactly.
    static let t0 = Date(timeIntervalSince1970: 1_900_000_000)

    init(poolSize: Int = 4) throws {
        let test = try TestDatabase.migrated()
        database = try test.open(poolSize: poolSize)
        url = test.url
        sql = try PostgresConnection(url: test.url)
    }

    deinit {
        sql.close()
        database.close()
    }

    /// A tenant with a plan (`free`, `starter`, `pro`, `scale`) and add-on status.
    func tenant(plan: String = "scale", addon: String = "none") throws -> UUID {
        try value(
            """
            WITH t AS (INSERT INTO tenants (name) VALUES ('T') RETURNING id),
                 s AS (INSERT INTO subscriptions (tenant_id, plan, webhooks_addon_status) SELECT id, $1, $2 FROM t)
            SELECT id FROM t
            """, [plan, addon])
    }

    func chatbot(_ tenant: UUID) throws -> UUID {
        try value("INSERT INTO chatbots (tenant_id, name) VALUES ($1, 'Bot') RETURNING id", [tenant])
    }

    /// A webhook row with a dummy encrypted secret.
    func webhook(_ tenant: UUID, _ chatbot: UUID, events: [String] = ["lead.created"], isActive: Bool = true,
                 disabledReason: String? = nil, maxRetries: Int = 3, url: String = "https://receiver.example/hook") throws -> UUID {
        try value(
            """
            INSERT INTO webhooks (tenant_id, chatbot_id, name, url, event_types, is_active, disabled_reason,
                                  max_retries, headers, secret_ciphertext, secret_hint, previous_secret_ciphertext,
                                  previous_secret_expires_at)
            VALUES ($1, $2, 'Hook', $3, $4, $5, $6, $7, '{"X-Custom": "yes"}', '\\x0102ff', 'whsec_...abcd',
                    '\\x0a0b', '2030-01-01 00:00:00+00')
            RETURNING id
            """, [tenant, chatbot, url, events, isActive, disabledReason, Int32(maxRetries)])
    }

    /// Publishes `type` in its own transaction, matching every name that selects it.
    @discardableResult
    func publish(_ tenant: UUID, _ chatbot: UUID, type: String = "lead.created", key: String? = nil,
                 data: String = #"{"email":"a@example.com"}"#, now: Date = QueueFixture.t0) throws -> PublishResult {
        let eventType = try #require(EventType.named(type))
        return try database.transaction {
            try $0.events.publish(tenantId: tenant, chatbotId: chatbot, eventType: eventType.name,
                                  subscriptionKeys: eventType.subscriptionKeys, idempotencyKey: key, data: data,
                                  occurredAt: now, now: now)
        }
    }

    /// `count` events of one webhook, each with one pending delivery due at `dueAt`.
    func bulkDeliveries(_ tenant: UUID, _ chatbot: UUID, _ webhook: UUID, count: Int, dueAt: Date) throws {
        try sql.execute(
            """
            WITH e AS (
                INSERT INTO events (tenant_id, chatbot_id, type, data, occurred_at, deliveries_queued)
                SELECT $1, $2, 'lead.created', '{"n":' || n || '}', $4, 1 FROM generate_series(1, $5) n
                RETURNING id
            ),
            d AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, next_attempt_at, created_at)
                SELECT $1, $3, id, 'lead.created', $4, $4 FROM e
                RETURNING id
            )
            INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, created_at)
            SELECT id, $1, $3, false, $4, $4 FROM d
            """, [tenant, chatbot, webhook, dueAt, count])
    }

    /// Takes deliveries a test finished by hand (setting `status` directly) out of the queue, and records the
    /// failed ones among the webhook's failures, as settling does.
    func dequeueFinished() throws {
        try sql.execute(
            """
            WITH dequeued AS (
                DELETE FROM delivery_queue q USING deliveries d WHERE q.delivery_id = d.id AND d.status <> 'pending'
            )
            INSERT INTO delivery_failures (webhook_id, created_at, delivery_id, tenant_id, event_type)
            SELECT webhook_id, created_at, id, tenant_id, event_type FROM deliveries WHERE status = 'failed'
            ON CONFLICT DO NOTHING
            """)
    }

    func claim(_ owner: String, limit: Int = 100, lease: Duration = .seconds(60), now: Date = QueueFixture.t0) throws -> [ClaimedDelivery] {
        try database.read { try $0.deliveryQueue.claim(owner: owner, limit: limit, lease: lease, now: now) }
    }

    @discardableResult
    func record(_ outcomes: [DeliveryOutcome], owner: String, now: Date,
                autoDisableAfter: Duration = DeliveryQueue.defaultAutoDisableAfter) throws -> RecordSummary {
        try database.read {
            try $0.deliveryQueue.record(outcomes, owner: owner, now: now, autoDisableAfter: autoDisableAfter)
        }
    }

    func deliveries(webhook: UUID) throws -> [UUID] {
        try sql.query("SELECT id FROM deliveries WHERE webhook_id = $1 ORDER BY id", [webhook]).map { try $0.decode(0) }
    }

    func delivery(_ id: UUID) throws -> DeliveryRow {
        let row = try #require(try sql.query(
            """
            SELECT d.status, d.attempt_count, d.budget_start, q.lease_owner, coalesce(q.due_at, d.next_attempt_at),
                   d.last_status_code, d.last_error, d.completed_at
            FROM deliveries d LEFT JOIN delivery_queue q ON q.delivery_id = d.id WHERE d.id = $1
            """, [id]).first)
        return DeliveryRow(status: try row.decode(0), attemptCount: try row.decode(1), budgetStart: try row.decode(2),
                           leaseOwner: try row.decode(3), nextAttemptAt: try row.decode(4),
                           lastStatusCode: try row.decode(5), lastError: try row.decode(6), completedAt: try row.decode(7))
    }

    func attempts(_ delivery: UUID) throws -> [AttemptRow] {
        try sql.query(
            """
            SELECT attempt_number, started_at, duration_ms, status_code, error, response_body
            FROM delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number
            """, [delivery]
        ).map {
            AttemptRow(number: try $0.decode(0), startedAt: try $0.decode(1), durationMs: try $0.decode(2),
                       statusCode: try $0.decode(3), error: try $0.decode(4), responseBody: try $0.decode(5))
        }
    }

    func counters(_ webhook: UUID) throws -> WebhookCounters {
        let row = try #require(try sql.query(
            """
            SELECT success_count, failure_count, last_triggered_at, last_success_at, last_failure_at, failing_since,
                   disabled_reason, disabled_at
            FROM webhooks WHERE id = $1
            """, [webhook]).first)
        return WebhookCounters(successCount: try row.decode(0), failureCount: try row.decode(1),
                               lastTriggeredAt: try row.decode(2), lastSuccessAt: try row.decode(3),
                               lastFailureAt: try row.decode(4), failingSince: try row.decode(5),
                               disabledReason: try row.decode(6), disabledAt: try row.decode(7))
    }

    /// The first column of the first row.
    func value<T: PostgresDecodable>(_ text: String, _ parameters: [any PostgresEncodable] = []) throws -> T {
        let row = try #require(try sql.query(text, parameters).first)
        return try row.decode(0)
    }
}

struct DeliveryRow: Equatable {
    var status: String
    var attemptCount: Int
    var budgetStart: Int
    var leaseOwner: String?
    var nextAttemptAt: Date
    var lastStatusCode: Int?
    var lastError: String?
    var completedAt: Date?
}

struct AttemptRow: Equatable {
    var number: Int
    var startedAt: Date
    var durationMs: Int
    var statusCode: Int?
    var error: String?
    var responseBody: String?
}

struct WebhookCounters: Equatable {
    var successCount: Int
    var failureCount: Int
    var lastTriggeredAt: Date?
    var lastSuccessAt: Date?
    var lastFailureAt: Date?
    var failingSince: Date?
    var disabledReason: String?
    var disabledAt: Date?

    static let untouched = WebhookCounters(successCount: 0, failureCount: 0)
}

extension WebhookCounters {
    init(successCount: Int, failureCount: Int) {
        self.init(successCount: successCount, failureCount: failureCount, lastTriggeredAt: nil, lastSuccessAt: nil,
                  lastFailureAt: nil, failingSince: nil, disabledReason: nil, disabledAt: nil)
    }
}

extension Date {
    /// `self` moved by `seconds`.
    func plus(_ seconds: TimeInterval) -> Date { addingTimeInterval(seconds) }
}
