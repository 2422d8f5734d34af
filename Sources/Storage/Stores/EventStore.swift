public import Foundation
import Postgres

/// Published events and the deliveries they queue.
public struct EventStore {
    let connection: PostgresConnection

    /// The `LISTEN`/`NOTIFY` channel that wakes the dispatchers when deliveries become due.
    public static let notificationChannel = "webhook_deliveries"

    /// Stores events and queues one delivery per webhook of each event's chatbot that selects it, all in one
    /// statement (so each event and its deliveries commit together even outside a transaction, and a batch costs
    /// one round trip and one commit); when deliveries were queued, wake the dispatchers after the commit
    /// (``notifyDispatchers()``, in a statement of its own). Returns one result per publication, in order. Events whose idempotency key was taken
    /// (before, or by an earlier publication of the same batch) are read back by a second statement.
    ///
    /// A webhook gets a delivery when it is active, not disabled automatically, its `event_types` contain one of
    /// the publication's `subscriptionKeys`, its payload format has a name for the event type, and the tenant has the webhooks feature (plan `scale` or an active
    /// add-on). Those webhooks are locked against deletion (`FOR KEY SHARE`) until the commit, so a webhook deleted
    /// meanwhile takes the new deliveries along (deliveries have no foreign key doing that). With an
    /// `idempotencyKey` already used for the tenant and chatbot, nothing is stored or queued and the first event's
    /// result comes back with `duplicate: true`; two concurrent publishes with the same key queue once.
    ///
    /// - Parameter now: When the deliveries are queued (and first due).
    /// - Throws: ``StorageError/missingReference(constraint:)`` when a chatbot is not its tenant's (the whole batch
    ///   fails then; publish its publications one by one to learn which).
    public func publish(_ publications: [EventPublication], now: Date = Date()) throws -> [PublishResult] {
        try publish(publications, now: now, leasing: nil).results
    }

    /// ``publish(_:now:)``, writing up to `lease.limit` of the new deliveries (the first events' first) already
    /// leased to `lease.owner` until `lease.until`, as a claim would, and returning them as a claim does, ready to
    /// send once the statement has committed. The others are queued for claiming as usual.
    public func publish(_ publications: [EventPublication], now: Date, leasing lease: DeliveryLease?) throws -> PublishedBatch {
        var results = [PublishResult?](repeating: nil, count: publications.count)
        var leased: [ClaimedDelivery] = []
        var unleased = 0
        var remaining = Array(publications.indices)
        // A key taken by a transaction that commits meanwhile is found by the lookup after the insert; another pass
        // only happens if that event vanished in between (purged).
        for _ in 0..<3 where !remaining.isEmpty {
            let batch = remaining.map { publications[$0] }
            let leaseNow = lease.map { DeliveryLease(owner: $0.owner, until: $0.until, limit: $0.limit - leased.count) }
            let inserted = try insert(batch, now: now, lease: leaseNow)
            leased += inserted.leased
            unleased += inserted.results.values.reduce(0) { $0 + $1.deliveriesQueued } - inserted.leased.count
            var taken: [Int] = []
            for index in remaining {
                if let result = inserted.results[publications[index].id] {
                    results[index] = result
                } else if publications[index].idempotencyKey != nil {
                    taken.append(index)
                } else {
                    throw StorageError.database("event insert returned no row")
                }
            }
            let existing = try firstEvents(for: taken.map { publications[$0] })
            remaining = []
            for (index, result) in zip(taken, existing) {
                if let result { results[index] = result } else { remaining.append(index) }
            }
        }
        guard remaining.isEmpty else { throw StorageError.database("idempotency key neither inserted nor found") }
        return PublishedBatch(results: results.compactMap { $0 }, leased: leased, unleased: unleased)
    }

