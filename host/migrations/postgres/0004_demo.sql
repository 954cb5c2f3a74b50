-- The host's one clock: how far it runs ahead of real time. Only a host started
-- with --movable-clock (the demo, tests) moves it, and only forward; kept here so
-- a restart keeps the moved date and the ledger never sees time go back.
CREATE TABLE clock (
    id             BIGINT  PRIMARY KEY CHECK (id = 1),
    offset_seconds BIGINT  NOT NULL CHECK (offset_seconds >= 0)
);
INSERT INTO clock (id, offset_seconds) VALUES (1, 0);

-- The demo shop's own orders (serve --demo-shop only): what a shop platform keeps
-- about an order, so "My orders" and the refund buttons have something to show.
-- treu's ledger learns about them only through the signed webhooks.
CREATE TABLE demo_orders (
    id            TEXT   PRIMARY KEY,
    customer_id   TEXT,                        -- NULL for a guest checkout
    email         TEXT,
    placed_at     BIGINT NOT NULL,
    currency      TEXT   NOT NULL,
    cart          TEXT   NOT NULL,             -- the engine's cart as JSON
    subtotal      BIGINT NOT NULL,
    discount      BIGINT NOT NULL,
    shipping      BIGINT NOT NULL,
    total         BIGINT NOT NULL,             -- what was paid
    discount_code TEXT,
    refunded      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX demo_orders_customer ON demo_orders (customer_id, placed_at);
