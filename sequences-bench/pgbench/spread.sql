-- P5 in pgbench: the library's statements for one transaction, each client on its own sequence.
BEGIN;
INSERT INTO sequences_sequence (name, last) VALUES ('bench-pgspread-' || :client_id, 1) ON CONFLICT (name) DO UPDATE SET last = sequences_sequence.last + 1 RETURNING last AS number \gset
INSERT INTO bench_spread_invoice (sequence_name, number, amount_cents) VALUES ('bench-pgspread-' || :client_id, :number, 12345);
COMMIT;
