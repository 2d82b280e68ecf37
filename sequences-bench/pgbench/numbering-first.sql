-- AtCommitBenchmark's numbering first in pgbench: the number, the document, 2 ms of other work.
BEGIN;
INSERT INTO sequences_sequence (name, last) VALUES ('bench-pgbench-first', 1) ON CONFLICT (name) DO UPDATE SET last = sequences_sequence.last + 1 RETURNING last AS number \gset
INSERT INTO bench_document (id, number) VALUES (:number + 1000000000, :number);
SELECT pg_sleep(0.002);
COMMIT;
