package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.jooq.internal.Tables;
import dev.sequences.testfixtures.H2Counters;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** Which statements are rendered once, and what makes the library render them again. */
class RenderedOnceTest {

  private final DSLContext dsl = H2Counters.database("rendered_once");

  /** H2 speaking PostgreSQL, rendered for PostgreSQL: a family whose statements are kept. */
  private final DSLContext postgres = speakingPostgres();

  private static DSLContext speakingPostgres() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:rendered_once_pg;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    return DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  private long next(DSLContext ctx, GaplessSequence seq) {
    return ctx.transactionResult(cfg -> seq.nextValue(cfg.dsl()));
  }

  /**
   * On H2 (as on HSQLDB and SQLite) the increment is rendered on every call: jOOQ may complete such
   * statements outside their text.
   */
  @Test
  void anIncrementOnH2IsRenderedEachCall() {
    GaplessSequence plain = GaplessSequence.named("merged");
    GaplessSequence looping = GaplessSequence.named("merged-loop").resettingAt(3);
    assertEquals(List.of(1L, 2L), List.of(next(dsl, plain), next(dsl, plain)));
    assertEquals(
        List.of(1L, 2L, 1L), List.of(next(dsl, looping), next(dsl, looping), next(dsl, looping)));
    assertFalse(isCached(dsl, "upsert-returning"));
    assertFalse(isCached(dsl, "upsert-returning-looping"));
  }

  /**
   * The caller's settings are not part of the key: the library renders its statements under its
   * own, so a caller with other settings finds the same text, and gets its own values.
   */
  @Test
  void otherSettingsShareTheLibrarysText() {
    Settings upper = new Settings().withRenderNameCase(RenderNameCase.UPPER);
    DSLContext ctx = DSL.using(postgres.configuration().derive(upper));
    assertEquals(1L, run(postgres, "test-settings", 1L));
    assertTrue(isCached(postgres, "test-settings"));
    assertTrue(isCached(ctx, "test-settings"));
    assertEquals(2L, run(ctx, "test-settings", 2L));
  }

  /** Two dialects on one JVM: each its own text. */
  @Test
  void anotherDialectMakesAnotherKey() {
    DSLContext mariadb = DSL.using(postgres.configuration().derive(SQLDialect.MARIADB));
    assertEquals(3L, run(postgres, "test-dialect", 3L));
    assertTrue(isCached(postgres, "test-dialect"));
    assertFalse(isCached(mariadb, "test-dialect"));
  }

  private static long run(DSLContext ctx, String shape, long value) {
    return RenderedOnce.run(
        ctx,
        CounterTable.mappedName(ctx),
        shape,
        RenderedOnce.Result.QUERY,
        ofOneLong(RenderedOnceTest::select, v -> new Object[] {v, 0L}),
        value);
  }

  /** A statement of one long value, whose probe is a value no test passes. */
  private static RenderedOnce.Statement<Long> ofOneLong(
      BiFunction<DSLContext, Long, ? extends Query> tree, Function<Long, Object[]> binds) {
    return new RenderedOnce.Statement<>(tree, binds, v -> 1_000_003L);
  }

