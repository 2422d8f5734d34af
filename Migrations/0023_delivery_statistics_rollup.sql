-- The dashboard's statistics read hourly rollups instead of the window's deliveries and attempts (issue 18).
--
-- Before, a chart read every delivery and attempt of its window: at 10,000,000 deliveries (36,000 a day on the
-- measured webhook) 488 ms for 24 hours and 2.2 s for 7 days. Now it reads at most a few rows per hour of the
-- window, whatever the log holds (docs/statistics.md).
--
-- delivery_stats holds, per webhook and UTC hour, the deliveries created in that hour by their current outcome, and
-- the attempts started in it (count, longest, newest); delivery_latency_stats the attempts' durations as a histogram
-- (buckets of delivery_latency_bounds(): exact to 10 ms, then 10% wide). Statement triggers keep them, so every path
-- that writes a delivery or an attempt (publishing, settling, redeliver, replay, test fixtures) counts, aggregated
-- once per statement rather than per row. Test sends are not counted.
--
-- `writer` is the writing session (pg_backend_pid()): two sessions never update the same row, so counting adds no
-- lock wait and no deadlock between publishers and dispatchers; an hour's figures are the sum of its rows (a row may
-- hold negative counts: a delivery settled by another session than the one that published it). Maintenance merges
-- the rows of past hours into one (writer 0) and deletes those older than the longest window.

CREATE FUNCTION delivery_latency_bounds() RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT '{1,2,3,4,5,6,7,8,9,10,11,13,15,17,19,21,24,27,30,33,37,41,46,51,57,63,70,77,85,94,104,115,127,140,154,
             170,188,207,228,251,277,305,336,370,408,449,494,544,599,659,725,798,878,966,1063,1170,1287,1416,1558,
             1714,1886,2075,2283,2512,2764,3041,3346,3681,4050,4455,4901,5392,5932,6526,7179,7897,8687,9556,10512,
             11564,12721,13994,15394,16934,18628,20491,22541,24796,27276,30004}'::int[]
$$;

CREATE TABLE delivery_stats (
    webhook_id        uuid NOT NULL,
    hour              timestamptz NOT NULL,
    writer            integer NOT NULL,
    tenant_id         uuid NOT NULL,
    succeeded         integer NOT NULL DEFAULT 0,
    failed            integer NOT NULL DEFAULT 0,
    retrying          integer NOT NULL DEFAULT 0,   -- pending, attempted at least once
    pending           integer NOT NULL DEFAULT 0,   -- pending, never attempted
    attempts          integer NOT NULL DEFAULT 0,
    longest_ms        integer,
    last_attempt_at   timestamptz,
    last_status_code  integer,
    last_error        text,
    last_duration_ms  integer,
    PRIMARY KEY (webhook_id, hour, writer)
);

CREATE TABLE delivery_latency_stats (
    webhook_id  uuid NOT NULL,
    hour        timestamptz NOT NULL,
    writer      integer NOT NULL,
    bucket      smallint NOT NULL,   -- width_bucket(duration_ms, delivery_latency_bounds())
    tenant_id   uuid NOT NULL,
    attempts    integer NOT NULL,
    PRIMARY KEY (webhook_id, hour, writer, bucket)
);

CREATE FUNCTION stats_count_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
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
        -- Only rows whose counted outcome or hour changed; the old row counts -1, the new one +1.
        INSERT INTO delivery_stats AS s (webhook_id, hour, writer, tenant_id, succeeded, failed, retrying, pending)
        SELECT webhook_id, hour, pg_backend_pid(), tenant_id, sum(sign * (status = 'succeeded')::int),
               sum(sign * (status = 'failed')::int), sum(sign * (status = 'pending' AND attempted)::int),
               sum(sign * (status = 'pending' AND NOT attempted)::int)
        FROM (
            SELECT c.* FROM old_deliveries o JOIN new_deliveries n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES
                (-1, o.webhook_id, date_trunc('hour', o.created_at, 'UTC'), o.tenant_id, o.status, o.attempt_count > 0,
                 o.is_test),
                (1, n.webhook_id, date_trunc('hour', n.created_at, 'UTC'), n.tenant_id, n.status, n.attempt_count > 0,
                 n.is_test)
            ) AS c(sign, webhook_id, hour, tenant_id, status, attempted, is_test)
            WHERE (o.status, o.attempt_count > 0, o.created_at, o.webhook_id, o.is_test)
                  IS DISTINCT FROM (n.status, n.attempt_count > 0, n.created_at, n.webhook_id, n.is_test)
        ) changed
        WHERE NOT is_test
        GROUP BY webhook_id, hour, tenant_id
        ON CONFLICT (webhook_id, hour, writer) DO UPDATE SET
            succeeded = s.succeeded + excluded.succeeded, failed = s.failed + excluded.failed,
            retrying = s.retrying + excluded.retrying, pending = s.pending + excluded.pending;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER deliveries_count_inserted AFTER INSERT ON deliveries
    REFERENCING NEW TABLE AS new_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION stats_count_deliveries();

