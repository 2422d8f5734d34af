public import Foundation
import Postgres
public import WebhookCore

/// Webhooks, always scoped by tenant and chatbot: another tenant's ids find nothing.
public struct WebhookStore {
    let connection: PostgresConnection

    private static let columns = """
        id, tenant_id, chatbot_id, name, url, event_types, is_active, signature_scheme, max_retries, retry_delay_ms,
        timeout_ms, max_concurrency, headers::text, secret_ciphertext, secret_hint, previous_secret_ciphertext,
        previous_secret_expires_at, success_count, failure_count, last_triggered_at, last_success_at, last_failure_at,
        disabled_reason, created_at, updated_at, payload_format, retry_schedule_ms, public_key, ordering, rate_limit
        """

    /// Inserts a webhook with a caller-chosen id (the id is the secret's associated data, so it is known first).
    /// `publicKey` is the `whpk_` public key of a `standard-ed25519` private key, `nil` for other secrets.
    public func create(id: UUID, tenantId: UUID, chatbotId: UUID, settings: WebhookSettings, secretCiphertext: [UInt8],
                       secretHint: String, publicKey: String? = nil) throws -> Webhook {
        let rows = try connection.query(
            """
            INSERT INTO webhooks (id, tenant_id, chatbot_id, name, url, event_types, is_active, signature_scheme,
                                  max_retries, retry_delay_ms, timeout_ms, max_concurrency, headers, secret_ciphertext,
                                  secret_hint, payload_format, retry_schedule_ms, public_key, ordering, rate_limit)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17::integer[],
                    $18, $19, $20)
            RETURNING \(Self.columns)
            """,
            [id, tenantId, chatbotId, settings.name, settings.url, settings.eventTypes, settings.isActive,
             settings.signatureScheme, settings.maxRetries, settings.retryDelayMilliseconds, settings.timeoutMilliseconds,
             settings.maxConcurrency, HeadersColumn.text(settings.headers), secretCiphertext, secretHint,
             settings.payloadFormat.rawValue, Self.scheduleColumn(settings), publicKey, settings.ordering.rawValue,
             settings.rateLimit])
        guard let row = rows.first else { throw StorageError.database("webhook insert returned no row") }
        return try Self.webhook(row)
    }

    /// The chatbot's webhooks, oldest first.
    public func list(tenantId: UUID, chatbotId: UUID) throws -> [Webhook] {
        try connection.query(
            "SELECT \(Self.columns) FROM webhooks WHERE tenant_id = $1 AND chatbot_id = $2 ORDER BY created_at, id",
            [tenantId, chatbotId]).map(Self.webhook)
    }

