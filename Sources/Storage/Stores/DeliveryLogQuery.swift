import Foundation
import Postgres

/// The statement of one page of a webhook's delivery log, chosen by its filter so that the page costs what it holds,
/// not the webhook's history (migration 0022, docs/history-benchmark.md).
///
/// Each filter reads an index whose order is the log's (creation time, then id, newest first) and whose range holds
/// only the rows the filter can match, from the cursor on, until the page is full:
/// - no filter, or `succeeded`: the webhook's deliveries (`deliveries_webhook_idx`);
/// - an event type (alone or with `succeeded`): the webhook's deliveries of that type (`deliveries_webhook_type_idx`);
/// - `pending`: the webhook's queue rows (`delivery_queue_webhook_idx`), the type checked on each;
/// - `failed`: the webhook's failure rows (`delivery_failures`), of the type when one is asked.
///
/// `succeeded` is checked on each delivery of the range: it is nearly every delivery, and an index naming `status`
/// would cost every completion its HOT update. A page of `succeeded` on a webhook that mostly fails therefore reads
/// past its failures.
///
/// The time range has open ends (`-infinity`, `infinity`) rather than optional conditions, so it is always the
/// scan's start and stop, also under a generic plan. The caller leaves the planner index paths only
/// (``PostgresConnection/useIndexPathsOnly()``), so a plan made with stale statistics cannot read the whole log or
/// queue. No bound is written as a row comparison (`(webhook_id, created_at) >= (...)`): on an index with a
/// descending column PostgreSQL truncates such a bound, and then no longer stops the scan at the end of the equal
/// keys (a missing event type read 220,000 index entries of the types after it).
struct DeliveryLogQuery {
    /// The SQL text: one statement per filter shape, so the prepared statements stay few.
    let sql: String
    /// Its parameters.
    let parameters: [any PostgresEncodable]

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
        let type = eventType.map(parameter)
        switch status {
        case .pending:
            from = "delivery_queue k JOIN deliveries d ON d.id = k.delivery_id AND d.tenant_id = k.tenant_id"
            (key, id) = ("k", "delivery_id")
            conditions.append("d.status = 'pending'")
            if let type { conditions.append("d.event_type = \(type)") }
        case .failed:
            from = "delivery_failures k JOIN deliveries d ON d.id = k.delivery_id AND d.tenant_id = k.tenant_id"
            (key, id) = ("k", "delivery_id")
            conditions.append("d.status = 'failed'")
            if let type { conditions.append("k.event_type = \(type)") }
        case .succeeded, nil:
            from = "deliveries d"
            (key, id) = ("d", "id")
            if status == .succeeded { conditions.append("d.status = 'succeeded'") }
            if let type { conditions.append("d.event_type = \(type)") }
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
        sql = """
            SELECT \(DeliveryLogStore.columns)
            FROM \(from) JOIN events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
            WHERE \(conditions.joined(separator: "\n  AND "))
            ORDER BY \(key).created_at DESC, \(key).\(id) DESC
            LIMIT $3
            """
        self.parameters = parameters
    }
}
