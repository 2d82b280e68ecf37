#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md against the databases named by SEQUENCES_TEST_*_URL/_USER/
# _PASSWORD (as .ci/run sets them), and pgbench with the same SQL. Results go to
# sequences-bench/target/results. "smoke" runs each benchmark once, briefly, to keep the code alive
# (ColdStart and SharedSequence too).
# "interleaved [quick|smoke] [key=value...]" runs the interleaved comparisons and draws the charts
# (interleaved/Interleaved.java says the options).
set -euo pipefail
cd "$(dirname "$0")"
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
JAR=target/benchmarks.jar
OUT=target/results
mkdir -p "$OUT"
jmh() { "$JAVA" -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true -jar "$JAR" "$@"; }
interleaved() {
  "$JAVA" -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true -cp "$JAR" dev.sequences.bench.interleaved.Interleaved "$@"
}

if [ "${1:-}" = smoke ]; then
  jmh 'Contended|Overhead|Batch|Spread|Scale|AtCommit|Series' -p database=postgres,mariadb -p n=10 -p sequences=10 \
    -f 1 -wi 0 -i 1 -r 200ms -t 1 -foe true
  jmh 'ListenerBenchmark' -f 1 -wi 0 -i 1 -r 200ms -t 1 -foe true
  "$JAVA" -Dorg.jooq.no-logo=true -cp "$JAR" dev.sequences.bench.ListenerCpuTime 2 10
  interleaved smoke out=target/results/smoke
  "$JAVA" -cp "$JAR" dev.sequences.bench.ColdStart rounds=1 threads=2 calls=5 warm-up=10
  "$JAVA" -cp "$JAR" dev.sequences.bench.SharedSequence threads=2 rounds=1 seconds=1 warm-up=1
  exit 0
fi

if [ "${1:-}" = interleaved ]; then
  shift
  interleaved "$@"
  exit 0
fi

if [ "${1:-}" = profile ]; then
  # Where the JVM spends its CPU: JFR samples, summed by JDK's jfr tool and, by call and component,
  # by ProfileBreakdown (which also gives the JVM's and the machine's CPU load). Twenty threads on
  # distinct and on one sequence, and one thread (the library against raw JDBC in each); MariaDB on
  # distinct sequences.
  profile() { # name, benchmark regex, threads[, database]
    jmh "$2" -p database="${4:-postgres}" -t "$3" -f 1 -wi 1 -w 2s -i 1 -r 10s \
      -prof "jfr:dir=$OUT/jfr-$1" | tee "$OUT/profile-$1.txt"
    for jfr in $(find "$OUT/jfr-$1" -name '*.jfr' | sort); do
      "${JAVA_HOME}/bin/jfr" view --width 200 hot-methods "$jfr"
      "$JAVA" -cp "$JAR" dev.sequences.bench.ProfileBreakdown "$jfr"
    done | tee "$OUT/profile-$1-hot-methods.txt"
  }
  profile spread-20 'SpreadBenchmark.(library|libraryInRawTransaction|rawJdbc)$' 20
  profile contended-20 'ContendedBenchmark.(library|rawJdbc)$' 20
  profile overhead-1 'OverheadBenchmark.(library|rawJdbc)$' 1
  profile spread-20-mariadb 'SpreadBenchmark.(library|libraryInRawTransaction|rawJdbc)$' 20 mariadb
  exit 0
fi

RUN=(-f 1 -wi 1 -w 2s -i 3 -r 3s)
for threads in 1 4 20 64; do
  jmh ContendedBenchmark -p database=postgres,mariadb -t "$threads" "${RUN[@]}" \
    -rf json -rff "$OUT/p1-contended-$threads.json" | tee "$OUT/p1-contended-$threads.txt"
done
jmh OverheadBenchmark -p database=postgres,mariadb -t 1 "${RUN[@]}" \
  -rf json -rff "$OUT/p2-overhead.json" | tee "$OUT/p2-overhead.txt"
