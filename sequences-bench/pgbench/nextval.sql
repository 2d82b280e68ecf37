-- The gapped upper bound: a PostgreSQL sequence (nextval never waits and never gives a number back).
-- Offset 2e9, clear of contended.sql's 1e9, so that both can run against one table (Interleaved).
BEGIN;
SELECT nextval('bench_nextval') + 2000000000 AS number \gset
INSERT INTO bench_invoice (number, amount_cents) VALUES (:number, 12345);
COMMIT;
