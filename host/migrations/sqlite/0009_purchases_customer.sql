-- Each purchase row names its customer, so that a customer's purchase history
-- (read by every order webhook, for segments) is one index lookup on this
-- table rather than a join with `orders` (the PostgreSQL migration says why it
-- matters there; both databases keep the same tables). SQLite adds a NOT NULL
-- column only with a default: every row gets its order's customer at once.
ALTER TABLE order_purchases ADD COLUMN customer_id TEXT NOT NULL DEFAULT '';
UPDATE order_purchases SET customer_id = (SELECT o.customer_id FROM orders AS o WHERE o.id = order_purchases.order_id);
CREATE INDEX order_purchases_customer ON order_purchases (customer_id);
