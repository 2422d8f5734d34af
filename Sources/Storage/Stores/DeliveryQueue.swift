public import Foundation
import Postgres
public import WebhookCore

/// The delivery queue: one `delivery_queue` row per pending delivery, leased to workers by
/// ``claim(owner:limit:lease:now:)`` and settled by ``record(_:owner:now:autoDisableAfter:)``.
///
/// A claim sets the queue row's `lease_owner` and moves its `due_at` to the lease's end, so a worker that dies leaves
/// rows that simply become due again; no sweeper is needed. Claims never write `deliveries` (the log); settling
/// writes only its unindexed columns (see migration 0007). Several workers share the queue through
/// `FOR UPDATE SKIP LOCKED`. Every method is one statement (``purgeExpired(now:retentionDays:batchSize:)`` one per
/// batch; the claim's and the write of outcomes run in a transaction of their own, for a planner setting), so it can
/// run outside a transaction (`database.read`); times come from the caller's clock.
public struct DeliveryQueue {
    let connection: PostgresConnection

    /// How long a webhook may fail without one success before it is disabled automatically, by default.
    public static let defaultAutoDisableAfter: Duration = .seconds(5 * 86_400)

    /// Retention days per plan, from the plan table.
    public static var planRetentionDays: [Plan: Int] { PlanLimits.table.mapValues(\.logRetentionDays) }

    /// The claim statement: `$1` owner, `$2` now, `$3` limit, `$4` lease end. The due rows are found through
    /// `delivery_queue_due_idx` (queue rows by `due_at`), read in order until `$3` are found.
    /// The webhook's state is checked by an `EXISTS` under an `OR`, which PostgreSQL cannot turn into a join: as a
    /// join, the planner misjudged how many rows survive it (two correlated join columns) and sorted the whole
    /// backlog on every claim (100 ms with 50,000 queued, instead of 1 ms).
    /// The found rows are leased through their row addresses (`ctid`, locked by the same statement), not by joining
    /// them back to the queue: planned with statistics of a near-empty queue (see ``recordSQL``), that join read the
    /// whole queue once per claimed row (7 s per claim with 100,000 queued). A row changed by a transaction that
    /// committed after the claim began, but before the claim locked it, is locked in a version the claim's snapshot
    /// cannot see through its address: it is not leased and stays due for the next claim. The rows come back in the
    /// order their attempts were due (`next_attempt_at`, the time the queue row had before a lease moved it).
    static let claimSQL = """
        WITH due AS (
            SELECT q.ctid AS row_id
            FROM delivery_queue q
            WHERE q.due_at <= $2
              AND (q.is_test OR EXISTS (
                    SELECT FROM webhooks w JOIN subscriptions s ON s.tenant_id = w.tenant_id
                    WHERE w.tenant_id = q.tenant_id AND w.id = q.webhook_id
                      AND w.is_active AND w.disabled_reason IS NULL
                      AND (s.plan = 'scale' OR s.webhooks_addon_status = 'active')))
            ORDER BY q.due_at
            LIMIT $3
            FOR UPDATE OF q SKIP LOCKED
        ),
        k AS (
            UPDATE delivery_queue q SET lease_owner = $1, due_at = $4
            WHERE q.ctid = ANY(ARRAY(SELECT row_id FROM due))
            RETURNING q.delivery_id, q.due_at
        )
        SELECT \(ClaimedDeliveryColumn.selectList)
        FROM k
        JOIN deliveries c ON c.id = k.delivery_id
        JOIN events e ON e.id = c.event_id
        JOIN webhooks w ON w.id = c.webhook_id
        ORDER BY c.next_attempt_at, c.id
        """

