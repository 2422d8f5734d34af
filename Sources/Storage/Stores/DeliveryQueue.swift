public import Foundation
import Postgres

/// The delivery queue: one `delivery_queue` row per pending delivery, leased to workers by
/// ``claim(owner:limit:lease:now:)`` and settled by ``record(_:owner:now:autoDisableAfter:)``.
///
/// A claim sets the queue row's `lease_owner` and moves its `due_at` to the lease's end, so a worker that dies leaves
/// rows that simply become due again; no sweeper is needed. Claims never write `deliveries` (the log); settling
/// writes only its unindexed columns (see migration 0007). Several workers share the queue through
/// `FOR UPDATE SKIP LOCKED`. Every method is one statement (``purgeExpired(now:retentionDays:batchSize:)`` one per
/// batch; the claim and the write of outcomes run in a transaction of their own, for a planner setting), so it can
/// run outside a transaction (`database.read`); times come from the caller's clock.
///
/// The statements are shaped for a queue whose statistics cannot be trusted; docs/query-planner.md tells why.
/// Here: claims, test sends and release; ``record(_:owner:now:autoDisableAfter:)`` in `DeliveryQueue+Record.swift`,
/// the webhook counters and auto-disable rule in `DeliveryQueue+AutoDisable.swift`, redelivery and replay in
/// `DeliveryQueue+Requeue.swift`, the retention purge in `DeliveryQueue+Retention.swift`.
public struct DeliveryQueue {
    let connection: PostgresConnection

    /// The claim statement: `$1` owner, `$2` now, `$3` limit, `$4` lease end. The due rows are found through
    /// `delivery_queue_due_idx` (queue rows by `due_at`), read in order until `$3` are found, and only those of
    /// webhooks that may send now (or test sends); they are leased through their row addresses (`ctid`, locked by
    /// the same statement). A row changed by a transaction that committed after the claim began is not leased and
    /// stays due for the next claim. The rows come back in the order their attempts were due (`next_attempt_at`,
    /// the time the queue row had before a lease moved it). Why it is shaped so: docs/query-planner.md.
    ///
    /// A row of a fifo webhook (`q.fifo`) is leased only when no other row of that webhook comes before it
    /// (`position`) or is leased and unexpired: so one fifo delivery at a time is out, in publish order, across
    /// every worker; two claims racing see the first row locked (skipped) and the second behind it, so neither
    /// takes the second (docs/dispatcher.md, "Ordered delivery").
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
              -- a fifo webhook's row goes only first in its order, and only while none of its rows is leased
              AND (NOT q.fifo OR NOT EXISTS (
                    SELECT FROM delivery_queue p
                    WHERE p.fifo AND p.webhook_id = q.webhook_id AND p.delivery_id <> q.delivery_id
                      AND (p.position < q.position OR (p.lease_owner IS NOT NULL AND p.due_at > $2))))
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

    /// Makes sure each rate-limited webhook of a claim has its `webhook_pace` row (`$1` webhook ids, `$2` their
    /// tenants), in webhook order; an existing row is neither written nor locked.
    static let paceRowsSQL = """
        INSERT INTO webhook_pace (webhook_id, tenant_id, next_start_at)
        SELECT webhook_id, tenant_id, '-infinity' FROM unnest($1::uuid[], $2::uuid[]) AS r(webhook_id, tenant_id)
        ORDER BY webhook_id
        ON CONFLICT (webhook_id) DO NOTHING
        """

    /// Reserves start times for the rate-limited webhooks of a claim: `$1` webhook ids, `$2` how many deliveries
    /// each claim holds, `$3` their rates, `$4` the latest start each may have, in seconds from now (its lease less
    /// its timeout and the safety margin). The rows are locked in webhook order (so two claims never wait for each
    /// other crosswise); each webhook's reservation starts at the later of its `next_start_at` and now, takes
    /// as many starts, one every 1/rate s, as it has deliveries and as fit before its latest start
    /// (``PaceReservation/fitting(wanted:rate:firstDelay:horizon:)``), and moves `next_start_at` past them. Answers
    /// per webhook the first start in seconds from now and the number of starts.
    static let reservePaceSQL = """
        UPDATE webhook_pace p
        SET next_start_at = s.first_start + make_interval(secs => s.granted::float8 / s.rate)
        FROM (
            SELECT l.webhook_id, r.rate, f.first_start, extract(epoch FROM f.first_start - c.now)::float8 AS delay,
                   least(r.wanted, greatest(0, floor(
                       (r.horizon - extract(epoch FROM f.first_start - c.now)::float8) * r.rate + 1e-9)::int + 1))
                   AS granted
            FROM (SELECT webhook_id, next_start_at FROM webhook_pace WHERE webhook_id = ANY($1::uuid[])
                  ORDER BY webhook_id FOR UPDATE) l
            JOIN unnest($1::uuid[], $2::int[], $3::int[], $4::float8[]) AS r(webhook_id, wanted, rate, horizon)
              ON r.webhook_id = l.webhook_id
            CROSS JOIN (SELECT clock_timestamp() AS now) c
            CROSS JOIN LATERAL (SELECT greatest(l.next_start_at, c.now) AS first_start) f
        ) s
        WHERE p.webhook_id = s.webhook_id AND s.granted > 0
        RETURNING p.webhook_id, s.delay, s.granted, s.rate
        """