CREATE TRIGGER deliveries_count_updated AFTER UPDATE ON deliveries
    REFERENCING OLD TABLE AS old_deliveries NEW TABLE AS new_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION stats_count_deliveries();

CREATE FUNCTION stats_count_attempts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH a AS MATERIALIZED (
        SELECT d.webhook_id, d.tenant_id, date_trunc('hour', a.started_at, 'UTC') AS hour, a.started_at,
               width_bucket(a.duration_ms, delivery_latency_bounds())::smallint AS bucket, a.duration_ms,
               a.status_code, a.error
        FROM new_attempts a JOIN deliveries d ON d.id = a.delivery_id AND d.tenant_id = a.tenant_id
        WHERE NOT d.is_test
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

CREATE TRIGGER attempts_count_inserted AFTER INSERT ON delivery_attempts
    REFERENCING NEW TABLE AS new_attempts
    FOR EACH STATEMENT EXECUTE FUNCTION stats_count_attempts();

-- A deleted webhook takes its figures along (deleted deliveries do not: the traffic happened, and their hours leave
-- the windows before the retention purge reaches them on every plan but the shortest).
CREATE FUNCTION forget_deleted_webhook_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM delivery_stats s USING deleted_webhooks w WHERE s.webhook_id = w.id;
    DELETE FROM delivery_latency_stats s USING deleted_webhooks w WHERE s.webhook_id = w.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER webhooks_forget_stats AFTER DELETE ON webhooks
    REFERENCING OLD TABLE AS deleted_webhooks
    FOR EACH STATEMENT EXECUTE FUNCTION forget_deleted_webhook_stats();

-- The last eight days of an existing log, so the charts keep their history across the upgrade.
INSERT INTO delivery_stats (webhook_id, hour, writer, tenant_id, succeeded, failed, retrying, pending)
SELECT webhook_id, date_trunc('hour', created_at, 'UTC'), 0, tenant_id,
       count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'),
       count(*) FILTER (WHERE status = 'pending' AND attempt_count > 0),
       count(*) FILTER (WHERE status = 'pending' AND attempt_count = 0)
FROM deliveries
WHERE NOT is_test AND created_at >= now() - interval '8 days'
GROUP BY 1, 2, 4;

WITH a AS (
    SELECT d.webhook_id, d.tenant_id, date_trunc('hour', a.started_at, 'UTC') AS hour, a.started_at, a.duration_ms,
           a.status_code, a.error
    FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id AND d.tenant_id = a.tenant_id
    WHERE NOT d.is_test AND a.started_at >= now() - interval '8 days'
),
latency AS (
    INSERT INTO delivery_latency_stats (webhook_id, hour, writer, bucket, tenant_id, attempts)
    SELECT webhook_id, hour, 0, width_bucket(duration_ms, delivery_latency_bounds()), tenant_id, count(*)
    FROM a GROUP BY 1, 2, 4, 5
)
INSERT INTO delivery_stats AS s (webhook_id, hour, writer, tenant_id, attempts, longest_ms, last_attempt_at,
                                 last_status_code, last_error, last_duration_ms)
SELECT DISTINCT ON (webhook_id, hour) webhook_id, hour, 0, tenant_id, count(*) OVER w, max(duration_ms) OVER w,
       started_at, status_code, error, duration_ms
FROM a
WINDOW w AS (PARTITION BY webhook_id, hour)
ORDER BY webhook_id, hour, started_at DESC
ON CONFLICT (webhook_id, hour, writer) DO UPDATE SET
    attempts = excluded.attempts, longest_ms = excluded.longest_ms, last_attempt_at = excluded.last_attempt_at,
    last_status_code = excluded.last_status_code, last_error = excluded.last_error,
    last_duration_ms = excluded.last_duration_ms;
