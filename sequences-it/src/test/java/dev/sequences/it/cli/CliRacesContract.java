package dev.sequences.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.HeldTransaction;
import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import java.io.Reader;
import java.io.StringReader;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code sequences set} and {@code delete} while the application issues numbers: each reports what
 * it did to the row it changed. Nested in {@link CliContractTest}, whose set-up it shares.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliRacesContract {

  /** How long a command must stay blocked for the test to decide it is waiting. */
  private static final long BLOCKED_MILLIS = 700;

  private final DatabaseDescription db;
  private TestDatabase.Server server;
  private DSLContext dsl;

  CliRacesContract(DatabaseDescription db) {
    this.db = db;
  }

  @BeforeAll
  void connect() {
    server = db.server().server();
    dsl = DSL.using(db.server().dataSource(), db.dialect());
  }

  /**
   * Set of a new sequence waits for the application's first use of it and, once that commits, sets
   * the row it created.
   */
  @Test
  void setRacingTheFirstUseSetsTheRowOnceItExists() throws Exception {
    GaplessSequence seq = GaplessSequence.named("cli-set-first-use");
    HeldTransaction firstUse = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    Future<CliRun> set = Threads.POOL.submit(() -> cli("", "set", seq.name(), "41"));
    assertThrows(
        TimeoutException.class,
        () -> set.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS),
        "set did not wait for the first use");
    firstUse.commit();
    assertEquals(
        new CliRun(0, "sequence 'cli-set-first-use': last value 1 -> 41\n", ""),
        set.get(60, TimeUnit.SECONDS));
    assertEquals(OptionalLong.of(41), seq.lastValue(dsl));
  }

  /**
   * Five numbers are issued while delete waits for the answer to its question: it deletes the row
   * at 15 and says so, and that the value moved since the question.
   */
  @Test
  void deleteReportsTheValueOfTheRowItDeleted() {
    GaplessSequence seq = GaplessSequence.named("cli-delete-moved");
    dsl.transaction(cfg -> seq.nextValues(cfg.dsl(), 10));
    Reader issuesWhileAsking =
        new Reader() {
          private final Reader answer = new StringReader("yes\n");
          private boolean issued;

          @Override
          public int read(char[] buffer, int offset, int length) throws java.io.IOException {
            if (!issued) {
              issued = true;
              dsl.transaction(cfg -> seq.nextValues(cfg.dsl(), 5));
            }
            return answer.read(buffer, offset, length);
          }

          @Override
          public void close() {}
        };
    assertEquals(
        new CliRun(
            0,
            "Delete sequence 'cli-delete-moved' (last value 10)? Its next use starts again at its"
                + " initial value. Type yes to delete: sequence 'cli-delete-moved' deleted (its"
                + " last value was 15, not 10 as asked: it moved meanwhile)\n",
            ""),
        run(issuesWhileAsking, "delete", seq.name()));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  private CliRun cli(String input, String... args) {
    return run(new StringReader(input), args);
  }

  private CliRun run(Reader input, String... args) {
    return CliRun.against(server, db.dialect(), input, args);
  }
}
