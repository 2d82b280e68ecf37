-- Table name: ${sequences_table} (by default sequences_sequence; SequencesSchema can name another).
-- The counter table. Names are quoted so that they are lower case, as jOOQ renders them by default.
-- H2 counts a VARCHAR's length in UTF-16 units, so 200 of them hold 100 code points outside the BMP;
-- GaplessSequence itself limits names to 100 code points.
CREATE TABLE IF NOT EXISTS "${sequences_table}" (
    "name" VARCHAR(200) NOT NULL,
    "last" BIGINT NOT NULL,
    CONSTRAINT "${sequences_table}_pkey" PRIMARY KEY ("name")
);
