-- Outbound events (docs/events.md): the same tables as ../sqlite/0006_events.sql.
-- An outbox written in the same transaction as the change that caused each event,
-- the merchant's endpoints, and one delivery row per (event, endpoint).

-- The merchant's settings for time-driven events; one row.
CREATE TABLE event_settings (
    id                   BIGINT PRIMARY KEY,   -- always 1
    points_expiring_days BIGINT NOT NULL,      -- `points.expiring` fires this many days before a lot expires
    code_expiring_days   BIGINT NOT NULL,      -- `code.expiring` fires this many days before a code expires
    updated_at           BIGINT NOT NULL
);
INSERT INTO event_settings (id, points_expiring_days, code_expiring_days, updated_at) VALUES (1, 7, 3, 0);

-- Where events go: an http(s) URL, the event types it takes, its signing secret.
CREATE TABLE event_endpoints (
    id              TEXT   PRIMARY KEY,
    url             TEXT   NOT NULL,
    types           TEXT   NOT NULL,         -- JSON array of event types
    description     TEXT   NOT NULL,
    secret          TEXT   NOT NULL,
    previous_secret TEXT,                    -- still signs beside the new one after a rotation
    previous_until  BIGINT,                  -- unix seconds (real time): until then
    enabled         BIGINT NOT NULL,         -- 1 | 0
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);

-- The outbox. `dedupe_key` names what the event is about (a lot, a code, an
-- absence, a ledger write), so one fact makes one event however often, and on
-- however many hosts, it is noticed.
CREATE TABLE events (
    id          TEXT   PRIMARY KEY,          -- evt_<hex>, in the header and the body
    type        TEXT   NOT NULL,
    customer_id TEXT   NOT NULL,
    dedupe_key  TEXT   NOT NULL UNIQUE,
    occurred_at BIGINT NOT NULL,             -- unix seconds on the host's clock
    created_at  BIGINT NOT NULL,             -- unix milliseconds, real time: orders the log
    body        TEXT   NOT NULL              -- the JSON sent, byte for byte
);
CREATE INDEX events_created ON events (created_at);
CREATE INDEX events_customer ON events (customer_id);

-- One event to one endpoint. A worker owns a row while `claimed_until` lies
-- ahead; `replay` adds a new row for the same event.
CREATE TABLE event_deliveries (
    id              TEXT   PRIMARY KEY,
    event_id        TEXT   NOT NULL REFERENCES events (id),
    endpoint_id     TEXT   NOT NULL,         -- kept in the log after the endpoint is deleted
    url             TEXT   NOT NULL,         -- where it went (the endpoint's URL may change)
    status          TEXT   NOT NULL,         -- pending | delivered | failed
    attempts        BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,         -- unix milliseconds, real time
    claimed_until   BIGINT,                  -- unix milliseconds, real time
    response_status BIGINT,                  -- the last answer's HTTP status
    last_error      TEXT,
    created_at      BIGINT NOT NULL,         -- unix milliseconds, real time
    delivered_at    BIGINT                   -- unix milliseconds, real time
);
CREATE INDEX event_deliveries_due ON event_deliveries (status, next_attempt_at);
CREATE INDEX event_deliveries_event ON event_deliveries (event_id);