  /** A tree whose bind values are not the ones declared is never kept: it is rendered each time. */
  @Test
  void aShapeWhoseBindsDifferFromTheTreeIsNotKept() {
    AtomicInteger built = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      long value =
          RenderedOnce.run(
              postgres,
              CounterTable.mappedName(postgres),
              "test-wrong-binds",
              RenderedOnce.Result.QUERY,
              ofOneLong(
                  (c, v) -> {
                    built.incrementAndGet();
                    return select(c, 41L);
                  },
                  v -> new Object[] {v}),
              42L);
      assertEquals(41L, value);
    }
    assertFalse(isCached(postgres, "test-wrong-binds"));
    assertEquals(1 + 3, built.get(), "built once to check, then once per call");
  }

  /** Also where the family's statements would be kept: H2 renders the same select every time. */
  @Test
  void aShapeOnH2IsNeverKept() {
    assertEquals(5L, run(dsl, "test-h2", 5L));
    assertFalse(isCached(dsl, "test-h2"));
  }

  @Test
  void aShapeWithMatchingBindsIsBuiltOnce() {
    AtomicInteger built = new AtomicInteger();
    for (long i = 1; i <= 3; i++) {
      long value =
          RenderedOnce.run(
              postgres,
              CounterTable.mappedName(postgres),
              "test-right-binds",
              RenderedOnce.Result.QUERY,
              ofOneLong(
                  (c, v) -> {
                    built.incrementAndGet();
                    return select(c, v);
                  },
                  v -> new Object[] {v, 0L}),
              i);
      assertEquals(i, value);
    }
    assertTrue(isCached(postgres, "test-right-binds"));
    assertEquals(2, built.get(), "built twice to check, from the probe and from the first call");
  }

  /** The probe's binds differ everywhere but where their formulas are one (the initial value). */
  @Test
  void theProbesBindsDifferWhereverTheirFormulasDo() {
    Increment plain = new Increment("x", 1, 1, OptionalLong.empty(), LockWait.WAIT, false);
    assertEquals(List.of("x", 1L, 1L), List.of(plain.upsertBinds()));
    assertEquals(List.of("probe", 1_000_000_006L, 7L), List.of(plain.probe().upsertBinds()));
    Increment looping = new Increment("x", 1, 1, OptionalLong.of(3), LockWait.WAIT, false);
    assertEquals(List.of("x", 1L, 2L, 0L, 1L, 1L), List.of(looping.upsertBinds()));
    assertEquals(
        List.of("probe", 1_000_000_000L, 1_000_000_099L, 999_999_999L, 1_000_000_000L, 1L),
        List.of(looping.probe().upsertBinds()));
  }

  /**
   * A tree that binds two values in the other order than declared, first called with two equal
   * values: the check cannot see the swap with the call's own values, so it is made with the
   * probe's, and the shape is never kept (kept, the second call would bind 1 and 10 swapped: -9).
   */
  @Test
  void twoBindsSwappedAreSeenEvenWhenTheFirstCallsValuesAreEqual() {
    RenderedOnce.Statement<long[]> swapped =
        new RenderedOnce.Statement<>(
            (c, v) ->
                c.select(
                    DSL.val(v[1], SQLDataType.BIGINT).minus(DSL.val(v[0], SQLDataType.BIGINT))),
            v -> new Object[] {v[0], v[1]},
            v -> new long[] {1_000_003L, 1_000_007L});
    assertEquals(
        0L,
        RenderedOnce.run(
            postgres,
            CounterTable.mappedName(postgres),
            "test-swapped",
            RenderedOnce.Result.QUERY,
            swapped,
            new long[] {5, 5}));
    assertEquals(
        9L,
        RenderedOnce.run(
            postgres,
            CounterTable.mappedName(postgres),
            "test-swapped",
            RenderedOnce.Result.QUERY,
            swapped,
            new long[] {1, 10}));
    assertFalse(isCached(postgres, "test-swapped"));
  }

  /**
   * Settings changed in place deep inside the render mapping to a table whose settings hash the
   * same ("seq_Aa" and "seq_BB" have one String hash): the kept text of the first table must not
   * serve the second.
   */
  @Test
  void aMappingChangedInPlaceToACollidingNameIsRenderedAgain() {
    assertEquals("seq_Aa".hashCode(), "seq_BB".hashCode());
    postgres.execute(
        "create table if not exists \"seq_Aa\" (\"name\" varchar(100), \"last\" bigint)");
    postgres.execute(
        "create table if not exists \"seq_BB\" (\"name\" varchar(100), \"last\" bigint)");
    postgres.execute("delete from \"seq_Aa\"");
    postgres.execute("delete from \"seq_BB\"");
    postgres.execute("insert into \"seq_Aa\" values ('a', 100)");
    postgres.execute("insert into \"seq_BB\" values ('b', 200)");
    Settings settings =
        mappedTo(new MappedTable().withInput("sequences_sequence").withOutput("seq_Aa"));
    DSLContext ctx = DSL.using(postgres.configuration().derive(settings));
    assertEquals(100L, readLast(DSL.using(ctx.configuration().derive()), "test-moved"));
    ctx.settings().getRenderMapping().getSchemata().get(0).getTables().get(0).setOutput("seq_BB");
    assertEquals(200L, readLast(DSL.using(ctx.configuration().derive()), "test-moved"));
  }

  /** jOOQ's Settings.equals compares a mapping's regex by its text, not its flags. */
  @Test
  void regexMappingsThatDifferInFlagsOnlyDoNotShareText() {
    postgres.execute(
        "create table if not exists \"seq_x\" (\"name\" varchar(100), \"last\" bigint)");
    postgres.execute(
        "create table if not exists \"sequences_sequence\" (\"name\" varchar(100), \"last\" bigint)");
    postgres.execute("delete from \"seq_x\"");
    postgres.execute("delete from \"sequences_sequence\"");
    postgres.execute("insert into \"seq_x\" values ('x', 300)");
    postgres.execute("insert into \"sequences_sequence\" values ('s', 400)");
    DSLContext insensitive =
        DSL.using(
            postgres
                .configuration()
                .derive(
                    mappedTo(
                        new MappedTable()
                            .withInputExpression(
                                Pattern.compile("SEQUENCES_SEQUENCE", Pattern.CASE_INSENSITIVE))
                            .withOutput("seq_x"))));
    DSLContext sensitive =
        DSL.using(
            postgres
                .configuration()
                .derive(
                    mappedTo(
                        new MappedTable()
                            .withInputExpression(Pattern.compile("SEQUENCES_SEQUENCE"))
                            .withOutput("seq_x"))));
    assertEquals(300L, readLast(insensitive, "test-regex"));
    assertEquals(400L, readLast(sensitive, "test-regex"));
  }

  /**
   * jOOQ keeps a configuration's render mapping once made: a context whose settings were changed in
   * place still renders the old table. Its text must not be kept for the new settings, where a
   * fresh context with those settings would find it.
   */
  @Test
  void aStaleConfigurationDoesNotPoisonFreshOnes() {
    postgres.execute(
        "create table if not exists \"tenant_a\" (\"name\" varchar(100), \"last\" bigint)");
    postgres.execute(
        "create table if not exists \"tenant_b\" (\"name\" varchar(100), \"last\" bigint)");
    postgres.execute("delete from \"tenant_a\"");
    postgres.execute("delete from \"tenant_b\"");
    postgres.execute("insert into \"tenant_a\" values ('a', 500)");
    postgres.execute("insert into \"tenant_b\" values ('b', 600)");
    DSLContext longLived =
        DSL.using(
            postgres
                .configuration()
                .derive(
                    mappedTo(
                        new MappedTable().withInput("sequences_sequence").withOutput("tenant_a"))));
    assertEquals(500L, readLast(longLived, "test-poison"));
    longLived
        .settings()
        .getRenderMapping()
        .getSchemata()
        .get(0)
        .getTables()
        .get(0)
        .setOutput("tenant_b");
    // What jOOQ itself does on this configuration: the table it mapped first.
    assertEquals(
        500L,
        longLived.fetchValue(
            DSL.select(Tables.SEQUENCES_SEQUENCE.LAST).from(Tables.SEQUENCES_SEQUENCE)));
    assertEquals(500L, readLast(longLived, "test-poison"));
    DSLContext fresh =
        DSL.using(
            postgres
                .configuration()
                .derive(
                    mappedTo(
                        new MappedTable().withInput("sequences_sequence").withOutput("tenant_b"))));
    assertEquals(600L, readLast(fresh, "test-poison"));
  }

  /** A mapping to another schema: the library's text names the table there. */
  @Test
  void aMappingToAnotherSchemaIsRenderedThere() {
    postgres.execute("create schema if not exists \"tenant_s\"");
    postgres.execute(
        "create table if not exists \"tenant_s\".\"sequences_sequence\" (\"name\" varchar(100),"
            + " \"last\" bigint)");
    postgres.execute("delete from \"tenant_s\".\"sequences_sequence\"");
    postgres.execute("insert into \"tenant_s\".\"sequences_sequence\" values ('s', 700)");
    DSLContext tenant =
        DSL.using(
            postgres
                .configuration()
                .derive(
                    new Settings()
                        .withRenderMapping(
                            new RenderMapping()
                                .withSchemata(
                                    new MappedSchema().withInput("").withOutput("tenant_s")))));
    assertEquals(700L, readLast(tenant, "test-schema"));
    assertTrue(isCached(tenant, "test-schema"));
    assertFalse(isCached(postgres, "test-schema"));
  }

  private static Settings mappedTo(MappedTable table) {
    return new Settings()
        .withRenderMapping(
            new RenderMapping().withSchemata(new MappedSchema().withInput("").withTables(table)));
  }

  private static long readLast(DSLContext ctx, String shape) {
    return RenderedOnce.run(
        ctx,
        CounterTable.mappedName(ctx),
        shape,
        RenderedOnce.Result.QUERY,
        new RenderedOnce.Statement<Long>(
            (c, v) ->
                c.select(Tables.SEQUENCES_SEQUENCE.LAST.plus(DSL.val(v, SQLDataType.BIGINT)))
                    .from(Tables.SEQUENCES_SEQUENCE),
            v -> new Object[] {v},
            UnaryOperator.identity()),
        0L);
  }

  private static ResultQuery<Record1<Long>> select(DSLContext ctx, long value) {
    return ctx.select(DSL.val(value, SQLDataType.BIGINT).plus(DSL.val(0L, SQLDataType.BIGINT)));
  }

  /** Whether {@code shape} runs from a kept text under {@code ctx}'s dialect and counter table. */
  private static boolean isCached(DSLContext ctx, String shape) {
    return RenderedOnce.isCached(ctx.dialect(), CounterTable.mappedName(ctx), shape);
  }
}
