-- E-mails treu sends itself (docs/mail.md): the customer's language, the
-- shop's mail settings, the merchant's templates, marketing consent (double
-- opt-in), the events waiting to be mailed, and the delivery log.

-- The customer's language (`de`, `en`), given when they opted in; else the shop's default.
ALTER TABLE customers ADD COLUMN locale TEXT;

-- One row: the shop's name in mails, its default language, time zone and quiet hours.
CREATE TABLE mail_settings (
    id               BIGINT PRIMARY KEY,   -- always 1
    shop_name        TEXT   NOT NULL,
    default_language TEXT   NOT NULL,      -- de | en
    timezone         TEXT   NOT NULL,      -- an IANA time zone, e.g. Europe/Berlin
    quiet_start      BIGINT NOT NULL,      -- minutes after local midnight; equal to quiet_end: no quiet hours
    quiet_end        BIGINT NOT NULL,
    secret           TEXT,                 -- signs confirm and unsubscribe links; made on first use
    updated_at       BIGINT NOT NULL
);
INSERT INTO mail_settings (id, shop_name, default_language, timezone, quiet_start, quiet_end, secret, updated_at)
VALUES (1, 'treu', 'en', 'UTC', 1260, 480, NULL, 0);

-- The merchant's own templates; a kind and language without a row uses the shipped default.
CREATE TABLE mail_templates (
    kind       TEXT   NOT NULL,
    language   TEXT   NOT NULL,
    subject    TEXT   NOT NULL,
    text_body  TEXT   NOT NULL,
    html_body  TEXT   NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (kind, language)
);

-- Marketing consent, double opt-in: requested, then confirmed through the
-- link of the opt-in mail; unsubscribed ends it. Times on the host's clock.
CREATE TABLE mail_consent (
    customer_id     TEXT   PRIMARY KEY,
    status          TEXT   NOT NULL,       -- requested | confirmed | unsubscribed
    requested_at    BIGINT,
    confirmed_at    BIGINT,
    unsubscribed_at BIGINT,
    source          TEXT   NOT NULL,       -- storefront | admin | shopify | link | demo
    updated_at      BIGINT NOT NULL
);

-- Events of a kind with a template, waiting to be mailed or settled.
CREATE TABLE mail_items (
    event_id    TEXT   PRIMARY KEY,
    customer_id TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    status      TEXT   NOT NULL,           -- pending | sent | skipped | failed
    due_at      BIGINT NOT NULL,           -- unix seconds on the host's clock
    attempts    BIGINT NOT NULL,
    mail_id     TEXT                       -- the log entry that settled it
);
CREATE INDEX mail_items_due ON mail_items (status, due_at);

-- Every mail sent, deferred, failed or skipped, with the reason.
CREATE TABLE mail_log (
    id          TEXT   PRIMARY KEY,
    customer_id TEXT   NOT NULL,
    recipient   TEXT,
    kind        TEXT   NOT NULL,           -- an event kind, digest, or consent.confirm
    subject     TEXT,
    status      TEXT   NOT NULL,           -- sent | deferred | failed | skipped
    reason      TEXT,
    events      TEXT   NOT NULL,           -- JSON array of event ids
    at          BIGINT NOT NULL,           -- unix seconds on the host's clock
    created_at  BIGINT NOT NULL            -- unix milliseconds, real time: orders the log
);
CREATE INDEX mail_log_created ON mail_log (created_at);
CREATE INDEX mail_log_customer ON mail_log (customer_id, status, at);
