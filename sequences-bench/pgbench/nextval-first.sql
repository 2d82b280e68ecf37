-- numbering-first.sql with the gapped bound's number: a PostgreSQL sequence (Interleaved curve=sleep).
BEGIN;
SELECT nextval('bench_nextval') + 2000000000 AS number \gset
INSERT INTO bench_document (id, number) VALUES (:number, :number);
SELECT pg_sleep(0.002);
COMMIT;
