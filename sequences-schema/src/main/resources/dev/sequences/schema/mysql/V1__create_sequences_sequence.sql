-- Table name: ${sequences_table} (by default sequences_sequence; SequencesSchema can name another).
-- The counter table, laid out as django-sequences lays it out, so that a Django application and a
-- Java service can share counters. Names compare exactly: a binary collation without trailing-space
-- padding (utf8mb4_0900_bin), so 'Invoices', 'invoices', 'inv' and 'inv ' are four sequences.
-- A table that django-sequences already created is adopted with its rows; its name column is moved to
-- that collation (which only ever separates names, never merges them) and its last column to a signed
-- BIGINT, so that sequences may start at zero or below.
CREATE TABLE IF NOT EXISTS ${sequences_table} (
    name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;

ALTER TABLE ${sequences_table}
    MODIFY name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
    MODIFY last BIGINT NOT NULL;
