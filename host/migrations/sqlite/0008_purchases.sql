-- What each paid order bought, for segments (docs/program.md, "Segments"):
-- the distinct product ids and collections of its cart lines, at most 100 of
-- each per order, as the engine's `PastOrder.products` / `.collections` read them.
CREATE TABLE order_purchases (
    order_id TEXT NOT NULL REFERENCES orders (id),
    kind     TEXT NOT NULL,                  -- product | collection
    name     TEXT NOT NULL,                  -- the product id or the collection
    position BIGINT NOT NULL,                -- order of first appearance in the cart
    PRIMARY KEY (order_id, kind, name)
);
