-- Table name: ${sequences_table}_issued, the ledger of the number series (sequences-series) whose
-- counters live in ${sequences_table}; in the same schema, named after it. The counter table itself
-- is not changed. One row per record, appended and never changed: 'issue' for a number issued,
-- 'void' for a number voided afterwards (with its reason). counter is the counter's name in
-- ${sequences_table}; entry numbers a counter's records 1, 2, 3, ... in the order they were written;
-- latest_date is the latest document date issued in the counter up to this record; recorded_at is
-- the database's clock as UTC ISO-8601 text with milliseconds (2026-03-14T09:30:12.345Z), exactly as
-- hashed; hash and previous_hash are set for chained series only (SHA-256, lower-case hex).
CREATE TABLE IF NOT EXISTS ${sequences_table}_issued (
    counter VARCHAR(100) NOT NULL,
    entry BIGINT NOT NULL,
    kind VARCHAR(5) NOT NULL,
    series VARCHAR(30) NOT NULL,
    scope VARCHAR(50) NOT NULL,
    period VARCHAR(10) NOT NULL,
    number BIGINT NOT NULL,
    text VARCHAR(100) NOT NULL,
    document_date DATE NOT NULL,
    latest_date DATE NOT NULL,
    recorded_at VARCHAR(24) NOT NULL,
    reason VARCHAR(200),
    previous_hash CHAR(64),
    hash CHAR(64),
    PRIMARY KEY (counter, entry),
    UNIQUE (counter, number, kind)
);