    /// Leases up to `limit` due deliveries to `owner` until `now + lease` and returns them, oldest due first, with
    /// the event and webhook fields the sender needs, in one round trip.
    ///
    /// A delivery is due when its queue row's `due_at` (its retry time, or the end of an expired lease) has come.
    /// Deliveries of a webhook that is paused or disabled, or whose tenant lacks the webhooks feature, are not
    /// claimed: they wait until the webhook is resumed. Test sends are claimed whatever the
    /// webhook's state, since someone asked for them explicitly.
    ///
    /// When the claim holds deliveries of rate-limited webhooks, the same transaction reserves their start times
    /// (two more statements, only then): each such delivery comes back with its ``ClaimedDelivery/reservedStart``,
    /// the slots no other dispatcher gets, so the webhook's `rateLimit` holds across processes. Only starts that
    /// still leave `timeout + margin` of the lease are reserved; a delivery beyond them has none (its lease returns
    /// it to the queue). A claim without such deliveries is the one statement it always was.
    public func claim(owner: String, limit: Int, lease: Duration, margin: Duration = .zero,
                      now: Date) throws -> [ClaimedDelivery] {
        guard limit > 0 else { return [] }
        // No sort and no sequential scan for this statement: the queue's statistics mislead the planner
        // (docs/query-planner.md).
        return try connection.transaction { connection in
            try connection.execute(
                "SELECT set_config('enable_sort', 'off', true), set_config('enable_seqscan', 'off', true)")
            let claimed = try connection.query(Self.claimSQL, [owner, now, limit, now.addingTimeInterval(lease.timeInterval)])
                .map(ClaimedDeliveryColumn.delivery)
            return try reservePace(for: claimed, lease: lease, margin: margin, connection: connection)
        }
    }

    /// Reserves start times for the rate-limited deliveries of `claimed` (``reservePaceSQL``) and returns
    /// `claimed` with them; nothing is asked of the database when there are none.
    private func reservePace(for claimed: [ClaimedDelivery], lease: Duration, margin: Duration,
                             connection: PostgresConnection) throws -> [ClaimedDelivery] {
        var paced: [UUID: (tenantId: UUID, wanted: Int, rate: Int, horizon: Double)] = [:]
        for delivery in claimed {
            guard let rate = delivery.rateLimit else { continue }
            let horizon = (lease - margin).timeInterval - Double(delivery.timeoutMs) / 1_000
            let wanted = (paced[delivery.webhookId]?.wanted ?? 0) + 1
            paced[delivery.webhookId] = (delivery.tenantId, wanted, rate, horizon)
        }
        guard !paced.isEmpty else { return claimed }
        let webhooks = paced.sorted { $0.key.uuidString < $1.key.uuidString }
        try connection.execute(Self.paceRowsSQL, [webhooks.map(\.key), webhooks.map(\.value.tenantId)])
        let rows = try connection.query(Self.reservePaceSQL, [
            webhooks.map(\.key), webhooks.map(\.value.wanted), webhooks.map(\.value.rate), webhooks.map(\.value.horizon),
        ])
        var reservations: [UUID: PaceReservation] = [:]
        for row in rows {
            reservations[try row.decode(0, as: UUID.self)] = PaceReservation(
                firstDelay: try row.decode(1, as: Double.self), count: try row.decode(2, as: Int.self),
                rate: try row.decode(3, as: Int.self))
        }
        return PaceReservation.assign(reservations, to: claimed)
    }

    /// Queues a test send (`webhook.test`, or the event a seed format's test sends) to one of the tenant's webhooks, already leased to `owner`, so the
    /// caller can send it at once and ``record(_:owner:now:autoDisableAfter:)`` its outcome; if the caller dies,
    /// the lease runs out and a dispatcher sends it. Works whether or not the webhook is active; gating is the
    /// caller's. Returns `nil` when the tenant has no such webhook.
    public func enqueueTest(tenantId: UUID, webhookId: UUID, eventType: String = "webhook.test", data: String,
                            occurredAt: Date, owner: String, lease: Duration, now: Date) throws -> ClaimedDelivery? {
        let rows = try connection.query(
            """
            WITH w AS (
                SELECT * FROM webhooks WHERE tenant_id = $1 AND id = $2
            ),
            e AS (
                INSERT INTO events (tenant_id, chatbot_id, type, data, occurred_at, deliveries_queued)
                SELECT w.tenant_id, w.chatbot_id, $8, $3, $4, 1 FROM w
                RETURNING id, chatbot_id, data, occurred_at
            ),
            c AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, is_test, next_attempt_at,
                                        created_at, updated_at)
                SELECT $1, $2, e.id, $8, true, $7, $7, $7 FROM e
                RETURNING id, tenant_id, webhook_id, event_id, event_type, is_test, attempt_count, budget_start
            ),
            k AS (
                INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, lease_owner, created_at)
                SELECT id, tenant_id, webhook_id, true, $6, $5, $7 FROM c
                RETURNING due_at
            )
            SELECT \(ClaimedDeliveryColumn.selectList)
            FROM c, k, e, w
            """,
            [tenantId, webhookId, data, occurredAt, owner, now.addingTimeInterval(lease.timeInterval), now, eventType])
        return try rows.first.map(ClaimedDeliveryColumn.delivery)
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
}
