-- The merchant dashboard: who saved a program and why, sign-in sessions,
-- orders of shoppers without an account, and referral links shared.

-- Who saved each version ("API" for scripts, the dashboard user's name, or
-- "treu-host --program" at start) and an optional note (`restored:N` for a restore).
ALTER TABLE programs ADD COLUMN author TEXT;
ALTER TABLE programs ADD COLUMN note TEXT;

-- Dashboard sign-ins. Only the SHA-256 of the cookie's value is kept, so a copy
-- of the database does not let anyone in.
CREATE TABLE admin_sessions (
    id_hash    TEXT   PRIMARY KEY,             -- hex SHA-256 of the cookie value
    name       TEXT   NOT NULL,                -- shown as the author of program versions
    csrf_token TEXT   NOT NULL,                -- sent back in X-CSRF-Token on every change
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX admin_sessions_expires ON admin_sessions (expires_at);

-- Paid orders of guests (no customer account): they earn nothing and count
-- only in the revenue report.
CREATE TABLE guest_orders (
    id        TEXT   PRIMARY KEY,
    placed_at BIGINT NOT NULL,
    currency  TEXT   NOT NULL,
    total     BIGINT NOT NULL,
    refunded  BIGINT NOT NULL DEFAULT 0,
    status    TEXT   NOT NULL,                 -- paid | partiallyRefunded | refunded | cancelled
    paid_at   BIGINT NOT NULL
);
CREATE INDEX guest_orders_placed ON guest_orders (placed_at);

-- A member shared their referral link (written by the storefront), for the
-- referral funnel of the reports.
CREATE TABLE referral_shares (
    customer_id TEXT   NOT NULL,
    channel     TEXT   NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX referral_shares_at ON referral_shares (at);
