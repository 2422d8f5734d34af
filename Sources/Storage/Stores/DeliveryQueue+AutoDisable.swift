import Foundation

extension DeliveryQueue {
    /// How long a webhook may fail without one success before it is disabled automatically, by default.
    public static let defaultAutoDisableAfter: Duration = .seconds(5 * 86_400)

    /// The part of ``recordSQL`` that keeps each webhook's counters and applies the auto-disable rule, aggregated
    /// over the batch's `applied` outcomes (test sends left out): every attempt sets `last_triggered_at`; a success
    /// adds to `success_count`, sets `last_success_at` and clears `failing_since`; a failed attempt sets
    /// `last_failure_at` and starts `failing_since` if unset, unless its status asked for a slower pace (429, 502,
    /// 503, 504: an overloaded receiver is not a broken one, so those failures neither start nor end a failing
    /// streak); a final failure adds to `failure_count`. A webhook whose `failing_since` is then at or before `$3`
    /// (`autoDisableAfter` before `now`), with no success in the batch, is disabled with a `disabled_reason`; so is
    /// a webhook whose receiver answered `410 Gone` (whatever else the batch holds; that reason wins). Either is
    /// answered as a `touched` row with `disabled`. Webhook rows are locked in id order, so concurrent batches
    /// cannot deadlock on them.
    static let webhookCountersSQL = """
        scored AS (
            SELECT webhook_id, tenant_id, started_at, verdict, status_code, event_type,
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
                                             AND status_code IS DISTINCT FROM 429 AND status_code IS DISTINCT FROM 502
                                             AND status_code IS DISTINCT FROM 503 AND status_code IS DISTINCT FROM 504
                                             AND (success_at IS NULL OR started_at > success_at)) AS streak_from,
                   -- the receiver answered 410 Gone: the webhook is disabled at once
                   min(started_at) FILTER (WHERE status_code = 410) AS gone_at,
                   -- a disable raises webhook.disabled unless only operational deliveries failed in the batch
                   coalesce(bool_or(verdict <> 'succeeded' AND event_type <> ALL ($16::text[])), false) AS raises
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
                    WHEN w.disabled_reason IS NULL AND c.gone_at IS NOT NULL
                    THEN 'Disabled because the receiver answered 410 Gone at '
                         || to_char(c.gone_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                    WHEN w.disabled_reason IS NULL AND c.successes = 0
                         AND COALESCE(w.failing_since, c.streak_from) <= $3
                    THEN 'Disabled automatically after failing since '
                         || to_char(COALESCE(w.failing_since, c.streak_from) AT TIME ZONE 'UTC',
                                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                         || ' without a success'
                    ELSE w.disabled_reason END,
                disabled_at = CASE
                    WHEN w.disabled_reason IS NULL AND (c.gone_at IS NOT NULL OR (c.successes = 0
                         AND COALESCE(w.failing_since, c.streak_from) <= $3))
                    THEN $2 ELSE w.disabled_at END,
                updated_at = CASE
                    WHEN w.disabled_reason IS NULL AND (c.gone_at IS NOT NULL OR (c.successes = 0
                         AND COALESCE(w.failing_since, c.streak_from) <= $3))
                    THEN $2 ELSE w.updated_at END
            FROM counted c
            WHERE w.tenant_id = c.tenant_id AND w.id = c.webhook_id
            RETURNING w.id, w.tenant_id, w.chatbot_id, w.name, w.url, w.disabled_reason, w.disabled_at, c.raises,
                      w.disabled_reason IS NOT NULL AND w.disabled_at = $2 AND w.updated_at = $2 AS disabled
        )
        """
}
