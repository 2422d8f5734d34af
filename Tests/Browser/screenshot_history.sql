-- A week of past traffic for one webhook, so the screenshots' charts have a shape: more by day than by night, a bad
-- afternoon two days ago, latencies that vary. Variables: :tenant, :chatbot, :webhook (scripts/screenshots).
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE past ON COMMIT DROP AS
SELECT g, md5(g::text || :'webhook' || 'd')::uuid AS delivery_id, md5(g::text || :'webhook' || 'e')::uuid AS event_id,
       moment,
       CASE WHEN moment BETWEEN now() - interval '2 days 4 hours' AND now() - interval '2 days 1 hour'
            THEN (g % 3 = 0) ELSE (g % 29 = 0) END AS failed,
       (ARRAY['lead.created', 'lead.updated'])[1 + g % 2] AS event_type
FROM (SELECT g, now() - interval '7 days' + make_interval(secs => g * 300 + (g * 7919) % 240) AS moment
      FROM generate_series(1, 2000) AS g) AS s
-- Fewer at night (by the server's clock): keep every third between 22:00 and 07:00.
WHERE moment < now() - interval '5 minutes'
  AND (extract(hour FROM moment) BETWEEN 7 AND 21 OR g % 3 = 0);

INSERT INTO events (id, tenant_id, chatbot_id, type, data, occurred_at, deliveries_queued)
SELECT event_id, :'tenant', :'chatbot', event_type, '{"id":"lead_past_' || g || '","name":"Visitor ' || g || '"}', moment, 1
FROM past;
INSERT INTO deliveries (id, tenant_id, webhook_id, event_id, event_type, status, attempt_count, next_attempt_at,
                        last_status_code, last_error, created_at, updated_at, completed_at)
SELECT delivery_id, :'tenant', :'webhook', event_id, event_type, CASE WHEN failed THEN 'failed' ELSE 'succeeded' END,
       CASE WHEN failed THEN 2 ELSE 1 END, moment, CASE WHEN failed THEN 503 ELSE 200 END,
       CASE WHEN failed THEN 'HTTP 503' END, moment, moment + interval '1 second', moment + interval '1 second'
FROM past;
-- The log's `status=failed` path (migration 0022).
INSERT INTO delivery_failures (webhook_id, created_at, delivery_id, tenant_id, event_type)
SELECT :'webhook', moment, delivery_id, :'tenant', event_type FROM past WHERE failed;
INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms, status_code, error,
                               response_body)
SELECT :'tenant', delivery_id, n, moment + make_interval(secs => n - 1),
       40 + (g * 37) % 160 + CASE WHEN extract(hour FROM moment) BETWEEN 12 AND 14 THEN 220 ELSE 0 END,
       CASE WHEN failed THEN 503 ELSE 200 END, CASE WHEN failed THEN 'HTTP 503' END,
       CASE WHEN failed THEN 'upstream CRM unavailable' ELSE 'OK' END
FROM past, generate_series(1, CASE WHEN failed THEN 2 ELSE 1 END) AS n;
COMMIT;
