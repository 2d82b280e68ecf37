-- autocommit.sql's call inside BEGIN/COMMIT, as the library's nextValue inside transactionResult.
\set id :client_id * :spread
BEGIN;
INSERT INTO sequences_sequence (name, last) VALUES ('bench-pgdj-' || :id, 1) ON CONFLICT (name) DO UPDATE SET last = sequences_sequence.last + 1 RETURNING last;
COMMIT;
