-- An attempt is identified by its delivery and its number: settling writes the attempt numbers 1...attempt_count of
-- a delivery once each, under the delivery's lease, and only the next number (DeliveryQueue.record), so
-- (delivery_id, attempt_number) is unique. The surrogate `id` cost every attempt a sequence step and an index entry
-- of its own, and nothing reads it. The index by delivery and number becomes the primary key.
ALTER TABLE delivery_attempts DROP CONSTRAINT delivery_attempts_pkey;
ALTER TABLE delivery_attempts DROP COLUMN id;
ALTER TABLE delivery_attempts ADD CONSTRAINT delivery_attempts_pkey PRIMARY KEY (delivery_id, attempt_number);
DROP INDEX delivery_attempts_delivery_idx;
