package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceCounters;
import dev.sequences.jooq.SupportedDatabase;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Values and names: defaults, initial values, exact names, last value, delete, bad arguments, the
 * operators' API.
 */
abstract class ValuesAndNamesContract extends ContractFixture {

  ValuesAndNamesContract(DatabaseDescription db) {
    super(db);
  }

  @Test
  void defaultSequenceIssuesOneTwoThree() {
    GaplessSequence seq = GaplessSequence.defaultSequence();
    assertEquals("default", seq.name());
    assertEquals(List.of(1L, 2L, 3L), List.of(next(seq), next(seq), next(seq)));
    assertEquals(OptionalLong.of(3), seq.lastValue(dsl));
  }

  @Test
  void namedSequencesCountIndependently() {
    GaplessSequence invoices = GaplessSequence.named("invoices");
    GaplessSequence credits = GaplessSequence.named("credit-notes");
    assertEquals(1, next(invoices));
    assertEquals(2, next(invoices));
    assertEquals(1, next(credits));
    assertEquals(3, next(invoices));
    assertEquals(2, next(credits));
  }

  @Test
  void initialValueOnlyMattersOnFirstUse() {
    assertEquals(1000, next(GaplessSequence.named("from-1000").startingAt(1000)));
    assertEquals(1001, next(GaplessSequence.named("from-1000").startingAt(1000)));
    assertEquals(1002, next(GaplessSequence.named("from-1000").startingAt(5)));
    assertEquals(1003, next(GaplessSequence.named("from-1000")));
  }

  @Test
  void negativeAndZeroInitialValues() {
    GaplessSequence seq = GaplessSequence.named("below-zero").startingAt(-2);
    assertEquals(List.of(-2L, -1L, 0L, 1L), List.of(next(seq), next(seq), next(seq), next(seq)));
  }

  @Test
  void namesCompareExactly() {
    List<String> names = List.of("Invoices", "invoices", "INVOICES", "inv", "inv ", " inv", "ínv");
    for (int round = 1; round <= 2; round++) {
      for (String name : names) {
        assertEquals(round, next(GaplessSequence.named(name)), name);
      }
    }
    assertEquals(
        names.stream().sorted().toList(),
        admin.select(NAME).from(counters).fetch(0, String.class).stream().sorted().toList());
  }

  @Test
  void hundredCodePointNamesOutsideTheBmpAreStored() {
    String name = "🧾".repeat(50) + "é".repeat(49) + "𝔸";
    assertEquals(100, name.codePointCount(0, name.length()));
    GaplessSequence seq = GaplessSequence.named(name);
    assertEquals(1, next(seq));
    assertEquals(2, next(seq));
    assertEquals(OptionalLong.of(2), seq.lastValue(dsl));
    assertEquals(name, admin.select(NAME).from(counters).fetchOne(0, String.class));
  }

  @Test
  void namesWithSqlCharactersAreBoundNotConcatenated() {
    String name = "it's; drop table sequences_sequence; -- %_\\ /* */ \"x\" `y`";
    GaplessSequence seq = GaplessSequence.named(name);
    assertEquals(1, next(seq));
    assertEquals(2, next(seq));
    assertEquals(OptionalLong.of(2), seq.lastValue(dsl));
    assertEquals(OptionalLong.empty(), GaplessSequence.named("it's").lastValue(dsl));
  }

  @Test
  void rowWrittenByPlainSqlIsContinued() {
    insertRow("django", 41);
    assertEquals(42, next(GaplessSequence.named("django").startingAt(1)));
  }

  @Test
  void lastValueIsEmptyUntilFirstUseAndSeesOwnTransaction() {
    GaplessSequence seq = GaplessSequence.named("last");
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
    OptionalLong inside =
        inTransaction(
            ctx -> {
              seq.nextValue(ctx);
              return seq.lastValue(ctx);
            });
    assertEquals(OptionalLong.of(1), inside);
  }

  @Test
  void deleteRestartsTheSequence() {
    GaplessSequence seq = GaplessSequence.named("deleted").startingAt(3);
    assertEquals(3, next(seq));
    assertEquals(4, next(seq));
    assertTrue(seq.delete(dsl));
    assertFalse(seq.delete(dsl));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
    assertEquals(3, next(seq));
  }