    /// Leases up to `limit` due deliveries to `owner` until `now + lease` and returns them, oldest due first, with
    /// the event and webhook fields the sender needs, in one round trip.
    ///
    /// A delivery is due when its queue row's `due_at` (its retry time, or the end of an expired lease) has come.
    /// Deliveries of a webhook that is paused or disabled, or whose tenant lacks the webhooks feature, are not
    /// claimed: they wait until the webhook is resumed. Test sends are claimed whatever the
    /// webhook's state, since someone asked for them explicitly.
    public func claim(owner: String, limit: Int, lease: Duration, now: Date) throws -> [ClaimedDelivery] {
        guard limit > 0 else { return [] }
        // The due rows must be read in index order, never sorted: on a queue the planner's estimate of pending rows
        // is often far too low (the table changes faster than statistics follow; a fresh install is never analysed
        // before its first burst), and with a low estimate it prefers to fetch and sort every pending row, which
        // costs tens of milliseconds per claim with 50,000 queued. So sorting is ruled out for this statement, and
        // so are sequential scans: a plan cached while the queue was a page or two would otherwise lease the found
        // rows by reading the whole queue once it has grown.
        let rows = try connection.transaction { connection in
            try connection.execute(
                "SELECT set_config('enable_sort', 'off', true), set_config('enable_seqscan', 'off', true)")
            return try connection.query(Self.claimSQL, [owner, now, limit, now.addingTimeInterval(lease.timeInterval)])
        }
        return try rows.map(ClaimedDeliveryColumn.delivery)
    }

    /// Queues a test send (`webhook.test`) to one of the tenant's webhooks, already leased to `owner`, so the
    /// caller can send it at once and ``record(_:owner:now:autoDisableAfter:)`` its outcome; if the caller dies,
    /// the lease runs out and a dispatcher sends it. Works whether or not the webhook is active; gating is the
    /// caller's. Returns `nil` when the tenant has no such webhook.
    public func enqueueTest(tenantId: UUID, webhookId: UUID, data: String, occurredAt: Date, owner: String,
                            lease: Duration, now: Date) throws -> ClaimedDelivery? {
        let rows = try connection.query(
            """
            WITH w AS (
                SELECT * FROM webhooks WHERE tenant_id = $1 AND id = $2
            ),
            e AS (
                INSERT INTO events (tenant_id, chatbot_id, type, data, occurred_at, deliveries_queued)
                SELECT w.tenant_id, w.chatbot_id, 'webhook.test', $3, $4, 1 FROM w
                RETURNING id, chatbot_id, data, occurred_at
            ),
            c AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, is_test, next_attempt_at,
                                        created_at, updated_at)
                SELECT $1, $2, e.id, 'webhook.test', true, $7, $7, $7 FROM e
                RETURNING id, tenant_id, webhook_id, event_id, event_type, is_test, attempt_count, budget_start
            ),
            k AS (
                INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, lease_owner)
                SELECT id, tenant_id, webhook_id, true, $6, $5 FROM c
                RETURNING due_at
            )
            SELECT \(ClaimedDeliveryColumn.selectList)
            FROM c, k, e, w
            """,
            [tenantId, webhookId, data, occurredAt, owner, now.addingTimeInterval(lease.timeInterval), now])
        return try rows.first.map(ClaimedDeliveryColumn.delivery)
    }

