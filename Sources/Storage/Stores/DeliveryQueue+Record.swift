public import Foundation
import Postgres
import WebhookCore

extension DeliveryQueue {
    /// The statement of ``record(_:owner:now:autoDisableAfter:)``: `$1` owner, `$2` now, `$3` the time before which a
    /// failing streak disables its webhook, `$4`... `$15` the outcomes as parallel arrays (``recordParameters``).
    ///
    /// Each outcome finds its queue row through a lateral primary-key lookup, and the queue rows are then deleted or
    /// moved by their row addresses (`ctid`, locked by this statement); no step joins the queue as a whole with the
    /// outcomes (docs/query-planner.md). Rows answered `unsettled` are applied outcomes whose queue row that step
    /// missed (see ``settleByKeySQL``).
    static let recordSQL = """
        WITH o AS (
            SELECT * FROM unnest($4::uuid[], $5::int4[], $6::text[]::timestamptz[], $7::int4[], $8::int4[],
                                 $9::text[], $10::text[], $11::text[], $12::text[]::timestamptz[],
                                 $13::text[], $14::text[], $15::text[])
                AS o(delivery_id, attempt_number, started_at, duration_ms, status_code, error, response_body,
                     verdict, retry_at, request_headers, request_format, request_dashboard_url)
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
            RETURNING d.id, d.tenant_id, d.webhook_id, d.is_test, d.event_id, d.event_type, d.created_at,
                      o.attempt_number,
                      o.started_at, o.duration_ms,
                      o.status_code, o.error, o.response_body, o.verdict, o.retry_at, o.row_id,
                      o.request_headers, o.request_format, o.request_dashboard_url
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
                                           status_code, error, response_body, request_headers, request_format,
                                           request_dashboard_url)
            SELECT tenant_id, id, attempt_number, started_at, duration_ms, status_code, error, response_body,
                   request_headers, request_format, request_dashboard_url
            FROM applied
        ),
        -- the log's `status=failed` path (migration 0022); nothing on success
        failures AS (
            INSERT INTO delivery_failures (webhook_id, created_at, delivery_id, tenant_id, event_type)
            SELECT webhook_id, created_at, id, tenant_id, event_type FROM applied WHERE verdict = 'failed'
            ON CONFLICT DO NOTHING
        ),
        \(webhookCountersSQL)
        SELECT 'applied', id, \(Self.noOperationalColumns) FROM applied
        UNION ALL
        SELECT 'disabled', id, tenant_id, chatbot_id, id, name, url, disabled_reason, disabled_at, NULL, NULL, NULL,
               NULL, raises
        FROM touched WHERE disabled
        UNION ALL
        SELECT 'exhausted', a.id, a.tenant_id, w.chatbot_id, a.webhook_id, w.name, NULL, a.event_type, NULL,
               a.attempt_number, a.status_code, a.error, a.event_id, true
        FROM applied a JOIN webhooks w ON w.id = a.webhook_id
        WHERE a.verdict = 'failed' AND NOT a.is_test AND a.event_type <> ALL ($16::text[])
        UNION ALL
        SELECT 'unsettled', id, \(Self.noOperationalColumns) FROM applied
        WHERE id NOT IN (SELECT delivery_id FROM dequeued UNION ALL SELECT delivery_id FROM requeued)
        """

    /// The columns of ``recordSQL``'s answer after the kind and id that only its `disabled` and `exhausted` rows
    /// fill (what their operational events say): tenant, chatbot, webhook id, webhook name, url, reason or event
    /// type, disabled at, attempts, status code, error, event id, and whether the row raises an operational event.
    static let noOperationalColumns = """
        NULL::uuid, NULL::uuid, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::timestamptz, NULL::int4, \
        NULL::int4, NULL::text, NULL::uuid, NULL::bool
        """

    /// Settles, by delivery id, the queue rows ``recordSQL`` applied outcomes for but could not delete or requeue:
    /// `$1` owner, `$2`... `$4` the outcomes' delivery ids, verdicts and retry times. A statement of its own, in the
    /// same transaction, sees the rows whose newest version the first statement's snapshot could not (a lease
    /// renewed meanwhile; docs/query-planner.md, "Settling by key").
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

