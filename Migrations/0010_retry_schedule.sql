-- A webhook's explicit retry schedule: the exact delay before each retry, in milliseconds, replacing the
-- retry_delay_ms backoff. NULL means none (an empty list is stored as NULL). max_retries repeats its length, so
-- everything that reads max_retries (the claim, the answers) keeps counting retries the same way.
ALTER TABLE webhooks ADD COLUMN retry_schedule_ms integer[]
    CHECK (retry_schedule_ms IS NULL OR (
        array_ndims(retry_schedule_ms) = 1
        AND cardinality(retry_schedule_ms) = max_retries
        AND array_position(retry_schedule_ms, NULL) IS NULL
        AND 100 <= ALL (retry_schedule_ms) AND 86400000 >= ALL (retry_schedule_ms)));
