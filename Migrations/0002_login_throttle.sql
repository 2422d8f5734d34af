-- Login rate limiting, shared by every server process: one fixed-window failure counter per bucket.
-- A bucket is 'account:<hex SHA-256 of the lowercased email>' or 'address:<hex SHA-256 of the client address, IPv6
-- reduced to its /64>', so no email or address is kept in clear here. Failures are counted with one atomic upsert;
-- a window older than the policy's length counts as empty and is restarted by the next failure.
CREATE TABLE login_throttle (
    bucket        text PRIMARY KEY CHECK (length(bucket) <= 200),
    window_start  timestamptz NOT NULL,
    failures      integer NOT NULL CHECK (failures >= 0)
);
-- For the periodic purge of finished windows.
CREATE INDEX login_throttle_window_idx ON login_throttle (window_start);