    /// The planner settings ``record(_:owner:now:autoDisableAfter:)`` turns off for its transaction: each outcome
    /// reaches its rows by key or row address, never through a scan, merge or hash of a whole table or index, whose
    /// cost would grow with the log (docs/query-planner.md).
    static let recordPlannerSettings = ["enable_seqscan", "enable_mergejoin", "enable_hashjoin"]

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
         batch.map(\.verdict.retryAt?.postgresText),
         // Validated settings and generated values: no NUL to replace, and bounded (20 custom headers of 1 KiB).
         batch.map { $0.request?.storedHeaders },
         batch.map { $0.request?.payloadFormat.rawValue },
         batch.map { $0.request?.dashboardURL },
         EventType.operationalNames.sorted()]
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
    /// Test sends are logged but leave the webhook's counters alone; other deliveries update their webhook's counters
    /// and may disable it automatically, as ``webhookCountersSQL`` describes.
    ///
    /// A webhook disabled by the batch raises `webhook.disabled`, and a delivery that failed its last attempt
    /// raises `delivery.exhausted` (``OperationalEvent``), published in the same transaction to the webhooks of the
    /// same tenant and chatbot that subscribe to them; the caller wakes the dispatchers when
    /// ``RecordSummary/operationalDeliveriesQueued`` is not zero. A delivery of an operational event raises none
    /// (and a disable raises none when only such deliveries failed in the batch), so they cannot feed themselves.
    ///
    /// Response bodies are kept to their first 4 KiB and errors to 1 KiB; NUL characters become U+FFFD. The
    /// request is logged as ``AttemptRequest`` holds it: headers (credentials masked) and the body's format.
    @discardableResult
    public func record(_ outcomes: [DeliveryOutcome], owner: String, now: Date,
                       autoDisableAfter: Duration = DeliveryQueue.defaultAutoDisableAfter) throws -> RecordSummary {
        var seen = Set<UUID>()
        let batch = outcomes.filter { seen.insert($0.deliveryId).inserted }
        guard !batch.isEmpty else { return RecordSummary(applied: [], ignored: [], disabledWebhooks: []) }
        var applied = Set<UUID>()
        var disabled: [UUID] = []
        var operationalQueued = 0
        try connection.transaction { connection in
            try connection.execute(
                "SELECT " + Self.recordPlannerSettings.map { "set_config('\($0)', 'off', true)" }.joined(separator: ", "))
            let rows = try connection.query(Self.recordSQL,
                                            Self.recordParameters(batch, owner: owner, now: now,
                                                                  autoDisableAfter: autoDisableAfter))
            var unsettled = Set<UUID>()
            var operational: [OperationalEvent] = []
            for row in rows {
                let kind = try row.decode(0, as: String.self)
                switch kind {
                case "applied": applied.insert(try row.decode(1))
                case "disabled", "exhausted":
                    if kind == "disabled" { disabled.append(try row.decode(1)) }
                    if let event = try OperationalEvent(kind: kind, row: row) { operational.append(event) }
                default: unsettled.insert(try row.decode(1))
                }
            }
            if !unsettled.isEmpty {
                let missed = batch.filter { unsettled.contains($0.deliveryId) }
                try connection.execute(Self.settleByKeySQL,
                                       [owner, missed.map(\.deliveryId), missed.map(\.verdict.storedName),
                                        missed.map(\.verdict.retryAt?.postgresText)])
            }
            // Operational events commit with the outcomes that raised them, through the publishing statement.
            guard !operational.isEmpty else { return }
            let published = try EventStore(connection: connection)
                .publish(operational.map { $0.publication(at: now) }, now: now, leasing: nil)
            operationalQueued = published.unleased
        }
        // An outcome counts as applied once; a repeated delivery id in the batch is ignored.
        var counted = Set<UUID>()
        let ignored = outcomes.map(\.deliveryId).filter { !(applied.contains($0) && counted.insert($0).inserted) }
        return RecordSummary(applied: applied, ignored: ignored,
                             disabledWebhooks: disabled.sorted { $0.uuidString < $1.uuidString },
                             operationalDeliveriesQueued: operationalQueued)
    }
}
