import Foundation
import Postgres

/// The statement of one page of a webhook's delivery log, chosen by its filter so that the page costs what it holds,
/// not the webhook's history (migration 0022, docs/history-benchmark.md).
///
/// Each filter reads an index whose order is the log's (creation time, then id, newest first) and whose range holds
/// only the rows the filter can match, from the cursor on:
/// - no filter: the webhook's deliveries (`deliveries_webhook_idx`);
/// - an event type: the webhook's deliveries of that type (`deliveries_webhook_type_idx`);
/// - `failed`: the webhook's failure rows (`delivery_failures`), of the type when one is asked;
/// - `succeeded`: the webhook's deliveries (of the type when one is asked), the status checked on each;
/// - `pending`: the webhook's queue rows (`delivery_queue_webhook_idx`), the type checked on each when one is asked.
///
/// The first three read until the page is full. The last two check a condition on each entry they read: no
/// index can hold `succeeded` (an index naming `status` would cost every completion its HOT update), and the queue
/// has no index by type. They read at most ``scanLimit`` entries per page, so a page of `succeeded` on a webhook that
/// mostly fails stops after that many failures: it answers the matches found, possibly none, and a cursor that goes on
/// from the last entry read (the scan, then ``rowsSQL``).
///
/// The time range has open ends (`-infinity`, `infinity`) rather than optional conditions, so it is always the
/// scan's start and stop, also under a generic plan. The caller leaves the planner index paths only
/// (``PostgresConnection/useIndexPathsOnly()``), so a plan made with stale statistics cannot read the whole log or
/// queue. No bound is written as a row comparison (`(webhook_id, created_at) >= (...)`): on an index with a
/// descending column PostgreSQL truncates such a bound, and then no longer stops the scan at the end of the equal
/// keys (a missing event type read 220,000 index entries of the types after it).
struct DeliveryLogQuery {
    /// The most log entries a page of a filter checked on each entry reads.
    static let scanLimit = 1_000

    /// The SQL text: one statement per filter shape, so the prepared statements stay few. For a filter checked on
    /// each entry, the scan (``scanSQL``); otherwise the page's rows (``DeliveryLogStore/columns``).
    let sql: String
    /// Its parameters.
    let parameters: [any PostgresEncodable]
    /// The status of the deliveries a scan answers, or `nil` when `sql` answers the page's rows.
    let scannedStatus: DeliveryStatus?

    /// The page of tenant `tenantId`'s webhook `webhookId` after `cursor` (from the newest without one), `rows` rows
    /// at most, of `status` and canonical `eventType` when given, created from `since` (included) to `until`
    /// (excluded) when given.
    init(tenantId: UUID, webhookId: UUID, status: DeliveryStatus?, eventType: String?, since: Date?, until: Date?,
         after cursor: DeliveryLogCursor?, rows: Int) {
        var parameters: [any PostgresEncodable] = [tenantId, webhookId, rows, since, until]
        func parameter(_ value: any PostgresEncodable) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        // `key` is the table whose index is read: its creation time and id are the log's order.
        let from: String, key: String, id: String
        var conditions: [String] = []
        var residual: String?
        let type = eventType.map(parameter)
        switch status {
        case .pending:
            from = "delivery_queue k JOIN deliveries d ON d.id = k.delivery_id AND d.tenant_id = k.tenant_id"
            (key, id) = ("k", "delivery_id")
            conditions.append("d.status = 'pending'")
            residual = type.map { "d.event_type = \($0)" }
        case .failed:
            from = "delivery_failures k JOIN deliveries d ON d.id = k.delivery_id AND d.tenant_id = k.tenant_id"
            (key, id) = ("k", "delivery_id")
            conditions.append("d.status = 'failed'")
            if let type { conditions.append("k.event_type = \(type)") }
        case .succeeded, nil:
            from = "deliveries d"
            (key, id) = ("d", "id")
            if let type { conditions.append("d.event_type = \(type)") }
            if status == .succeeded { residual = "d.status = 'succeeded'" }
        }
        conditions += [
            "\(key).webhook_id = $2", "\(key).tenant_id = $1", "d.tenant_id = $1",
            "\(key).created_at >= coalesce($4::timestamptz, '-infinity')",
            "\(key).created_at < coalesce($5::timestamptz, 'infinity')",
        ]
        if let cursor {
            let createdAt = parameter(cursor.createdAt), cursorId = parameter(cursor.id)
            conditions.append("(\(key).created_at, \(key).\(id)) < (\(createdAt)::timestamptz, \(cursorId)::uuid)")
        }
        let order = "ORDER BY \(key).created_at DESC, \(key).\(id) DESC"
        if let residual {
            sql = Self.scanSQL(from: from, key: key, id: id, conditions: conditions, residual: residual, order: order,
                               limit: parameter(Self.scanLimit))
        } else {
            sql = """
                SELECT \(DeliveryLogStore.columns)
                FROM \(from) JOIN events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
                WHERE \(conditions.joined(separator: "\n  AND "))
                \(order)
                LIMIT $3
                """
        }
        self.parameters = parameters
        scannedStatus = residual == nil ? nil : status
    }

    /// Reads at most `limit` entries of the range in the log's order and answers, for each of the first `$3` that
    /// match `residual`, its id, creation time as text, `true` and its place in the scan; and the `limit`-th entry
    /// read, if the scan gets that far: where the next page starts.
    ///
    /// Every step streams (the numbering follows the index's order, and no step sorts), so a page that fills stops
    /// the scan at its last match. The caller orders the answer by place.
    private static func scanSQL(from: String, key: String, id: String, conditions: [String], residual: String,
                                order: String, limit: String) -> String {
        """
        SELECT id, stamp, matches, n FROM (
            SELECT \(key).\(id) AS id, \(key).created_at::text AS stamp, (\(residual)) AS matches,
                   row_number() OVER (\(order) ROWS UNBOUNDED PRECEDING) AS n
            FROM \(from)
            WHERE \(conditions.joined(separator: "\n      AND "))
            \(order)
            LIMIT \(limit)
        ) scanned
        WHERE matches OR n = \(limit)
        LIMIT $3
        """
    }

    /// The rows of the deliveries a scan found: `$1` tenant, `$2` webhook, `$3` their ids, `$4` the status, checked
    /// again (a delivery may have moved on between the two statements; its type never changes). In no particular
    /// order: an `ORDER BY` here could be served by reading the webhook's whole log in order, which the planner
    /// settings favour over a sort; the caller orders them as the scan did.
    static let rowsSQL = """
        SELECT \(DeliveryLogStore.columns)
        FROM deliveries d JOIN events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
        WHERE d.tenant_id = $1 AND d.id = ANY ($3::uuid[]) AND d.webhook_id = $2 AND d.status = $4
        """
}
