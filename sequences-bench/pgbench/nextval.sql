-- The gapped upper bound: a PostgreSQL sequence (nextval never waits and never gives a number back).
BEGIN;
SELECT nextval('bench_nextval') + 1000000000 AS number \gset
INSERT INTO bench_invoice (number, amount_cents) VALUES (:number, 12345);
COMMIT;
