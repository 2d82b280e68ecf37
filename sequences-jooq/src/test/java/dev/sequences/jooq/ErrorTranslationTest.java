package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.jooq.SequenceDialect.Failure;
import dev.sequences.jooq.SequenceEvent.Outcome;
import dev.sequences.testfixtures.H2Counters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a listener hears for each way a dialect classifies an error, and the DEBUG line each
 * translation logs (slf4j-simple writes to System.err; the test's JVM enables DEBUG for the
 * library's package, see the module's surefire configuration).
 */
class ErrorTranslationTest {

  /** A dialect that classifies every error as {@code failure}. */
  private static SequenceDialect classifyingAs(Failure failure) {
    return new SequenceDialect() {
      @Override
      public long increment(DSLContext ctx, CounterTable table, Increment increment) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean isLockNotAvailable(SQLException e) {
        return false;
      }

      @Override
      public Failure classify(SQLException e, DSLContext ctx, LockWait wait, Duration ran) {
        return failure;
      }
    };
  }

  private static ErrorTranslation.Translated translate(Failure failure, DataAccessException e) {
    return ErrorTranslation.translated(
        e,
        DSL.using(SQLDialect.H2),
        classifyingAs(failure),
        "inv",
        new ErrorTranslation.Wait(LockWait.NOWAIT, 1_000),
        null);
  }

  private static DataAccessException databaseError(String state, int code) {
    return new DataAccessException("upsert", new SQLException("the database said no", state, code));
  }

  @ParameterizedTest
  @EnumSource(Failure.class)
  void eachClassificationHasTheOutcomeOfTheExceptionTheCallerSees(Failure failure) {
    ErrorTranslation.Translated translated = translate(failure, databaseError("XX000", 7));
    Outcome expected =
        switch (failure) {
          case LOCKED, LOCKED_AND_ROLLED_BACK -> Outcome.LOCKED;
          case RUN_AGAIN -> Outcome.RUN_AGAIN;
          case OUT_OF_RANGE, MISSING_TABLE, OTHER -> Outcome.ERROR;
        };
    assertEquals(expected, translated.outcome());
    // The outcome agrees with what the caller can tell from the exception itself.
    RuntimeException e = translated.exception();
    assertEquals(expected == Outcome.LOCKED, e instanceof SequenceLockedException, e.toString());
    assertEquals(
        expected == Outcome.RUN_AGAIN,
        ((DataAccessException) e).sqlState().startsWith("40"),
        e.toString());
  }

  @Test
  void exceptionsTranslatedBeforeKeepTheirOutcome() {
    SequenceLockedException locked = new SequenceLockedException("inv", "held", null);
    assertEquals(Outcome.LOCKED, translate(Failure.OTHER, locked).outcome());
    DataAccessException noSqlException = new DataAccessException("no JDBC error inside");
    ErrorTranslation.Translated other = translate(Failure.RUN_AGAIN, noSqlException);
    assertSame(noSqlException, other.exception());
    assertEquals(Outcome.ERROR, other.outcome());
  }

  @Test
  void eachTranslationLogsOneDebugLineWithTheSequenceTheStateAndWhatItBecame() {
    List<String> lines =
        stderrOf(
            () ->
                translate(Failure.LOCKED, databaseError("55P03", 0))
                    .exception()
                    .getClass()
                    .getSimpleName());
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.getFirst();
    assertTrue(
        line.startsWith("[") && line.contains("DEBUG dev.sequences.jooq.ErrorTranslation"), line);
    assertTrue(
        line.endsWith(
            "sequence 'inv': database error (SQL state 55P03, error code 0) classified as LOCKED:"
                + " translated into SequenceLockedException (SQL state 55P03)"),
        line);

    List<String> runAgain =
        stderrOf(() -> translate(Failure.RUN_AGAIN, databaseError("HY000", 5)).toString());
    assertTrue(
        runAgain
            .getFirst()
            .endsWith(
                "sequence 'inv': database error (SQL state HY000, error code 5) classified as"
                    + " RUN_AGAIN: translated into DataAccessException (SQL state 40001)"),
        runAgain.toString());

    List<String> other =
        stderrOf(() -> translate(Failure.OTHER, databaseError("XX000", 7)).toString());
    assertTrue(
        other
            .getFirst()
            .endsWith(
                "sequence 'inv': database error (SQL state XX000, error code 7) classified as"
                    + " OTHER: DataAccessException left as it is"),
        other.toString());
  }

  @Test
  void aSuccessfulCallLogsNothing() {
    DSLContext dsl = H2Counters.database("logging");
    GaplessSequence seq = GaplessSequence.named("quiet");
    List<String> lines =
        stderrOf(
            () ->
                String.valueOf(
                    dsl.transactionResult(cfg -> seq.nextValue(cfg.dsl()))
                        + dsl.transactionResult(cfg -> seq.nextValues(cfg.dsl(), 3)).last()
                        + dsl.transactionResult(
                            cfg ->
                                seq.nextValue(cfg.dsl(), LockWait.timeout(Duration.ofSeconds(1))))
                        + seq.lastValue(dsl).getAsLong()));
    assertEquals(List.of(), lines.stream().filter(l -> l.contains("dev.sequences")).toList());
  }

  @Test
  void aFailedCallLogsItsTranslation() {
    DSLContext dsl = H2Counters.database("logging-failure");
    GaplessSequence seq = GaplessSequence.named("past-max").startingAt(Long.MAX_VALUE);
    dsl.transaction(cfg -> seq.nextValue(cfg.dsl()));
    List<String> lines =
        stderrOf(
            () -> {
              DataAccessException e =
                  assertInstanceOf(
                      DataAccessException.class,
                      org.junit.jupiter.api.Assertions.assertThrows(
                          DataAccessException.class,
                          () -> dsl.transaction(cfg -> seq.nextValue(cfg.dsl()))));
              return e.getMessage();
            });
    List<String> ours = lines.stream().filter(l -> l.contains("dev.sequences.jooq")).toList();
    assertEquals(1, ours.size(), lines.toString());
    assertTrue(
        ours.getFirst().contains("sequence 'past-max': database error (SQL state 22003"),
        ours.getFirst());
    assertTrue(ours.getFirst().contains("classified as OUT_OF_RANGE"), ours.getFirst());
  }

  /** The lines {@code action} wrote to System.err, where slf4j-simple writes. */
  private static List<String> stderrOf(Supplier<String> action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.get();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
