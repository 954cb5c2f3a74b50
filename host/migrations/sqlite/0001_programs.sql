-- Every program the merchant has saved. The newest version is the one in force;
-- older versions are kept so a change can be audited and rolled back.
CREATE TABLE programs (
    version    INTEGER PRIMARY KEY AUTOINCREMENT,
    body       TEXT    NOT NULL,  -- the program as JSON, validated by the engine before it is stored
    created_at INTEGER NOT NULL   -- unix seconds
);