    /// The statement of ``record(_:owner:now:autoDisableAfter:)``: `$1` owner, `$2` now, `$3` the time before which a
    /// failing streak disables its webhook, `$4`... `$12` the outcomes as parallel arrays (``recordParameters``).
    ///
    /// The queue's statistics are never to be trusted: a queue is often empty when autovacuum analyses it, and a
    /// cached plan was made for whatever size the queue had then. So no step may join the queue as a whole with
    /// the outcomes: planned for a queue of "one row", such a join reads the whole queue once per outcome (or every
    /// outcome once per queue row) when the queue has grown to 100,000 rows, and a batch took 16 s. Each outcome
    /// finds its queue row through a lateral primary-key lookup (the outcomes drive it, whatever the estimates),
    /// and the queue rows are then deleted or moved by their row addresses (`ctid`, locked by this statement).
    /// Rows answered `unsettled` are applied outcomes whose queue row that step missed (see ``settleByKeySQL``).
    static let recordSQL = """
        WITH o AS (
            SELECT * FROM unnest($4::uuid[], $5::int4[], $6::text[]::timestamptz[], $7::int4[], $8::int4[],
                                 $9::text[], $10::text[], $11::text[], $12::text[]::timestamptz[])
                AS o(delivery_id, attempt_number, started_at, duration_ms, status_code, error, response_body,
                     verdict, retry_at)
        ),
        held AS (
            SELECT o.*, h.row_id FROM o CROSS JOIN LATERAL (
                SELECT q.ctid AS row_id FROM delivery_queue q
                WHERE q.delivery_id = o.delivery_id AND q.lease_owner = $1
                FOR UPDATE OF q
            ) h
        ),
        applied AS (
            UPDATE deliveries d SET
                attempt_count = o.attempt_number,
                last_status_code = o.status_code,
                last_error = o.error,
                status = CASE o.verdict WHEN 'retry' THEN 'pending' ELSE o.verdict END,
                completed_at = CASE WHEN o.verdict = 'retry' THEN NULL ELSE $2 END,
                next_attempt_at = CASE WHEN o.verdict = 'retry' THEN o.retry_at ELSE d.next_attempt_at END,
                updated_at = $2
            FROM held o
            WHERE d.id = o.delivery_id AND d.attempt_count + 1 = o.attempt_number
            RETURNING d.id, d.tenant_id, d.webhook_id, d.is_test, o.attempt_number, o.started_at, o.duration_ms,
                      o.status_code, o.error, o.response_body, o.verdict, o.retry_at, o.row_id
        ),
        dequeued AS (
            DELETE FROM delivery_queue q
            WHERE q.ctid = ANY(ARRAY(SELECT row_id FROM applied WHERE verdict <> 'retry'))
            RETURNING q.delivery_id
        ),
        requeued AS (
            UPDATE delivery_queue q SET due_at = a.retry_at, lease_owner = NULL
            FROM applied a WHERE q.ctid = a.row_id AND a.verdict = 'retry'
            RETURNING q.delivery_id
        ),
        attempts AS (
            INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms,
                                           status_code, error, response_body)
            SELECT tenant_id, id, attempt_number, started_at, duration_ms, status_code, error, response_body
            FROM applied
        ),
        scored AS (
            SELECT webhook_id, tenant_id, started_at, verdict,
                   max(started_at) FILTER (WHERE verdict = 'succeeded') OVER (PARTITION BY webhook_id) AS success_at
            FROM applied WHERE NOT is_test
        ),
        per_webhook AS (
            SELECT webhook_id, tenant_id,
                   max(started_at) AS triggered_at,
                   count(*) FILTER (WHERE verdict = 'succeeded') AS successes,
                   max(success_at) AS success_at,
                   count(*) FILTER (WHERE verdict = 'failed') AS final_failures,
                   max(started_at) FILTER (WHERE verdict <> 'succeeded') AS failure_at,
                   -- the first failure after the batch's last success: where a new failing streak starts
                   min(started_at) FILTER (WHERE verdict <> 'succeeded'
                                             AND (success_at IS NULL OR started_at > success_at)) AS streak_from
            FROM scored GROUP BY webhook_id, tenant_id
        ),
        locked AS MATERIALIZED (
            SELECT w.id FROM webhooks w WHERE w.id IN (SELECT webhook_id FROM per_webhook)
            ORDER BY w.id FOR NO KEY UPDATE
        ),
        counted AS (
            SELECT p.*, l.id AS locked_id FROM per_webhook p JOIN locked l ON l.id = p.webhook_id
        ),
        touched AS (
            UPDATE webhooks w SET
                last_triggered_at = GREATEST(w.last_triggered_at, c.triggered_at),
                success_count = w.success_count + c.successes,
                last_success_at = GREATEST(w.last_success_at, c.success_at),
                failure_count = w.failure_count + c.final_failures,
                last_failure_at = GREATEST(w.last_failure_at, c.failure_at),
                failing_since = CASE WHEN c.successes > 0 THEN c.streak_from
                                     ELSE COALESCE(w.failing_since, c.streak_from) END,
                disabled_reason = CASE
                    WHEN w.disabled_reason IS NULL AND c.successes = 0
                         AND COALESCE(w.failing_since, c.streak_from) <= $3
                    THEN 'Disabled automatically after failing since '
                         || to_char(COALESCE(w.failing_since, c.streak_from) AT TIME ZONE 'UTC',
                                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                         || ' without a success'
                    ELSE w.disabled_reason END,
                disabled_at = CASE
                    WHEN w.disabled_reason IS NULL AND c.successes = 0
                         AND COALESCE(w.failing_since, c.streak_from) <= $3
                    THEN $2 ELSE w.disabled_at END,
                updated_at = CASE
                    WHEN w.disabled_reason IS NULL AND c.successes = 0
                         AND COALESCE(w.failing_since, c.streak_from) <= $3
                    THEN $2 ELSE w.updated_at END
            FROM counted c
            WHERE w.tenant_id = c.tenant_id AND w.id = c.webhook_id
            RETURNING w.id, w.disabled_reason IS NOT NULL AND w.disabled_at = $2 AND w.updated_at = $2 AS disabled
        )
        SELECT 'applied', id FROM applied
        UNION ALL
        SELECT 'disabled', id FROM touched WHERE disabled
        UNION ALL
        SELECT 'unsettled', id FROM applied
        WHERE id NOT IN (SELECT delivery_id FROM dequeued UNION ALL SELECT delivery_id FROM requeued)
        """

