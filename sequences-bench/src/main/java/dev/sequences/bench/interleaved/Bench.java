package dev.sequences.bench.interleaved;

import dev.sequences.bench.BenchDatabase;
import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SupportedDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What the comparisons of one database share: the options, the database, its contenders' makers.
 */
final class Bench {
  final Options options;
  final BenchDatabase db;

  /** Whether the database is PostgreSQL: pgbench is the baseline; on MariaDB raw JDBC is. */
  final boolean pg;

  /** The baseline's name in contender names: {@code pgbench} or {@code raw JDBC}. */
  final String base;

  /** The benchmark's context with {@link BeforeCommitNumbering#listener()}. */
  final DSLContext hooked;

  /** 2 ms of database-side sleep: other work that costs no CPU. */
  final String sleep;

  /** Lines for the report, after the command: what a part found out while setting up. */
  final List<String> notes = new ArrayList<>();

  Bench(Options options, BenchDatabase db) {
    this.options = options;
    this.db = db;
    pg = db.server == SupportedDatabase.POSTGRESQL;
    base = pg ? "pgbench" : "raw JDBC";
    hooked = DSL.using(db.dsl.configuration().derive(BeforeCommitNumbering.listener()));
    sleep = db.sleepSql(0.002);
  }

  JavaContender java(String name, int threads, JavaContender.Call call) {
    return new JavaContender(db, name, threads, call);
  }

  /** A call that runs one {@code nextValue} of {@code sequence} in a jOOQ transaction. */
  JavaContender.Call nextValueInTransaction(GaplessSequence sequence) {
    return thread -> db.dsl.transactionResult(cfg -> sequence.nextValue(cfg.dsl()));
  }

  /** pgbench with {@code pgbench/<script>.sql} and {@code -D} variables. */
  Pgbench pgbench(String name, int clients, String script, String... variables) {
    return new Pgbench(
        options.pgbenchProtocol,
        db,
        name,
        clients,
        options.pgbenchDir.resolve(script + ".sql"),
        variables);
  }
}
