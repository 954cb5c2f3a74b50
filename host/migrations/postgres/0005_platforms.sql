-- Shopify and WooCommerce connections.

-- The last time each platform's orders were reconciled (`treu-host sync`):
-- the next run asks for orders modified since then.
CREATE TABLE platform_sync (
    platform     TEXT   PRIMARY KEY,       -- shopify | woocommerce
    synced_until BIGINT NOT NULL,          -- unix seconds: orders modified before this were fed
    ran_at       BIGINT NOT NULL
);

-- An order's total in the money it was recorded in and in the platform's
-- other money (Shopify's shop and presentment money), so a refund reported
-- in the other currency (Shopify refund transactions) is a share of the right total.
CREATE TABLE platform_orders (
    platform       TEXT   NOT NULL,
    order_id       TEXT   NOT NULL,
    currency       TEXT   NOT NULL,        -- the currency the order is recorded in
    total          BIGINT NOT NULL,
    other_currency TEXT   NOT NULL,
    other_total    BIGINT NOT NULL,
    seen_at        BIGINT NOT NULL,
    PRIMARY KEY (platform, order_id)
);

-- A Shopify refund (`refunds/create`) delivered before its order: kept in the
-- refund's own currency until the order's totals say what share it is.
CREATE TABLE platform_refunds_waiting (
    platform    TEXT   NOT NULL,
    order_id    TEXT   NOT NULL,
    refund_id   TEXT   NOT NULL,
    currency    TEXT   NOT NULL,
    amount      BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (platform, order_id, refund_id)
);
