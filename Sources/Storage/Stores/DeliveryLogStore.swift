public import Foundation
import Postgres
import WebhookCore

/// The delivery log of a webhook: its deliveries, newest first, and each delivery's attempts. Always scoped by
/// tenant: another tenant's ids read as absent.
public struct DeliveryLogStore {
    let connection: PostgresConnection

    /// The most rows one page holds.
    public static let maxPageSize = 500

    /// The columns ``record(_:data:)`` decodes, over `deliveries d` joined with `events e`.
    static let columns = """
        d.id, d.tenant_id, d.webhook_id, d.event_id, e.chatbot_id, d.event_type, d.is_test, d.status,
        d.attempt_count, d.next_attempt_at, d.last_status_code, d.last_error, e.occurred_at, d.created_at,
        d.updated_at, d.completed_at, d.created_at::text
        """

    /// One page of the webhook's deliveries, newest first (by creation, then id), optionally only those with
    /// `status`, of canonical `eventType`, and created at or after `since` and before `until`. Pass the returned
    /// `nextCursor` to get the following page; it is `nil` on the last page. `limit` is clamped to 1...``maxPageSize``.
    ///
    /// - Throws: ``DeliveryLogError/invalidCursor`` for a cursor this store did not issue.
    public func list(tenantId: UUID, webhookId: UUID, status: DeliveryStatus? = nil, eventType: String? = nil,
                     since: Date? = nil, until: Date? = nil,
                     limit: Int, cursor: String? = nil) throws -> (items: [DeliveryRecord], nextCursor: String?) {
        let pageSize = min(max(limit, 1), Self.maxPageSize)
        let query = DeliveryLogQuery(
            tenantId: tenantId, webhookId: webhookId, status: status, eventType: eventType, since: since, until: until,
            after: try cursor.map { try DeliveryLogCursor(encoded: $0) }, rows: pageSize + 1)
        let rows = try connection.transaction { connection in
            try connection.useIndexPathsOnly()
            return try connection.query(query.sql, query.parameters)
        }
        let page = rows.prefix(pageSize)
        let items = try page.map { try Self.record($0, data: nil) }
        guard rows.count > pageSize, let last = page.last, let item = items.last else { return (items, nil) }
        let next = DeliveryLogCursor(createdAt: try last.decode(16), id: item.id)
        return (items, next.encoded)
    }

    /// The tenant's delivery `deliveryId` of webhook `webhookId`, with the event's data and every attempt in
    /// order, or `nil`.
    public func find(tenantId: UUID, webhookId: UUID, deliveryId: UUID) throws -> (DeliveryRecord, [AttemptRecord])? {
        let rows = try connection.query(
            """
            SELECT \(Self.columns), e.data
            FROM deliveries d JOIN events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
            WHERE d.tenant_id = $1 AND d.webhook_id = $2 AND d.id = $3
            """,
            [tenantId, webhookId, deliveryId])
        guard let row = rows.first else { return nil }
        let record = try Self.record(row, data: try row.decode(17))
        let attempts = try connection.query(
            """
            SELECT attempt_number, started_at, duration_ms, status_code, error, response_body, request_headers,
                   request_format, request_dashboard_url
            FROM delivery_attempts WHERE tenant_id = $1 AND delivery_id = $2
            ORDER BY attempt_number
            """,
            [tenantId, deliveryId]
        ).map { row in
            AttemptRecord(attemptNumber: try row.decode(0), startedAt: try row.decode(1), durationMs: try row.decode(2),
                          statusCode: try row.decode(3), error: try row.decode(4), responseBody: try row.decode(5),
                          request: try Self.request(row))
        }
        return (record, attempts)
    }

    /// Decodes an attempt's request (columns 6 to 8); `nil` when none was logged.
    static func request(_ row: PostgresRow) throws -> AttemptRequest? {
        guard let headers: String = try row.decode(6), let formatName: String = try row.decode(7) else { return nil }
        guard let format = PayloadFormat(rawValue: formatName) else {
            throw StorageError.corrupt("attempt payload format \(formatName)")
        }
        return AttemptRequest(headers: AttemptRequest.headers(stored: headers), payloadFormat: format,
                              dashboardURL: try row.decode(8))
    }

    /// Decodes ``columns``.
    static func record(_ row: PostgresRow, data: String?) throws -> DeliveryRecord {
        let statusText: String = try row.decode(7)
        guard let status = DeliveryStatus(rawValue: statusText) else {
            throw StorageError.corrupt("delivery status \(statusText)")
        }
        return DeliveryRecord(
            id: try row.decode(0), tenantId: try row.decode(1), webhookId: try row.decode(2), eventId: try row.decode(3),
            chatbotId: try row.decode(4), eventType: try row.decode(5), isTest: try row.decode(6), status: status,
            attemptCount: try row.decode(8), nextAttemptAt: status == .pending ? try row.decode(9) : nil,
            lastStatusCode: try row.decode(10), lastError: try row.decode(11), occurredAt: try row.decode(12),
            createdAt: try row.decode(13), updatedAt: try row.decode(14), completedAt: try row.decode(15), data: data)
    }
}
