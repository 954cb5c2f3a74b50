-- The authoritative ledger and what it is derived from: the same tables as
-- ../sqlite/0002_ledger.sql, with PostgreSQL's integer type for SQLite's.
-- Instants are Unix seconds; amounts are minor units; points integers.

-- Members, created the first time a token, a webhook or an admin names them.
CREATE TABLE customers (
    id            TEXT   PRIMARY KEY,          -- the shop's customer id (the token's `sub`)
    email         TEXT,
    name          TEXT,
    address       TEXT,                        -- last shipping address, for the self-referral rule
    referral_code TEXT   NOT NULL UNIQUE,      -- canonical form, engine-generated from OS randomness
    created_at    BIGINT NOT NULL
);

-- Ledger entries, append-only: the engine's `ledger::Entry`, one row each.
-- `points` is the signed change; `change` holds the whole change as JSON.
CREATE TABLE ledger_entries (
    customer_id     TEXT   NOT NULL REFERENCES customers (id),
    seq             BIGINT NOT NULL,           -- 1, 2, 3 … per customer, no gaps
    idempotency_key TEXT   NOT NULL,
    at              BIGINT NOT NULL,
    kind            TEXT   NOT NULL,           -- earn | redeem | reverse | expire | adjust
    points          BIGINT NOT NULL,
    change          TEXT   NOT NULL,
    PRIMARY KEY (customer_id, seq)
);
CREATE INDEX ledger_entries_at ON ledger_entries (at);

-- Paid orders, as the platform reported them.
CREATE TABLE orders (
    id             TEXT   PRIMARY KEY,
    customer_id    TEXT   NOT NULL REFERENCES customers (id),
    placed_at      BIGINT NOT NULL,
    currency       TEXT   NOT NULL,
    total          BIGINT NOT NULL,            -- what the customer paid
    eligible_spend BIGINT NOT NULL,            -- the engine's eligible spend (earn and tier basis)
    refunded       BIGINT NOT NULL DEFAULT 0,
    status         TEXT   NOT NULL,            -- paid | partiallyRefunded | refunded | cancelled
    paid_at        BIGINT NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id);

-- Refunds and cancellations, also those that arrive before the order is paid.
CREATE TABLE order_refunds (
    order_id    TEXT   NOT NULL,
    refund_id   TEXT   NOT NULL,               -- the platform's refund id; `cancel` for a cancellation
    amount      BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (order_id, refund_id)
);

-- Every webhook event handled, so a second delivery changes nothing.
CREATE TABLE webhook_events (
    id          TEXT   PRIMARY KEY,
    type        TEXT   NOT NULL,
    order_id    TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    response    TEXT   NOT NULL                -- the JSON answered the first time
);

-- Discount codes issued for redemptions.
CREATE TABLE redemptions (
    code        TEXT   PRIMARY KEY,
    customer_id TEXT   NOT NULL REFERENCES customers (id),
    option_id   TEXT   NOT NULL,
    points      BIGINT NOT NULL,
    body        TEXT   NOT NULL,               -- the engine's `redemption::Redemption` as JSON
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT,
    status      TEXT   NOT NULL,               -- issued | used | returned
    used_order  TEXT
);
CREATE INDEX redemptions_customer ON redemptions (customer_id, status);

-- Actions a member reported that need proof from the platform before they earn.
CREATE TABLE pending_actions (
    id          TEXT   PRIMARY KEY,            -- `<customer>:<idempotency key>`
    customer_id TEXT   NOT NULL REFERENCES customers (id),
    action      TEXT   NOT NULL,
    reference   TEXT,
    created_at  BIGINT NOT NULL,
    status      TEXT   NOT NULL                -- pending | confirmed | rejected
);

-- A friend who arrived with an advocate's code (one advocate per friend).
CREATE TABLE referrals (
    friend_id    TEXT   PRIMARY KEY REFERENCES customers (id),
    advocate_id  TEXT   NOT NULL REFERENCES customers (id),
    claimed_at   BIGINT NOT NULL,
    status       TEXT   NOT NULL,              -- claimed | converted | refused
    order_id     TEXT,                         -- the friend's first paid order
    refusal      TEXT                          -- the engine's reason, as JSON
);
CREATE INDEX referrals_advocate ON referrals (advocate_id);

-- Responses to POSTs by idempotency key, kept at least 7 days.
CREATE TABLE idempotency_keys (
    scope         TEXT   NOT NULL,             -- who sent it: `customer:<id>`, `guest:<ip>`, `admin`
    key           TEXT   NOT NULL,
    request_hash  TEXT   NOT NULL,             -- SHA-256 of method, path and body
    status        BIGINT,                     -- NULL while the first request is in flight
    content_type  TEXT,
    body          TEXT,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
