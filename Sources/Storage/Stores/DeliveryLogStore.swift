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
    /// A page of `succeeded`, or of `pending` of one type, reads at most ``DeliveryLogQuery/scanLimit`` deliveries:
    /// when they hold fewer matches than `limit`, the page holds those (possibly none) and `nextCursor` goes on from
    /// the last delivery read. So a page may be short, or empty, and still not be the last.
    ///
    /// - Throws: ``DeliveryLogError/invalidCursor`` for a cursor this store did not issue.
    public func list(tenantId: UUID, webhookId: UUID, status: DeliveryStatus? = nil, eventType: String? = nil,
                     since: Date? = nil, until: Date? = nil,
                     limit: Int, cursor: String? = nil) throws -> (items: [DeliveryRecord], nextCursor: String?) {
        let pageSize = min(max(limit, 1), Self.maxPageSize)
        let query = DeliveryLogQuery(
            tenantId: tenantId, webhookId: webhookId, status: status, eventType: eventType, since: since, until: until,
            after: try cursor.map { try DeliveryLogCursor(encoded: $0) }, rows: pageSize + 1)
        return try connection.transaction { connection in
            try connection.useIndexPathsOnly()
            let rows = try connection.query(query.sql, query.parameters)
            if let scanned = query.scannedStatus {
                return try scannedPage(rows, status: scanned, tenantId: tenantId, webhookId: webhookId,
                                       pageSize: pageSize, connection: connection)
            }
            let page = rows.prefix(pageSize)
            let items = try page.map { try Self.record($0, data: nil) }
            guard rows.count > pageSize, let last = page.last, let item = items.last else { return (items, nil) }
            return (items, DeliveryLogCursor(createdAt: try last.decode(16), id: item.id).encoded)
        }
    }

    /// The page of a bounded scan's answer (``DeliveryLogQuery``: the matches and maybe the last delivery the scan
    /// may read, each with its place in the scan): the matches' rows in the scan's order, and the cursor after the
    /// page's last row, or after the last delivery read when the scan stopped short of a full page.
    private func scannedPage(_ rows: PostgresRows, status: DeliveryStatus, tenantId: UUID, webhookId: UUID,
                             pageSize: Int, connection: PostgresConnection) throws
        -> (items: [DeliveryRecord], nextCursor: String?) {
        var found: [(place: Int, entry: DeliveryLogCursor)] = []
        var lastRead: DeliveryLogCursor?
        for row in rows {
            let entry = DeliveryLogCursor(createdAt: try row.decode(1), id: try row.decode(0))
            let place: Int = try row.decode(3)
            if try row.decode(2, as: Bool.self) { found.append((place, entry)) }
            if place == DeliveryLogQuery.scanLimit { lastRead = entry }
        }
        found.sort { $0.place < $1.place }
        let page = found.prefix(pageSize).map(\.entry)
        var records: [UUID: DeliveryRecord] = [:]
        if !page.isEmpty {
            for row in try connection.query(DeliveryLogQuery.rowsSQL,
                                            [tenantId, webhookId, page.map(\.id), status.rawValue]) {
                let record = try Self.record(row, data: nil)
                records[record.id] = record
            }
        }
        let items = page.compactMap { records[$0.id] }
        let next = found.count > pageSize ? page.last : lastRead
        return (items, next?.encoded)
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