# The listeners' cost, on H2 in memory (no server; about 8 minutes). A longer warm-up than RUN: an H2
# call is mostly jOOQ rendering its statement, slow until the JIT has compiled it. Then the same calls
# in thread CPU time, interleaved, which a shared machine disturbs less.
jmh 'ListenerBenchmark.nextValue$' \
  -t 1 -f 2 -wi 8 -w 4s -i 5 -r 3s -rf json -rff "$OUT/listener.json" | tee "$OUT/listener.txt"
jmh 'ListenerBenchmark.micrometerOnNextAlone' -t 1 -f 2 -wi 3 -w 2s -i 5 -r 2s \
  -rf json -rff "$OUT/listener-parts.json" | tee "$OUT/listener-parts.txt"
"$JAVA" -Dorg.jooq.no-logo=true -cp "$JAR" dev.sequences.bench.ListenerCpuTime 40 1000 \
  | tee "$OUT/listener-cpu.txt"
jmh SeriesBenchmark -p database=postgres,mariadb -t 1 "${RUN[@]}" \
  -rf json -rff "$OUT/series.json" | tee "$OUT/series.txt"
jmh BatchBenchmark -p database=postgres,mariadb -t 1 "${RUN[@]}" \
  -rf json -rff "$OUT/p3-batch.json" | tee "$OUT/p3-batch.txt"
jmh ScaleBenchmark -p database=postgres,mariadb -t 1 "${RUN[@]}" \
  -rf json -rff "$OUT/p4-scale.json" | tee "$OUT/p4-scale.txt"
for threads in 1 20; do
  jmh SpreadBenchmark -p database=postgres,mariadb -t "$threads" "${RUN[@]}" \
    -rf json -rff "$OUT/p5-spread-$threads.json" | tee "$OUT/p5-spread-$threads.txt"
done
for threads in 1 4 20; do
  jmh AtCommitBenchmark -p database=postgres,mariadb -t "$threads" "${RUN[@]}" \
    -rf json -rff "$OUT/at-commit-$threads.json" | tee "$OUT/at-commit-$threads.txt"
done
# The pool-size curve: 64 threads on ONE sequence through pools of 2 to 64 connections.
jmh 'ContendedBenchmark.library' -p database=postgres,mariadb -p poolSize=2,4,8,16,32,64 -t 64 \
  "${RUN[@]}" -rf json -rff "$OUT/pool-curve.json" | tee "$OUT/pool-curve.txt"

# pgbench with the same SQL and client counts, against the same PostgreSQL database.
url="${SEQUENCES_TEST_POSTGRES_URL#jdbc:postgresql://}"
host="${url%%:*}"; rest="${url#*:}"; port="${rest%%/*}"; db="${rest#*/}"
export PGPASSWORD="${SEQUENCES_TEST_POSTGRES_PASSWORD:-}"
sql() { psql -h "$host" -p "$port" -U "${SEQUENCES_TEST_POSTGRES_USER}" -qc "$1" "$db"; }
bench() { # script clients output
  pgbench -n -h "$host" -p "$port" -U "${SEQUENCES_TEST_POSTGRES_USER}" -c "$2" -j 2 -T 10 \
    -f "pgbench/$1.sql" "$db" | tee "$OUT/$3.txt"
  sql "delete from bench_invoice where number > 1000000000"
  sql "delete from bench_spread_invoice where sequence_name like 'bench-pgspread-%'"
  sql "delete from sequences_sequence where name like 'bench-pgspread-%'"
}
sql "create sequence if not exists bench_nextval"
for clients in 1 4 20 64; do
  bench contended "$clients" "p1-pgbench-$clients"
  bench nextval "$clients" "nextval-pgbench-$clients"
done
for clients in 1 20; do
  bench spread "$clients" "p5-pgbench-$clients"
done
for clients in 1 4 20; do
  bench numbering-first "$clients" "at-commit-pgbench-$clients"
  sql "delete from bench_document where id > 1000000000"
done
