public import Foundation
import Postgres

extension DeliveryQueue {
    /// Makes a finished (succeeded or failed) delivery of the tenant's webhook pending again, due at `now`, with a
    /// fresh retry budget: `attempt_count` keeps counting (attempt numbers stay unique), and `budget_start`
    /// records where the new budget begins. Returns `false` when there is no such finished delivery for this
    /// tenant and webhook (unknown, another tenant's, or still pending).
    public func redeliver(tenantId: UUID, webhookId: UUID, deliveryId: UUID, now: Date) throws -> Bool {
        try requeue(tenantId: tenantId, webhookId: webhookId,
                    matching: "id = $3 AND status IN ('succeeded', 'failed')", deliveryId, now: now) == 1
    }

    /// Makes every `failed` delivery of the tenant's webhook created at or after `since` pending again, due at
    /// `now`, each with a fresh retry budget as in ``redeliver(tenantId:webhookId:deliveryId:now:)``. Returns how
    /// many were re-queued.
    public func replay(tenantId: UUID, webhookId: UUID, since: Date, now: Date) throws -> Int {
        // Driven by the webhook's failures (delivery_failures), so the cost is what it re-queues, not the history.
        try requeue(tenantId: tenantId, webhookId: webhookId,
                    matching: """
                        status = 'failed' AND id = ANY (ARRAY(
                            SELECT f.delivery_id FROM delivery_failures f
                            WHERE f.webhook_id = $2 AND f.tenant_id = $1 AND f.created_at >= $3))
                        """, since, now: now)
    }

    /// Makes the tenant's webhook's deliveries that match `condition` (SQL over `deliveries`, with `$3` bound to
    /// `value`) pending again, due at `now`, with a fresh retry budget, queues them and wakes the dispatchers.
    /// Returns how many were re-queued.
    private func requeue(tenantId: UUID, webhookId: UUID, matching condition: String,
                         _ value: any PostgresEncodable, now: Date) throws -> Int {
        let rows = try connection.query(
            """
            WITH requeued AS (
                UPDATE deliveries
                SET status = 'pending', next_attempt_at = $4, completed_at = NULL, budget_start = attempt_count,
                    updated_at = $4
                WHERE tenant_id = $1 AND webhook_id = $2 AND \(condition)
                RETURNING id, tenant_id, webhook_id, is_test, created_at
            ),
            -- a fifo webhook's requeued deliveries take their places at the end of its order, oldest first
            queued AS (
                INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, fifo, position,
                                            created_at)
                SELECT r.id, r.tenant_id, r.webhook_id, r.is_test, $4, f.fifo,
                       CASE WHEN f.fifo THEN nextval('delivery_queue_position_seq') END, r.created_at
                FROM requeued r CROSS JOIN LATERAL (
                    SELECT NOT r.is_test AND w.ordering = 'fifo' AS fifo FROM webhooks w
                    WHERE w.tenant_id = r.tenant_id AND w.id = r.webhook_id
                ) f
                ORDER BY r.created_at, r.id
                ON CONFLICT (delivery_id) DO UPDATE SET due_at = excluded.due_at, lease_owner = NULL,
                    fifo = excluded.fifo, position = excluded.position
            ),
            -- a failure row goes with the failure (migration 0022); a succeeded delivery has none
            unfailed AS (
                DELETE FROM delivery_failures f USING requeued r
                WHERE f.webhook_id = r.webhook_id AND f.created_at = r.created_at AND f.delivery_id = r.id
            ),
            counted AS (SELECT count(*) AS n FROM requeued)
            SELECT n, (SELECT count(*) FROM (SELECT pg_notify($5, '') FROM counted WHERE n > 0) notified) FROM counted
            """,
            [tenantId, webhookId, value, now, EventStore.notificationChannel])
        return try rows.first?.decode(0, as: Int.self) ?? 0
    }
}