    /// How many webhooks the chatbot has, locking the chatbot row so concurrent creates count one after another.
    public func countLockingChatbot(tenantId: UUID, chatbotId: UUID) throws -> Int {
        _ = try connection.query("SELECT 1 FROM chatbots WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [tenantId, chatbotId])
        return try connection.query("SELECT count(*) FROM webhooks WHERE tenant_id = $1 AND chatbot_id = $2",
                                    [tenantId, chatbotId]).first?.decode(0, as: Int.self) ?? 0
    }

    /// One webhook, or `nil`.
    public func find(tenantId: UUID, chatbotId: UUID, id: UUID) throws -> Webhook? {
        try connection.query(
            "SELECT \(Self.columns) FROM webhooks WHERE tenant_id = $1 AND chatbot_id = $2 AND id = $3",
            [tenantId, chatbotId, id]).first.map(Self.webhook)
    }

    /// Replaces the settings. An automatic disable stays until ``clearDisable(tenantId:chatbotId:id:)``.
    ///
    /// A change of `ordering` carries over to the webhook's queued deliveries in the same statement: switched to
    /// fifo, they take places in its order oldest first (test sends stay out of it); switched to concurrent, they
    /// leave it.
    public func update(tenantId: UUID, chatbotId: UUID, id: UUID, settings: WebhookSettings) throws -> Webhook? {
        try connection.query(
            """
            WITH w AS (
                UPDATE webhooks SET name = $4, url = $5, event_types = $6, is_active = $7, signature_scheme = $8,
                    max_retries = $9, retry_delay_ms = $10, timeout_ms = $11, max_concurrency = $12,
                    headers = $13::jsonb, payload_format = $14, retry_schedule_ms = $15::integer[], ordering = $16,
                    rate_limit = $17, updated_at = now()
                WHERE tenant_id = $1 AND chatbot_id = $2 AND id = $3
                RETURNING \(Self.columns)
            ),
            placed AS (
                SELECT x.delivery_id, nextval('delivery_queue_position_seq') AS position FROM (
                    SELECT q.delivery_id FROM delivery_queue q JOIN deliveries d ON d.id = q.delivery_id
                    WHERE $16 = 'fifo' AND q.tenant_id = $1 AND q.webhook_id = $3 AND NOT q.fifo AND NOT q.is_test
                      AND EXISTS (SELECT FROM w)
                    ORDER BY d.created_at, d.id
                ) x
            ),
            entered AS (
                UPDATE delivery_queue q SET fifo = true, position = p.position
                FROM placed p WHERE q.delivery_id = p.delivery_id
            ),
            left_order AS (
                UPDATE delivery_queue q SET fifo = false, position = NULL
                WHERE $16 = 'concurrent' AND q.tenant_id = $1 AND q.webhook_id = $3 AND q.fifo AND EXISTS (SELECT FROM w)
            )
            SELECT * FROM w
            """,
            [tenantId, chatbotId, id, settings.name, settings.url, settings.eventTypes, settings.isActive,
             settings.signatureScheme, settings.maxRetries, settings.retryDelayMilliseconds, settings.timeoutMilliseconds,
             settings.maxConcurrency, HeadersColumn.text(settings.headers), settings.payloadFormat.rawValue,
             Self.scheduleColumn(settings), settings.ordering.rawValue, settings.rateLimit])
            .first.map(Self.webhook)
    }

    /// Clears an automatic disable (the owner explicitly re-enabled the webhook).
    public func clearDisable(tenantId: UUID, chatbotId: UUID, id: UUID) throws {
        _ = try connection.execute(
            """
            UPDATE webhooks SET disabled_reason = NULL, disabled_at = NULL, failing_since = NULL, updated_at = now()
            WHERE tenant_id = $1 AND chatbot_id = $2 AND id = $3
            """,
            [tenantId, chatbotId, id])
    }

    /// Deletes a webhook and its deliveries; `false` when there was none.
    public func delete(tenantId: UUID, chatbotId: UUID, id: UUID) throws -> Bool {
        // Its deliveries go first: a dispatcher recording outcomes locks delivery rows and then the webhook's row,
        // so deleting the webhook first (which locks it, then cascades to the deliveries) could deadlock with it.
        try connection.execute(
            """
            DELETE FROM deliveries d USING webhooks w
            WHERE w.tenant_id = $1 AND w.chatbot_id = $2 AND w.id = $3 AND d.tenant_id = w.tenant_id AND d.webhook_id = w.id
            """, [tenantId, chatbotId, id])
        return try connection.execute("DELETE FROM webhooks WHERE tenant_id = $1 AND chatbot_id = $2 AND id = $3",
                                      [tenantId, chatbotId, id]) == 1
    }

    /// Makes `secretCiphertext` the signing secret (with `publicKey`, for a private key); the current one keeps
    /// signing until `previousExpiresAt`.
    public func rotateSecret(tenantId: UUID, chatbotId: UUID, id: UUID, secretCiphertext: [UInt8], secretHint: String,
                             publicKey: String? = nil, previousExpiresAt: Date) throws -> Webhook? {
        try connection.query(
            """
            UPDATE webhooks SET previous_secret_ciphertext = secret_ciphertext, previous_secret_expires_at = $6,
                secret_ciphertext = $4, secret_hint = $5, public_key = $7, updated_at = now()
            WHERE tenant_id = $1 AND chatbot_id = $2 AND id = $3
            RETURNING \(Self.columns)
            """,
            [tenantId, chatbotId, id, secretCiphertext, secretHint, previousExpiresAt, publicKey]).first.map(Self.webhook)
    }

    /// The `retry_schedule_ms` value of `settings`: NULL when it has no schedule.
    private static func scheduleColumn(_ settings: WebhookSettings) -> [Int]? {
        settings.retryScheduleMilliseconds.isEmpty ? nil : settings.retryScheduleMilliseconds
    }

    static func webhook(_ row: PostgresRow) throws -> Webhook {
        let settings = WebhookSettings(
            name: try row.decode(3), url: try row.decode(4), eventTypes: try row.decode(5), isActive: try row.decode(6),
            signatureScheme: try row.decode(7), payloadFormat: try payloadFormat(row, 25),
            maxRetries: try row.decode(8), retryDelayMilliseconds: try row.decode(9),
            retryScheduleMilliseconds: try row.decode(26, as: [Int]?.self) ?? [],
            timeoutMilliseconds: try row.decode(10), maxConcurrency: try row.decode(11),
            headers: HeadersColumn.headers(fromText: try row.decode(12)),
            ordering: try ordering(row, 28), rateLimit: try row.decode(29, as: Int?.self))
        return Webhook(
            id: try row.decode(0), tenantId: try row.decode(1), chatbotId: try row.decode(2), settings: settings,
            secretCiphertext: try row.decode(13), secretHint: try row.decode(14),
            previousSecretCiphertext: try row.decode(15), previousSecretExpiresAt: try row.decode(16),
            successCount: try row.decode(17), failureCount: try row.decode(18), lastTriggeredAt: try row.decode(19),
            lastSuccessAt: try row.decode(20), lastFailureAt: try row.decode(21), disabledReason: try row.decode(22),
            createdAt: try row.decode(23), updatedAt: try row.decode(24), publicKey: try row.decode(27))
    }

    /// A stored ordering; the column's check allows only the names this build knows.
    static func ordering(_ row: PostgresRow, _ column: Int) throws -> WebhookOrdering {
        let name = try row.decode(column, as: String.self)
        guard let ordering = WebhookOrdering(rawValue: name) else {
            throw StorageError.corrupt("unknown ordering \"\(name)\"")
        }
        return ordering
    }

    /// A stored format name; an unknown one is corruption (nothing writes it), not a reason to send a default.
    static func payloadFormat(_ row: PostgresRow, _ column: Int) throws -> PayloadFormat {
        let name = try row.decode(column, as: String.self)
        guard let format = PayloadFormat(rawValue: name) else {
            throw StorageError.corrupt("unknown payload format \"\(name)\"")
        }
        return format
    }
}
