-- Redelivery and replay restart a delivery's retry budget without renumbering its attempts.
-- attempt_count keeps counting every attempt ever made, so attempt numbers in delivery_attempts stay unique and
-- increasing for the life of a delivery; budget_start is how many attempts preceded the current budget. The attempt
-- within the budget (what maxRetries and the backoff count) is attempt_count + 1 - budget_start.
ALTER TABLE deliveries ADD COLUMN budget_start integer NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_budget_start_check
    CHECK (budget_start >= 0 AND budget_start <= attempt_count);
