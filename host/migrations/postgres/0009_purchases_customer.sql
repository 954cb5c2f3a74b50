-- Each purchase row names its customer, so that a customer's purchase history
-- (read by every order webhook, for segments) is one index lookup on this
-- table rather than a join with `orders`, which the planner ran as a hash join
-- over a sequential scan of the whole table while its statistics were young.
-- Under SERIALIZABLE a sequential scan takes a predicate lock on the whole
-- relation, "to conflict with new insertions into the table" (PostgreSQL,
-- src/backend/access/heap/heapam.c, heap_beginscan; the documentation's
-- "Serializable Isolation Level" names table-scan plans as a cause of
-- serialization failures): every concurrent order then conflicted with every
-- other one's purchases.
ALTER TABLE order_purchases ADD COLUMN customer_id TEXT;
UPDATE order_purchases AS p SET customer_id = o.customer_id FROM orders AS o WHERE o.id = p.order_id;
ALTER TABLE order_purchases ALTER COLUMN customer_id SET NOT NULL;
CREATE INDEX order_purchases_customer ON order_purchases (customer_id);
