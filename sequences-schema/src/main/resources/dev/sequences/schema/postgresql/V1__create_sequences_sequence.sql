-- Table name: ${sequences_table} (by default sequences_sequence; SequencesSchema can name another).
-- The counter table, laid out as django-sequences lays it out, so that a Django application and a
-- Java service can share counters. A table that django-sequences already created is adopted as it is
-- (its rows are kept); only a 32-bit "last" column (django-sequences before 3.0) is widened.
CREATE TABLE IF NOT EXISTS ${sequences_table} (
    name VARCHAR(100) NOT NULL,
    last BIGINT NOT NULL,
    CONSTRAINT ${sequences_table}_pkey PRIMARY KEY (name)
);

/* [jooq ignore start] */
DO $$
BEGIN
    IF (SELECT data_type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = '${sequences_table}'
           AND column_name = 'last') <> 'bigint' THEN
        ALTER TABLE ${sequences_table} ALTER COLUMN last TYPE BIGINT;
    END IF;
END
$$;
/* [jooq ignore stop] */
