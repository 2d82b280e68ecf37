package dev.sequences.bench;

import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Numbering at commit against numbering first, every thread on ONE sequence. A transaction saves a
 * document, does about 2 ms of other work that costs the JVM and the database no CPU (the database
 * sleeps), and numbers the document: first, holding the sequence through the other work, or at
 * commit ({@code nextValueBeforeCommit}), holding it for one statement and the commit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AtCommitBenchmark {

  private static final GaplessSequence DOCUMENTS = GaplessSequence.named("bench-at-commit");

  private static final AtomicLong IDS = new AtomicLong();

  /** The benchmark's context with the hook at the commit, and the SQL of the other work. */
  @State(Scope.Benchmark)
  public static class Hooked {
    DSLContext dsl;
    String otherWork;

    @Setup
    public void open(BenchDatabase db) {
      dsl = DSL.using(db.dsl.configuration().derive(BeforeCommitNumbering.listener()));
      otherWork = db.sleepSql(0.002);
    }
  }

  @Benchmark
  public long numberingFirst(BenchDatabase db, Hooked hooked) {
    return numberingFirst(db.dsl, DOCUMENTS, hooked.otherWork);
  }

  @Benchmark
  public long numberingAtCommit(Hooked hooked) {
    return numberingAtCommit(hooked.dsl, DOCUMENTS, hooked.otherWork);
  }

  /** The documents' ids continue after {@code base} (several JVMs on one table: SharedSequence). */
  public static void idsAfter(long base) {
    IDS.set(base);
  }

  /**
   * Numbering first on {@code sequence}: the number, the document, {@code otherWork} (a query; none
   * if null), the commit.
   */
  public static long numberingFirst(DSLContext dsl, GaplessSequence sequence, String otherWork) {
    long id = IDS.incrementAndGet();
    return dsl.transactionResult(
        cfg -> {
          long number = sequence.nextValue(cfg.dsl());
          cfg.dsl().execute("insert into bench_document (id, number) values (?, ?)", id, number);
          if (otherWork != null) {
            cfg.dsl().fetch(otherWork);
          }
          return number;
        });
  }

  /**
   * Numbering at commit on {@code sequence}: the document, {@code otherWork} (none if null), then
   * at the commit the number and the update that writes it. {@code hooked} has {@link
   * BeforeCommitNumbering#listener()}.
   */
  public static long numberingAtCommit(
      DSLContext hooked, GaplessSequence sequence, String otherWork) {
    long id = IDS.incrementAndGet();
    hooked.transaction(
        cfg -> {
          cfg.dsl().execute("insert into bench_document (id, number) values (?, null)", id);
          if (otherWork != null) {
            cfg.dsl().fetch(otherWork);
          }
          sequence.nextValueBeforeCommit(
              cfg.dsl(),
              (tx, number) ->
                  tx.execute("update bench_document set number = ? where id = ?", number, id));
        });
    return id;
  }

  /**
   * {@link #numberingFirst} through JDBC by hand: the same statements on the sequence {@code name};
   * or, {@code gapped}, the number from MariaDB's SEQUENCE {@code bench_nextval} instead.
   */
  public static long rawNumberingFirst(
      BenchDatabase db, String name, String otherWork, boolean gapped) throws SQLException {
    long id = IDS.incrementAndGet();
    return db.rawTransaction(
        false,
        connection -> {
          long number = gapped ? gappedNumber(connection) : db.rawNextValues(connection, name, 1);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into bench_document (id, number) values (?, ?)")) {
            insert.setLong(1, id);
            insert.setLong(2, number);
            insert.executeUpdate();
          }
          if (otherWork != null) {
            try (Statement sleep = connection.createStatement()) {
              sleep.execute(otherWork);
            }
          }
          return number;
        });
  }

  /** The next number of MariaDB's SEQUENCE {@code bench_nextval}: the gapped bound's. */
  public static long gappedNumber(Connection connection) throws SQLException {
    try (Statement next = connection.createStatement();
        ResultSet number = next.executeQuery("select nextval(bench_nextval)")) {
      number.next();
      return number.getLong(1);
    }
  }
}
