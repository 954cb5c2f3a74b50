-- PostgreSQL: the same tables as ../sqlite/, column for column (BIGINT where
-- SQLite says INTEGER), so one set of queries (storage/) runs on both.
-- Every program the merchant has saved. The newest version is the one in force;
-- older versions are kept so a change can be audited and rolled back.
CREATE TABLE programs (
    version    BIGINT  PRIMARY KEY,      -- 1, 2, 3 …: the saving transaction takes the next (storage/programs.rs)
    body       TEXT    NOT NULL,  -- the program as JSON, validated by the engine before it is stored
    created_at BIGINT  NOT NULL   -- unix seconds
);
