package dev.sequences.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.HeldTransaction;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The commands on counters: migrate, next, last, list, set and delete, waits for a held sequence, a
 * custom counter table. A topic of {@link CliContractTest}.
 */
interface CliCountersTopic extends CliTopic {

  // ---- migrate, next, last, list ----------------------------------------------------------------

  @Test
  default void migrateIsIdempotent() {
    CliRun run = cli("migrate");
    assertEquals(0, run.code(), run.err());
    assertEquals("sequences_sequence is up to date\n", run.out());
  }

  @Test
  default void nextIssuesValuesInItsOwnTransaction() {
    assertEquals(new CliRun(0, "1\n", ""), cli("next", "cli-invoices"));
    assertEquals(new CliRun(0, "2\n3\n4\n", ""), cli("next", "cli-invoices", "--count", "3"));
    assertEquals(new CliRun(0, "100\n", ""), cli("next", "cli-credits", "--start", "100"));
    assertEquals(OptionalLong.of(4), GaplessSequence.named("cli-invoices").lastValue(dsl()));
    CliRun bad = cli("next", "cli-invoices", "--count", "0");
    assertEquals(2, bad.code());
    assertEquals("error: --count must be at least 1, not 0\n", bad.err());
  }

  @Test
  default void lastPrintsTheLastValueOrFails() {
    cli("next", "cli-last", "--count", "5");
    assertEquals(new CliRun(0, "5\n", ""), cli("last", "cli-last"));
    assertEquals(
        new CliRun(1, "", "sequence 'missing' has never been used\n"), cli("last", "missing"));
    CliRun tooLong = cli("last", "x".repeat(101));
    assertEquals(2, tooLong.code());
    assertTrue(tooLong.err().startsWith("error: sequence name 'xxxx"), tooLong.err());
  }

  @Test
  default void listIsSortedAlignedAndFilterable() {
    cli("next", "invoices-2026", "--count", "1042");
    cli("next", "credit-notes");
    cli("next", "invoices-2025", "--count", "7");
    assertEquals(
        new CliRun(
            0,
            """
            SEQUENCE       LAST VALUE
            credit-notes            1
            invoices-2025           7
            invoices-2026        1042
            3 sequence(s)
            """,
            ""),
        cli("list"));
    assertEquals(
        new CliRun(
            0,
            "[{\"name\":\"invoices-2025\",\"last\":7},{\"name\":\"invoices-2026\",\"last\":1042}]\n",
            ""),
        cli("list", "--prefix", "invoices", "--json"));
    assertEquals(new CliRun(0, "[]\n", ""), cli("list", "--prefix", "invoices_", "--json"));
    assertEquals(
        new CliRun(0, "name,last\ninvoices-2025,7\ninvoices-2026,1042\n", ""),
        cli("list", "--prefix", "invoices", "--format", "csv"));
    assertEquals(
        new CliRun(0, "[{\"name\":\"invoices-2025\",\"last\":7}]\n", ""),
        cli("last", "invoices-2025", "--format", "json"));
    assertEquals(
        new CliRun(0, "[{\"value\":8},{\"value\":9}]\n", ""),
        cli("next", "invoices-2025", "--count", "2", "--format", "json"));
    assertEquals(new CliRun(0, "value\n10\n", ""), cli("next", "invoices-2025", "--format", "csv"));
    assertEquals(2, cli("list", "--format", "xml").code());
  }

  // ---- set, delete ------------------------------------------------------------------------------

  @Test
  default void setRefusesToMoveBackwardsWithoutForce() {
    cli("next", "cli-set", "--count", "10");
    assertEquals(
        new CliRun(0, "sequence 'cli-set': last value 10 -> 20\n", ""),
        cli("set", "cli-set", "20"));
    CliRun refused = cli("set", "cli-set", "15");
    assertEquals(1, refused.code());
    assertEquals(
        "error: refusing to move sequence 'cli-set' back from 20 to 15: numbers 16..20 would be"
            + " issued again (duplicates). Add --force if they were never used\n",
        refused.err());
    assertEquals(OptionalLong.of(20), GaplessSequence.named("cli-set").lastValue(dsl()));
    assertEquals(
        new CliRun(0, "sequence 'cli-set': last value 20 -> 15\n", ""),
        cli("set", "cli-set", "15", "--force"));
    assertEquals(new CliRun(0, "16\n", ""), cli("next", "cli-set"));
    assertEquals(
        new CliRun(0, "sequence 'cli-new' created with last value 41\n", ""),
        cli("set", "cli-new", "41"));
    assertEquals(new CliRun(0, "42\n", ""), cli("next", "cli-new"));
  }

