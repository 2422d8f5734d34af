-- Ordered delivery, per webhook (issue 17). `ordering`: 'concurrent' (the default: deliveries go as the webhook's
-- slots allow, in any order) or 'fifo' (one at a time, in publish order; a failing delivery holds the ones behind it
-- until it succeeds or fails for good).
ALTER TABLE webhooks ADD COLUMN ordering text NOT NULL DEFAULT 'concurrent' CHECK (ordering IN ('concurrent', 'fifo'));

-- A fifo webhook's queue rows carry `fifo` and their publish order (`position`, from a sequence). The claim takes a
-- fifo row only when it is its webhook's first in that order and none of the webhook's rows is leased
-- (docs/dispatcher.md, "Ordered delivery"); the partial index answers that per webhook and holds fifo rows only, so
-- the rows of concurrent webhooks (the hot path) pay nothing for it.
CREATE SEQUENCE delivery_queue_position_seq;
ALTER TABLE delivery_queue ADD COLUMN fifo boolean NOT NULL DEFAULT false;
ALTER TABLE delivery_queue ADD COLUMN position bigint;
ALTER TABLE delivery_queue ADD CONSTRAINT delivery_queue_fifo_position CHECK (NOT fifo OR position IS NOT NULL);
CREATE INDEX delivery_queue_fifo_idx ON delivery_queue (webhook_id, position) WHERE fifo;
