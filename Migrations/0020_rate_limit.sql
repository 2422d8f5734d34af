-- Pace, per webhook (issue 17): at most `rate_limit` requests per second to the webhook (one every 1/rate_limit
-- seconds, no burst), beside max_concurrency; NULL means no limit. Deliveries that wait for their turn are neither
-- attempts nor failures.
ALTER TABLE webhooks ADD COLUMN rate_limit integer CHECK (rate_limit BETWEEN 1 AND 1000);