  /** Set reads the counter after the holder commits: else it would move it back unseen. */
  @Test
  default void setWaitsForATransactionThatHoldsTheSequence() throws Exception {
    cli("next", "cli-race", "--count", "10");
    GaplessSequence race = GaplessSequence.named("cli-race");
    HeldTransaction holder = HeldTransaction.start(dsl(), race::nextValue);
    Future<CliRun> set;
    try {
      assertEquals(11, holder.value());
      set = Threads.POOL.submit(() -> cli("set", "cli-race", "10"));
      assertThrows(
          TimeoutException.class,
          () -> set.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS),
          "set did not wait for the transaction that holds the sequence");
    } finally {
      holder.commit();
    }
    assertEquals(
        new CliRun(
            1,
            "",
            "error: refusing to move sequence 'cli-race' back from 11 to 10: numbers 11..11 would"
                + " be issued again (duplicates). Add --force if they were never used\n"),
        set.get(60, TimeUnit.SECONDS));
    assertEquals(OptionalLong.of(11), race.lastValue(dsl()));
  }

  @Test
  default void deleteAsksUnlessYes() {
    cli("next", "cli-delete", "--count", "3");
    String question =
        "Delete sequence 'cli-delete' (last value 3)? Its next use starts again at its initial"
            + " value. Type yes to delete: ";
    assertEquals(
        new CliRun(1, question + "not deleted\n", ""),
        cliWithInput("no\n", "delete", "cli-delete"));
    assertEquals(
        new CliRun(1, question + "not deleted\n", ""), cliWithInput("", "delete", "cli-delete"));
    assertEquals(OptionalLong.of(3), GaplessSequence.named("cli-delete").lastValue(dsl()));
    assertEquals(
        new CliRun(0, question + "sequence 'cli-delete' deleted (its last value was 3)\n", ""),
        cliWithInput("yes\n", "delete", "cli-delete"));
    assertEquals(OptionalLong.empty(), GaplessSequence.named("cli-delete").lastValue(dsl()));
    cli("next", "cli-delete");
    assertEquals(
        new CliRun(0, "sequence 'cli-delete' deleted (its last value was 1)\n", ""),
        cli("delete", "cli-delete", "--yes"));
    assertEquals(
        new CliRun(1, "", "sequence 'cli-delete' does not exist\n"),
        cli("delete", "cli-delete", "--yes"));
  }

  @Test
  default void nextWaitsAsToldForAHeldSequence() throws Exception {
    Assumptions.assumeTrue(db().boundsLockWaits(), "this database cannot bound a lock wait");
    cli("next", "cli-held");
    GaplessSequence held = GaplessSequence.named("cli-held");
    HeldTransaction holder = HeldTransaction.start(dsl(), held::nextValue);
    Future<CliRun> waiting;
    try {
      CliRun nowait = cli("next", "cli-held", "--nowait");
      assertEquals(1, nowait.code(), nowait.err());
      assertTrue(
          nowait.err().startsWith("error: sequence 'cli-held' is held by another transaction"),
          nowait.err());
      CliRun timedOut = cli("next", "cli-held", "--wait", "1s");
      assertEquals(1, timedOut.code(), timedOut.err());
      waiting = Threads.POOL.submit(() -> cli("next", "cli-held", "--wait", "PT60S"));
      assertThrows(
          TimeoutException.class, () -> waiting.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS));
    } finally {
      holder.commit();
    }
    assertEquals(new CliRun(0, "3\n", ""), waiting.get(60, TimeUnit.SECONDS));
  }

  @Test
  default void boundedWaitsAreUsageErrorsWhereTheDatabaseCannotBoundThem() {
    Assumptions.assumeFalse(db().boundsLockWaits(), "this database bounds lock waits");
    CliRun run = cli("next", "cli-unbounded", "--nowait");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("Use LockWait.WAIT on"), run.err());
  }

  @Test
  default void aCustomCounterTableIsReachedWithTheCounterOptions() {
    List<String> table = List.of("--counter-table", "cli_counters");
    for (List<String> command : List.of(List.of("list"), List.of("next", "cli-custom"))) {
      assertEquals(
          new CliRun(
              4,
              "",
              "error: table "
                  + dsl().render(DSL.name("cli_counters"))
                  + " is missing: run sequences migrate with the same --url and counter options\n"),
          cli(concat(command, table)),
          command.toString());
    }
    CliRun migrated = cli(concat(List.of("migrate"), table));
    assertEquals(
        new CliRun(
            0, "applied " + db().migrations() + " migration(s): cli_counters is up to date\n", ""),
        migrated);
    assertEquals(
        new CliRun(0, "1\n2\n", ""),
        cli(concat(List.of("next", "cli-custom", "--count", "2"), table)));
    assertEquals(
        new CliRun(0, "[{\"name\":\"cli-custom\",\"last\":2}]\n", ""),
        cli(concat(List.of("list", "--json"), table)));
    assertEquals(new CliRun(0, "[]\n", ""), cli("list", "--json"));
    dsl().dropTable(DSL.name("cli_counters")).execute();
    dsl().dropTable(DSL.name(SequencesSchema.ledgerTable("cli_counters"))).execute();
    dsl().dropTable(DSL.name(SequencesSchema.historyTable("cli_counters"))).execute();
  }
}