    /// Inserts the events whose idempotency key is free and their deliveries; returns their results by event id and
    /// the deliveries written leased, as a claim returns them.
    private func insert(_ batch: [EventPublication], now: Date,
                        lease: DeliveryLease?) throws -> (results: [UUID: PublishResult], leased: [ClaimedDelivery]) {
        let rows = try connection.query(
            """
            WITH input AS (
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                                     $7::text[], $8::text[]::timestamptz[], $13::text[]) WITH ORDINALITY
                    AS i(id, tenant_id, chatbot_id, type, keys, idempotency_key, data, occurred_at, formats, n)
            ),
            targets AS (
                SELECT i.id AS event_id, i.n, i.tenant_id, i.type, w.id AS webhook_id, w.ordering = 'fifo' AS fifo,
                       w.rate_limit IS NOT NULL AS paced
                FROM input i
                JOIN webhooks w ON w.tenant_id = i.tenant_id AND w.chatbot_id = i.chatbot_id
                JOIN subscriptions s ON s.tenant_id = w.tenant_id
                WHERE w.is_active AND w.disabled_reason IS NULL AND w.event_types && string_to_array(i.keys, ',')
                  AND w.payload_format = ANY (string_to_array(i.formats, ','))
                  AND (s.plan = 'scale' OR s.webhooks_addon_status = 'active')
                FOR KEY SHARE OF w
            ),
            counts AS (
                SELECT event_id, count(*) AS n FROM targets GROUP BY event_id
            ),
            event AS (
                INSERT INTO events (id, tenant_id, chatbot_id, type, idempotency_key, data, occurred_at,
                                    deliveries_queued)
                SELECT i.id, i.tenant_id, i.chatbot_id, i.type, i.idempotency_key, i.data, i.occurred_at,
                       coalesce(c.n, 0)
                FROM input i LEFT JOIN counts c ON c.event_id = i.id
                ORDER BY i.n
                ON CONFLICT (tenant_id, chatbot_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING id, occurred_at, deliveries_queued
            ),
            numbered AS MATERIALIZED (
                SELECT gen_random_uuid() AS id, t.tenant_id, t.webhook_id, t.event_id, t.type, t.fifo, t.paced,
                       row_number() OVER (ORDER BY t.n, t.webhook_id) AS position
                FROM event e JOIN targets t ON t.event_id = e.id
            ),
            queued AS (
                INSERT INTO deliveries (id, tenant_id, webhook_id, event_id, event_type, next_attempt_at, created_at,
                                        updated_at)
                SELECT id, tenant_id, webhook_id, event_id, type, $9, $9, $9 FROM numbered
            ),
            -- fifo webhooks' deliveries are never handed over: the claim alone keeps their order (and takes their
            -- place in it from the sequence, one after another in publish order); nor are rate-limited webhooks'
            -- deliveries: the claim reserves their start times across every dispatcher (webhook_pace)
            enqueued AS (
                INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, lease_owner, fifo,
                                            position, created_at)
                SELECT id, tenant_id, webhook_id, false,
                       CASE WHEN position <= $11 AND NOT fifo AND NOT paced THEN $12 ELSE $9 END,
                       CASE WHEN position <= $11 AND NOT fifo AND NOT paced THEN $10 END,
                       fifo, CASE WHEN fifo THEN nextval('delivery_queue_position_seq') END, $9
                FROM numbered ORDER BY position
            ),
            leased AS (
                SELECT id, tenant_id, webhook_id, event_id, type AS event_type, false AS is_test, 0 AS attempt_count,
                       0 AS budget_start
                FROM numbered WHERE position <= $11 AND NOT fifo AND NOT paced
            )
            -- the deliveries written leased, as a claim returns them; then one row per event, after as many NULLs
            SELECT \(ClaimedDeliveryColumn.selectList), NULL, NULL, NULL
            FROM leased c JOIN input e ON e.id = c.event_id JOIN webhooks w ON w.id = c.webhook_id
                 CROSS JOIN (SELECT $12::timestamptz AS due_at) k
            UNION ALL
            SELECT \(ClaimedDeliveryColumn.nullList), id, occurred_at, deliveries_queued
            FROM event
            """,
            [batch.map(\.id), batch.map(\.tenantId), batch.map(\.chatbotId), batch.map(\.eventType),
             // Subscription keys are catalogue names (letters, digits, `.`, `_`, `*`): a comma separates them.
             batch.map { $0.subscriptionKeys.joined(separator: ",") },
             batch.map(\.idempotencyKey), batch.map(\.data), batch.map(\.occurredAt.postgresText), now,
             lease?.owner, max(0, lease?.limit ?? 0), lease?.until ?? now,
             batch.map { $0.payloadFormats.joined(separator: ",") }])
        var results: [UUID: PublishResult] = [:]
        var leased: [ClaimedDelivery] = []
        let event = ClaimedDeliveryColumn.count
        for row in rows {
            if let id = try row.decode(event, as: UUID?.self) {
                results[id] = PublishResult(eventId: id, deliveriesQueued: try row.decode(event + 2), duplicate: false,
                                            occurredAt: try row.decode(event + 1))
            } else {
                leased.append(try ClaimedDeliveryColumn.delivery(from: row))
            }
        }
        return (results, leased)
    }

    /// Wakes the dispatchers: a `NOTIFY` on ``notificationChannel``. Send it outside the transaction that queued the
    /// deliveries: a `NOTIFY` holds a database-wide lock from the statement to the end of its transaction's commit.
    public func notifyDispatchers() throws {
        try connection.execute("SELECT pg_notify($1, '')", [Self.notificationChannel])
    }

    /// The first events published with the publications' idempotency keys, in order (`nil` where none is found).
    private func firstEvents(for publications: [EventPublication]) throws -> [PublishResult?] {
        guard !publications.isEmpty else { return [] }
        let rows = try connection.query(
            """
            SELECT k.n, e.id, e.occurred_at, e.deliveries_queued
            FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS k(tenant_id, chatbot_id, key, n)
            JOIN events e ON e.tenant_id = k.tenant_id AND e.chatbot_id = k.chatbot_id AND e.idempotency_key = k.key
            """,
            [publications.map(\.tenantId), publications.map(\.chatbotId), publications.map(\.idempotencyKey)])
        var results = [PublishResult?](repeating: nil, count: publications.count)
        for row in rows {
            let position = try row.decode(0, as: Int.self) - 1
            guard results.indices.contains(position) else { continue }
            results[position] = PublishResult(eventId: try row.decode(1), deliveriesQueued: try row.decode(3),
                                              duplicate: true, occurredAt: try row.decode(2))
        }
        return results
    }
}
