import Postgres
import WebhookCore

/// The columns a leased delivery is read from, in order, and their decoder: the one place that says what a row
/// of a ``ClaimedDelivery`` holds. The claim, the test send's enqueue and the publish statement select
/// ``selectList``; ``delivery(from:)`` reads such a row back.
///
/// The expressions read the delivery as `c` (its `attempt_count` before this attempt), its queue row as `k`
/// (`due_at` being the lease's end), its event as `e` and its webhook as `w`.
enum ClaimedDeliveryColumn: Int, CaseIterable {
    case id, tenantId, webhookId, eventId, eventType, isTest, attemptNumber, budgetAttempt, leaseExpiresAt
    case chatbotId, data, occurredAt
    case url, signatureScheme, payloadFormat, secretCiphertext, previousSecretCiphertext, previousSecretExpiresAt, headers
    case timeoutMs, maxRetries, retryDelayMs, retryScheduleMs, maxConcurrency, isFifo, rateLimit

    /// The SQL expression the column is selected as.
    var expression: String {
        switch self {
        case .id: "c.id"
        case .tenantId: "c.tenant_id"
        case .webhookId: "c.webhook_id"
        case .eventId: "c.event_id"
        case .eventType: "c.event_type"
        case .isTest: "c.is_test"
        case .attemptNumber: "c.attempt_count + 1"
        case .budgetAttempt: "c.attempt_count + 1 - c.budget_start"
        case .leaseExpiresAt: "k.due_at"
        case .chatbotId: "e.chatbot_id"
        case .data: "e.data"
        case .occurredAt: "e.occurred_at"
        case .url: "w.url"
        case .signatureScheme: "w.signature_scheme"
        case .payloadFormat: "w.payload_format"
        case .secretCiphertext: "w.secret_ciphertext"
        case .previousSecretCiphertext: "w.previous_secret_ciphertext"
        case .previousSecretExpiresAt: "w.previous_secret_expires_at"
        case .headers: "w.headers::text"
        case .timeoutMs: "w.timeout_ms"
        case .maxRetries: "w.max_retries"
        case .retryDelayMs: "w.retry_delay_ms"
        case .retryScheduleMs: "w.retry_schedule_ms"
        case .maxConcurrency: "w.max_concurrency"
        case .isFifo: "w.ordering = 'fifo'"
        case .rateLimit: "w.rate_limit"
        }
    }

    /// Every column's expression, in order: a `SELECT` list.
    static let selectList = allCases.map(\.expression).joined(separator: ", ")

    /// A `NULL` in place of each column, for rows of another kind in a `UNION` with ``selectList``.
    static let nullList = allCases.map { _ in "NULL" }.joined(separator: ", ")

    /// How many columns there are: the position of a column selected after them.
    static let count = allCases.count

    /// The delivery in a row whose first columns are ``selectList``.
    static func delivery(from row: PostgresRow) throws -> ClaimedDelivery {
        ClaimedDelivery(
            id: try row.decode(Self.id.rawValue), tenantId: try row.decode(Self.tenantId.rawValue),
            webhookId: try row.decode(Self.webhookId.rawValue), eventId: try row.decode(Self.eventId.rawValue),
            eventType: try row.decode(Self.eventType.rawValue), isTest: try row.decode(Self.isTest.rawValue),
            attemptNumber: try row.decode(Self.attemptNumber.rawValue),
            budgetAttempt: try row.decode(Self.budgetAttempt.rawValue),
            leaseExpiresAt: try row.decode(Self.leaseExpiresAt.rawValue),
            chatbotId: try row.decode(Self.chatbotId.rawValue), data: try row.decode(Self.data.rawValue),
            occurredAt: try row.decode(Self.occurredAt.rawValue), url: try row.decode(Self.url.rawValue),
            signatureScheme: try scheme(in: row),
            payloadFormat: try WebhookStore.payloadFormat(row, Self.payloadFormat.rawValue),
            secretCiphertext: try row.decode(Self.secretCiphertext.rawValue),
            previousSecretCiphertext: try row.decode(Self.previousSecretCiphertext.rawValue),
            previousSecretExpiresAt: try row.decode(Self.previousSecretExpiresAt.rawValue),
            headers: HeadersColumn.headers(fromText: try row.decode(Self.headers.rawValue)),
            timeoutMs: try row.decode(Self.timeoutMs.rawValue),
            maxRetries: try row.decode(Self.maxRetries.rawValue), retryDelayMs: try row.decode(Self.retryDelayMs.rawValue),
            retryScheduleMs: try row.decode(Self.retryScheduleMs.rawValue, as: [Int]?.self) ?? [],
            maxConcurrency: try row.decode(Self.maxConcurrency.rawValue),
            isFifo: try row.decode(Self.isFifo.rawValue), rateLimit: try row.decode(Self.rateLimit.rawValue, as: Int?.self))
    }

    /// The webhook's signature scheme; the column's check constraint allows only the names this build knows.
    private static func scheme(in row: PostgresRow) throws -> SignatureScheme {
        let name = try row.decode(Self.signatureScheme.rawValue, as: String.self)
        guard let scheme = SignatureScheme(rawValue: name) else {
            throw StorageError.corrupt("unknown signature scheme \"\(name)\"")
        }
        return scheme
    }
}