  /** The operators' API (the CLI's list and set), through the same rendering and mapping. */
  @Test
  void operatorsListAndSetCounters() {
    insertRow("ops-b", 5);
    insertRow("ops-a", 7);
    insertRow("other", 1);
    assertEquals(
        List.of(new SequenceCounters.Counter("ops-a", 7), new SequenceCounters.Counter("ops-b", 5)),
        SequenceCounters.list(dsl, "ops-"));
    assertEquals(3, SequenceCounters.list(dsl, null).size());
    assertEquals(
        OptionalLong.of(5), inTransaction(ctx -> SequenceCounters.set(ctx, "ops-b", 9, false)));
    SequenceCounters.BackwardsRefusedException e =
        assertThrows(
            SequenceCounters.BackwardsRefusedException.class,
            () -> inTransaction(ctx -> SequenceCounters.set(ctx, "ops-b", 3, false)));
    assertEquals(
        "refusing to move sequence 'ops-b' back from 9 to 3: numbers 4..9 would be issued again"
            + " (duplicates)",
        e.getMessage());
    assertEquals(
        OptionalLong.empty(),
        inTransaction(ctx -> SequenceCounters.set(ctx, "ops-new", 100, false)));
    assertEquals(101, next(GaplessSequence.named("ops-new")));
    IllegalStateException autoCommit =
        assertThrows(
            IllegalStateException.class, () -> SequenceCounters.set(dsl, "ops-b", 10, false));
    assertTrue(autoCommit.getMessage().contains("auto-commit mode"), autoCommit.getMessage());
    assertEquals(
        OptionalLong.of(9), inTransaction(ctx -> SequenceCounters.set(ctx, "ops-b", 2, true)));
    assertEquals(OptionalLong.of(2), GaplessSequence.named("ops-b").lastValue(dsl));
  }

  @Test
  void badArgumentsFailBeforeAnySql() {
    GaplessSequence seq = GaplessSequence.named("args");
    assertThrows(
        IllegalArgumentException.class, () -> inTransaction(ctx -> seq.nextValues(ctx, -1)));
    assertThrows(
        UnsupportedOperationException.class,
        () -> inTransaction(ctx -> seq.resettingAt(10).nextValues(ctx, 2)));
    assertThrows(NullPointerException.class, () -> seq.nextValue(dsl, null));
    assertThrows(NullPointerException.class, () -> seq.nextValue(null));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  @Test
  void badNamesFailWithTheirReasonAndChangeNothing() {
    insertRow("kept", 5);
    Map<String, String> reasons = new LinkedHashMap<>();
    reasons.put("", "a sequence name cannot be empty");
    reasons.put("  \t", "a sequence name cannot be only white space ('  \t')");
    reasons.put(
        "x".repeat(101),
        "sequence name 'xxxxxxxxxxxxxxxxxxxx...' has 101 code points; the most is 100");
    reasons.put(
        "a\uD800",
        "sequence name 'a\uD800' holds an unpaired UTF-16 surrogate at index 1, which no database can store as text");
    reasons.put(
        "a\0b", "sequence name 'a\\0b' holds a NUL character, which PostgreSQL cannot store");
    reasons.forEach(
        (name, reason) -> {
          IllegalArgumentException e =
              assertThrows(
                  IllegalArgumentException.class,
                  () -> inTransaction(ctx -> GaplessSequence.named(name).nextValue(ctx)));
          assertEquals(reason, e.getMessage());
        });
    assertThrows(NullPointerException.class, () -> GaplessSequence.named(null));
    assertEquals(List.of("kept"), admin.select(NAME).from(counters).fetch(NAME));
    assertEquals(OptionalLong.of(5), GaplessSequence.named("kept").lastValue(dsl));
  }

  @Test
  void nonStrictSqlModeTruncatesNoName() throws Exception {
    Assumptions.assumeTrue(
        db.server().product() == SupportedDatabase.MYSQL
            || db.server().product() == SupportedDatabase.MARIADB,
        "sql_mode is MySQL's and MariaDB's");
    String longest = "🧾".repeat(99) + "x";
    try (Connection connection = applicationDataSource().getConnection()) {
      DSLContext relaxed = DSL.using(connection, db.dialect(), settings());
      relaxed.execute("set session sql_mode = ''");
      long value =
          relaxed.transactionResult(cfg -> GaplessSequence.named(longest).nextValue(cfg.dsl()));
      assertEquals(1, value);
    }
    assertEquals(List.of(longest), admin.select(NAME).from(counters).fetch(NAME));
  }
}
