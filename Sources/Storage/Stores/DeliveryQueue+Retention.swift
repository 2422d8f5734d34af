public import Foundation
public import WebhookCore

extension DeliveryQueue {
    /// Retention days per plan, from the plan table.
    public static var planRetentionDays: [Plan: Int] { PlanLimits.table.mapValues(\.logRetentionDays) }

    /// Deletes finished deliveries (their attempts cascade) created longer ago than their tenant's plan keeps
    /// delivery logs, then events older than the longest retention that have no delivery left. Pending
    /// deliveries are never deleted. Works in batches of `batchSize` rows, one statement each; call it outside a
    /// transaction (`database.read`) so each batch commits on its own and locks stay short.
    ///
    /// - Parameter retentionDays: Days of log retention per plan; by default the plan table's.
    @discardableResult
    public func purgeExpired(now: Date, retentionDays: [Plan: Int] = DeliveryQueue.planRetentionDays,
                             batchSize: Int = 1_000) throws -> PurgeResult {
        let plans = retentionDays.sorted { $0.key.rawValue < $1.key.rawValue }
        guard let longest = plans.map(\.value).max() else {
            return PurgeResult(deliveries: 0, events: 0)
        }
        let batch = max(1, batchSize)
        var deliveries = 0
        while true {
            // Webhook by webhook, each through its own range of deliveries_webhook_idx older than its tenant's
            // retention: a batch costs the rows it deletes plus one index probe per webhook, however much history
            // is kept (a scan by creation time read every younger row of the longer-kept tenants first).
            let deleted = try connection.transaction { connection in
                try connection.useIndexPathsOnly()
                return try connection.execute(Self.purgeDeliveriesSQL,
                                              [now, plans.map(\.key.rawValue), plans.map { Int64($0.value) }, batch])
            }
            deliveries += deleted
            if deleted < batch { break }
        }
        var events = 0
        while true {
            let deleted = try connection.execute(
                """
                WITH doomed AS (
                    SELECT e.id FROM events e
                    WHERE e.occurred_at < $1 - make_interval(days => $2::int)
                      AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)
                    LIMIT $3
                    FOR UPDATE OF e SKIP LOCKED
                )
                DELETE FROM events e USING doomed WHERE e.id = doomed.id
                """,
                [now, Int64(longest), batch])
            events += deleted
            if deleted < batch { break }
        }
        return PurgeResult(deliveries: deliveries, events: events)
    }

    /// One batch of ``purgeExpired(now:retentionDays:batchSize:)``: at most `$4` finished deliveries created before
    /// `$1` minus their tenant's plan's retention (`$2` plans, `$3` days), locked and deleted.
    static let purgeDeliveriesSQL = """
        WITH retention AS (
            SELECT * FROM unnest($2::text[], $3::int8[]) AS r(plan, days)
        ),
        doomed AS (
            SELECT x.id FROM webhooks w
            JOIN subscriptions s ON s.tenant_id = w.tenant_id
            JOIN retention r ON r.plan = s.plan
            CROSS JOIN LATERAL (
                SELECT d.id FROM deliveries d
                WHERE d.webhook_id = w.id AND d.tenant_id = w.tenant_id
                  AND d.created_at < $1 - make_interval(days => r.days::int)
                  AND d.status <> 'pending'
                LIMIT $4
                FOR UPDATE OF d SKIP LOCKED
            ) x
            LIMIT $4
        )
        DELETE FROM deliveries d USING doomed WHERE d.id = doomed.id
        """
}
