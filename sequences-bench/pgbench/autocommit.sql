-- django-sequences' benchmark shape in pgbench: one call = the library's upsert, in auto-commit (a
-- transaction of its own). -D spread=0: every client on ONE sequence; spread=1: each its own.
\set id :client_id * :spread
INSERT INTO sequences_sequence (name, last) VALUES ('bench-pgdj-' || :id, 1) ON CONFLICT (name) DO UPDATE SET last = sequences_sequence.last + 1 RETURNING last;
