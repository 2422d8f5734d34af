-- The attempts' rollup trigger (migration 0023) finds each new attempt's delivery by its key (issue 18).
--
-- It joined the statement's new attempts with `deliveries`, and PL/pgSQL keeps the plan it made for that join at the
-- trigger's first run in a session. Made while `deliveries` was small or its statistics old, that plan read the
-- delivery log's whole primary key in order for every batch of attempts (a merge join): the cost of settling a batch
-- grew with the log, and the trigger took two thirds of the dispatcher's settling statement in the throughput
-- benchmark (docs/dispatcher.md). A lateral subquery that cannot be flattened (OFFSET 0) leaves the planner one
-- way: one primary-key lookup per attempt, whatever the statistics say.

CREATE OR REPLACE FUNCTION stats_count_attempts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH a AS MATERIALIZED (
        SELECT d.webhook_id, d.tenant_id, date_trunc('hour', a.started_at, 'UTC') AS hour, a.started_at,
               width_bucket(a.duration_ms, delivery_latency_bounds())::smallint AS bucket, a.duration_ms,
               a.status_code, a.error
        FROM new_attempts a CROSS JOIN LATERAL (
            SELECT d.webhook_id, d.tenant_id FROM deliveries d
            WHERE d.id = a.delivery_id AND d.tenant_id = a.tenant_id AND NOT d.is_test
            OFFSET 0
        ) d
    ),
    latency AS (
        INSERT INTO delivery_latency_stats AS s (webhook_id, hour, writer, bucket, tenant_id, attempts)
        SELECT webhook_id, hour, pg_backend_pid(), bucket, tenant_id, count(*) FROM a
        GROUP BY webhook_id, hour, bucket, tenant_id
        ON CONFLICT (webhook_id, hour, writer, bucket) DO UPDATE SET attempts = s.attempts + excluded.attempts
    )
    INSERT INTO delivery_stats AS s (webhook_id, hour, writer, tenant_id, attempts, longest_ms, last_attempt_at,
                                     last_status_code, last_error, last_duration_ms)
    SELECT DISTINCT ON (webhook_id, hour)
           webhook_id, hour, pg_backend_pid(), tenant_id, count(*) OVER w, max(duration_ms) OVER w, started_at,
           status_code, error, duration_ms
    FROM a
    WINDOW w AS (PARTITION BY webhook_id, hour)
    ORDER BY webhook_id, hour, started_at DESC
    ON CONFLICT (webhook_id, hour, writer) DO UPDATE SET
        attempts = s.attempts + excluded.attempts,
        longest_ms = greatest(s.longest_ms, excluded.longest_ms),
        last_attempt_at = greatest(s.last_attempt_at, excluded.last_attempt_at),
        last_status_code = CASE WHEN s.last_attempt_at > excluded.last_attempt_at THEN s.last_status_code
                                ELSE excluded.last_status_code END,
        last_error = CASE WHEN s.last_attempt_at > excluded.last_attempt_at THEN s.last_error ELSE excluded.last_error END,
        last_duration_ms = CASE WHEN s.last_attempt_at > excluded.last_attempt_at THEN s.last_duration_ms
                                ELSE excluded.last_duration_ms END;
    RETURN NULL;
END
$$;

-- The deliveries' rollup trigger counts an update as its net change per webhook and hour: the old rows -1, the new
-- ones +1, and a group whose counts cancel out (no outcome changed) writes nothing. Before, it paired the old and new
-- rows by id, a join of two transition tables that no index serves.
CREATE OR REPLACE FUNCTION stats_count_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO delivery_stats AS s (webhook_id, hour, writer, tenant_id, succeeded, failed, retrying, pending)
        SELECT webhook_id, date_trunc('hour', created_at, 'UTC'), pg_backend_pid(), tenant_id,
               count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'),
               count(*) FILTER (WHERE status = 'pending' AND attempt_count > 0),
               count(*) FILTER (WHERE status = 'pending' AND attempt_count = 0)
        FROM new_deliveries WHERE NOT is_test
        GROUP BY 1, 2, 4
        ON CONFLICT (webhook_id, hour, writer) DO UPDATE SET
            succeeded = s.succeeded + excluded.succeeded, failed = s.failed + excluded.failed,
            retrying = s.retrying + excluded.retrying, pending = s.pending + excluded.pending;
    ELSE
        INSERT INTO delivery_stats AS s (webhook_id, hour, writer, tenant_id, succeeded, failed, retrying, pending)
        SELECT webhook_id, hour, pg_backend_pid(), tenant_id, succeeded, failed, retrying, pending
        FROM (
            SELECT webhook_id, hour, tenant_id, sum(sign * (status = 'succeeded')::int) AS succeeded,
                   sum(sign * (status = 'failed')::int) AS failed,
                   sum(sign * (status = 'pending' AND attempted)::int) AS retrying,
                   sum(sign * (status = 'pending' AND NOT attempted)::int) AS pending
            FROM (
                SELECT -1 AS sign, webhook_id, date_trunc('hour', created_at, 'UTC') AS hour, tenant_id, status,
                       attempt_count > 0 AS attempted
                FROM old_deliveries WHERE NOT is_test
                UNION ALL
                SELECT 1, webhook_id, date_trunc('hour', created_at, 'UTC'), tenant_id, status, attempt_count > 0
                FROM new_deliveries WHERE NOT is_test
            ) c
            GROUP BY webhook_id, hour, tenant_id
        ) net
        WHERE (succeeded, failed, retrying, pending) <> (0, 0, 0, 0)
        ON CONFLICT (webhook_id, hour, writer) DO UPDATE SET
            succeeded = s.succeeded + excluded.succeeded, failed = s.failed + excluded.failed,
            retrying = s.retrying + excluded.retrying, pending = s.pending + excluded.pending;
    END IF;
    RETURN NULL;
END
$$;
