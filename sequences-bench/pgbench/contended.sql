-- P1 in pgbench: the library's statements for one transaction on ONE sequence.
BEGIN;
INSERT INTO sequences_sequence (name, last) VALUES ('bench-pgbench', 1) ON CONFLICT (name) DO UPDATE SET last = sequences_sequence.last + 1 RETURNING last AS number \gset
INSERT INTO bench_invoice (number, amount_cents) VALUES (:number + 1000000000, 12345);
COMMIT;
