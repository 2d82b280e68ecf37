-- Table name: ${sequences_table} (by default sequences_sequence; SequencesSchema can name another).
-- The counter table, laid out as django-sequences lays it out. SQLite compares text with the BINARY
-- collation by default, so names compare exactly; it does not enforce VARCHAR lengths
-- (GaplessSequence limits names to 100 code points).
CREATE TABLE IF NOT EXISTS ${sequences_table} (
    name VARCHAR(100) NOT NULL,
    last BIGINT NOT NULL,
    CONSTRAINT ${sequences_table}_pkey PRIMARY KEY (name)
);
