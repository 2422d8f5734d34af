-- Writes one slice of a delivery history for Benchmarks/history/run: deliveries g = :lo .. :hi of :total, spread
-- evenly over the last :days days in time order (as a real log is written), each with its event and attempts.
-- Webhook layout (the psql variables :hot, :clean and :others, an array of ids, come from the run script):
--   every 10th delivery goes to :hot (one million of ten million): 95% succeeded, 4% failed, 1% pending (a retry due
--   tomorrow, so the running dispatcher leaves it alone), nine event types and never ticket.updated;
--   every 20th (offset 1) to :clean: all succeeded, so `status=failed` matches nothing there;
--   the rest spread over :others, with the same mix as :hot and all ten types.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE slice ON COMMIT DROP AS
SELECT g,
       md5(g::text || 'delivery')::uuid AS delivery_id,
       md5(g::text || 'event')::uuid AS event_id,
       CASE WHEN g % 10 = 0 THEN :'hot'::uuid
            WHEN g % 20 = 1 THEN :'clean'::uuid
            ELSE (:'others'::uuid[])[1 + (g / 7) % cardinality(:'others'::uuid[])] END AS webhook_id,
       CASE WHEN g % 10 = 0 THEN (ARRAY['visitor.created', 'conversation.started', 'message.created',
                                        'conversation.escalated', 'conversation.ended', 'lead.created',
                                        'lead.updated', 'ticket.created', 'webhook.test'])[1 + (g / 10) % 9]
            ELSE (ARRAY['visitor.created', 'conversation.started', 'message.created', 'conversation.escalated',
                        'conversation.ended', 'lead.created', 'lead.updated', 'ticket.created', 'ticket.updated',
                        'webhook.test'])[1 + (g / 3) % 10] END AS event_type,
       CASE WHEN g % 20 = 1 THEN 'succeeded'
            WHEN (g / 10) % 100 < 95 THEN 'succeeded'
            WHEN (g / 10) % 100 < 99 THEN 'failed'
            ELSE 'pending' END AS status,
       now() - make_interval(secs => (:days * 86400.0) * (1 - g::float8 / :total)) AS created_at
FROM generate_series(:lo::bigint, :hi::bigint) AS g;

INSERT INTO events (id, tenant_id, chatbot_id, type, data, occurred_at, deliveries_queued)
SELECT event_id, :'tenant', :'chatbot', event_type,
       '{"id":"lead_' || g || '","name":"Visitor ' || g || '","email":"visitor' || g || '@example.com","source":"benchmark"}',
       created_at, 1
FROM slice;

INSERT INTO deliveries (id, tenant_id, webhook_id, event_id, event_type, is_test, status, attempt_count,
                        next_attempt_at, last_status_code, last_error, created_at, updated_at, completed_at)
SELECT delivery_id, :'tenant', webhook_id, event_id, event_type, false, status,
       CASE status WHEN 'failed' THEN 2 ELSE 1 END,
       CASE status WHEN 'pending' THEN now() + interval '1 day' ELSE created_at END,
       CASE status WHEN 'succeeded' THEN 200 WHEN 'failed' THEN 500 ELSE 503 END,
       CASE status WHEN 'succeeded' THEN NULL ELSE 'HTTP ' || CASE status WHEN 'failed' THEN 500 ELSE 503 END END,
       created_at, created_at + interval '40 milliseconds',
       CASE status WHEN 'pending' THEN NULL ELSE created_at + interval '40 milliseconds' END
FROM slice;

INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, created_at)
SELECT delivery_id, :'tenant', webhook_id, false, now() + interval '1 day', created_at FROM slice WHERE status = 'pending';

INSERT INTO delivery_failures (webhook_id, created_at, delivery_id, tenant_id, event_type)
SELECT webhook_id, created_at, delivery_id, :'tenant', event_type FROM slice WHERE status = 'failed';

INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms, status_code, error,
                               response_body, request_headers, request_format)
SELECT :'tenant', delivery_id, n, created_at + make_interval(secs => n - 1), 20 + (g % 180),
       CASE WHEN status = 'succeeded' THEN 200 WHEN status = 'failed' THEN 500 ELSE 503 END,
       CASE WHEN status = 'succeeded' THEN NULL ELSE 'HTTP ' || CASE status WHEN 'failed' THEN 500 ELSE 503 END END,
       CASE WHEN status = 'succeeded' THEN 'OK' ELSE 'upstream unavailable' END,
       E'Content-Type: application/json\nUser-Agent: ChatbotWebhooks/1.0\nX-Webhook-Event: ' || event_type
         || E'\nwebhook-id: ' || delivery_id || E'\nwebhook-timestamp: 1796541087'
         || E'\nwebhook-signature: v1,vNMuj2z454jV0ZqbjI7/WqKbAoSTgDjlBeWAKZSop60=',
       'standard'
FROM slice, generate_series(1, CASE status WHEN 'failed' THEN 2 ELSE 1 END) AS n;
COMMIT;