    /// Settles, by delivery id, the queue rows ``recordSQL`` applied outcomes for but could not delete or requeue:
    /// `$1` owner, `$2`... `$4` the outcomes' delivery ids, verdicts and retry times. That happens when a queue row
    /// was changed by a transaction that committed after the statement began but before it locked the row (its
    /// lease renewed by this owner's own claim after it had run out): the lock then holds the row's newest
    /// version, whose address the statement's snapshot cannot see. A statement of its own, in the same
    /// transaction, sees it.
    static let settleByKeySQL = """
        WITH o AS (
            SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[]::timestamptz[]) AS o(delivery_id, verdict, retry_at)
        ),
        dequeued AS (
            DELETE FROM delivery_queue q USING o
            WHERE q.delivery_id = o.delivery_id AND q.lease_owner = $1 AND o.verdict <> 'retry'
        )
        UPDATE delivery_queue q SET due_at = o.retry_at, lease_owner = NULL
        FROM o WHERE q.delivery_id = o.delivery_id AND q.lease_owner = $1 AND o.verdict = 'retry'
        """

    /// The parameters of ``recordSQL`` for a batch of outcomes with distinct delivery ids.
    static func recordParameters(_ batch: [DeliveryOutcome], owner: String, now: Date,
                                 autoDisableAfter: Duration) -> [any PostgresEncodable] {
        [owner, now, now.addingTimeInterval(-autoDisableAfter.timeInterval),
         batch.map(\.deliveryId),
         batch.map { Int32(clamping: $0.attemptNumber) },
         batch.map(\.startedAt.postgresText),
         batch.map { Int32(clamping: max(0, $0.durationMs)) },
         batch.map { $0.statusCode.map { Int32(clamping: $0) } },
         batch.map { $0.error?.storedText(maxBytes: 1024) },
         batch.map { $0.responseBody?.storedText(maxBytes: 4096) },
         batch.map(\.verdict.storedName),
         batch.map(\.verdict.retryAt?.postgresText)]
    }

    /// Settles a batch of attempts in one statement: logs each attempt, moves each delivery on (succeeded, due
    /// again at its retry time, or failed) and updates each webhook's counters once, aggregated over the batch.
    ///
    /// Only deliveries still pending, still leased by `owner` and at the claimed attempt number are touched. The
    /// outcome of a stale worker (its lease expired and the delivery was claimed again, or released) is ignored
    /// entirely, the attempt row included: the lease is the right to write the delivery's history, and keeping
    /// that rule keeps the log consistent (attempt numbers 1...`attempt_count`, once each, in the order they
    /// were counted). The receiver may have seen the stale request; it carries the same delivery id, which
    /// receivers use to deduplicate. The summary lists ignored ids so the caller can log them.
    ///
    /// Test sends are logged but leave the webhook's counters alone. For other deliveries: every attempt sets
    /// `last_triggered_at`; a success adds to `success_count`, sets `last_success_at` and clears
    /// `failing_since`; a failed attempt sets `last_failure_at` and starts `failing_since` if unset; a final
    /// failure adds to `failure_count`. A webhook whose `failing_since` is then at least `autoDisableAfter` before
    /// `now`, with no success in the batch, is disabled with a `disabled_reason`. Webhook rows are locked in id
    /// order, so concurrent batches cannot deadlock on them.
    ///
    /// Response bodies are kept to their first 4 KiB and errors to 1 KiB; NUL characters become U+FFFD.
    @discardableResult
    public func record(_ outcomes: [DeliveryOutcome], owner: String, now: Date,
                       autoDisableAfter: Duration = DeliveryQueue.defaultAutoDisableAfter) throws -> RecordSummary {
        var seen = Set<UUID>()
        let batch = outcomes.filter { seen.insert($0.deliveryId).inserted }
        guard !batch.isEmpty else { return RecordSummary(applied: [], ignored: [], disabledWebhooks: []) }
        // Each outcome must find its queue row and delivery through their primary keys. On tables whose statistics
        // lag behind (a queue's always do; a fresh install is never analysed before its first burst) the planner
        // thinks they are tiny and prefers to read all of them (70 ms for 300 outcomes with 20,000 rows).
        // Sequential scans are ruled out for this statement, so the only ways to the rows are the key lookup per
        // outcome and the row addresses (see ``recordSQL``).
        var applied = Set<UUID>()
        var disabled: [UUID] = []
        try connection.transaction { connection in
            try connection.execute("SET LOCAL enable_seqscan = off")
            let rows = try connection.query(Self.recordSQL,
                                            Self.recordParameters(batch, owner: owner, now: now,
                                                                  autoDisableAfter: autoDisableAfter))
            var unsettled = Set<UUID>()
            for row in rows {
                switch try row.decode(0, as: String.self) {
                case "applied": applied.insert(try row.decode(1))
                case "disabled": disabled.append(try row.decode(1))
                default: unsettled.insert(try row.decode(1))
                }
            }
            guard !unsettled.isEmpty else { return }
            let missed = batch.filter { unsettled.contains($0.deliveryId) }
            try connection.execute(Self.settleByKeySQL,
                                   [owner, missed.map(\.deliveryId), missed.map(\.verdict.storedName),
                                    missed.map(\.verdict.retryAt?.postgresText)])
        }
        // An outcome counts as applied once; a repeated delivery id in the batch is ignored.
        var counted = Set<UUID>()
        let ignored = outcomes.map(\.deliveryId).filter { !(applied.contains($0) && counted.insert($0).inserted) }
        return RecordSummary(applied: applied, ignored: ignored,
                             disabledWebhooks: disabled.sorted { $0.uuidString < $1.uuidString })
    }

    /// Gives back every pending delivery leased by `owner`, due at `now`, for a graceful shutdown: another
    /// worker (or this one after a restart) picks them up without waiting for the leases to run out.
    /// Returns how many were released.
    @discardableResult
    public func release(owner: String, now: Date) throws -> Int {
        let rows = try connection.query(
            """
            WITH released AS (
                UPDATE delivery_queue SET lease_owner = NULL, due_at = $2 WHERE lease_owner = $1
                RETURNING 1
            ),
            counted AS (SELECT count(*) AS n FROM released)
            SELECT n, (SELECT count(*) FROM (SELECT pg_notify($3, '') FROM counted WHERE n > 0) notified) FROM counted
            """,
            [owner, now, EventStore.notificationChannel])
        return try rows.first?.decode(0, as: Int.self) ?? 0
    }

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
        try requeue(tenantId: tenantId, webhookId: webhookId,
                    matching: "status = 'failed' AND created_at >= $3", since, now: now)
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
                RETURNING id, tenant_id, webhook_id, is_test
            ),
            queued AS (
                INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at)
                SELECT id, tenant_id, webhook_id, is_test, $4 FROM requeued
                ON CONFLICT (delivery_id) DO UPDATE SET due_at = excluded.due_at, lease_owner = NULL
            ),
            counted AS (SELECT count(*) AS n FROM requeued)
            SELECT n, (SELECT count(*) FROM (SELECT pg_notify($5, '') FROM counted WHERE n > 0) notified) FROM counted
            """,
            [tenantId, webhookId, value, now, EventStore.notificationChannel])
        return try rows.first?.decode(0, as: Int.self) ?? 0
    }

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
        guard let shortest = plans.map(\.value).min(), let longest = plans.map(\.value).max() else {
            return PurgeResult(deliveries: 0, events: 0)
        }
        let batch = max(1, batchSize)
        var deliveries = 0
        while true {
            let deleted = try connection.execute(
                """
                WITH retention AS (
                    SELECT * FROM unnest($2::text[], $3::int8[]) AS r(plan, days)
                ),
                doomed AS (
                    SELECT d.id FROM deliveries d
                    JOIN subscriptions s ON s.tenant_id = d.tenant_id
                    JOIN retention r ON r.plan = s.plan
                    WHERE d.created_at < $1 - make_interval(days => $4::int)
                      AND d.created_at < $1 - make_interval(days => r.days::int)
                      AND d.status <> 'pending'
                    LIMIT $5
                    FOR UPDATE OF d SKIP LOCKED
                )
                DELETE FROM deliveries d USING doomed WHERE d.id = doomed.id
                """,
                [now, plans.map(\.key.rawValue), plans.map { Int64($0.value) }, Int64(shortest), batch])
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
}
