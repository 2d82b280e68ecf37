package dev.sequences.it;

import static dev.sequences.jooq.LockWait.NOWAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.jooq.ContainerManagedTransactions;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceCounters;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.ValueRange;
import dev.sequences.schema.SequencesSchema;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The contract every supported database must keep. A subclass names the database and the jOOQ
 * dialect; adding a database is adding a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SequenceContractTest {

  /** How long a test lets a blocked transaction stay blocked before it decides it is waiting. */
  private static final long BLOCKED_MILLIS = 700;

  private static final long MAX_WAIT_SECONDS = 60;

  private static final String INVOICE_TABLE = "sequences_it_invoice";

  /** The counter table, where this class's migration puts it. */
  private Table<?> COUNTERS;

  private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);
  private static final Field<Long> LAST = DSL.field(DSL.name("last"), Long.class);

  /** The context under test: the application's user. */
  private DSLContext dsl;

  /** The context that migrates and prepares: a user that may create tables. */
  private DSLContext admin;

  abstract TestDatabase database();

  abstract SQLDialect dialect();

  /**
   * The statements one call sends: on a sequence's first or later use, with {@link LockWait#WAIT}
   * or with a bounded wait.
   */
  abstract int statementsPerCall(boolean firstUse, boolean boundedWait);

  /**
   * How to see and end a server session: the session id of the current connection, the number of
   * sessions with a given id, the statement that ends one, and the ids of this user's other
   * sessions on this database. Null for an embedded database.
   */
  abstract ServerSessions serverSessions();

  record ServerSessions(String currentId, String countById, String kill, String others) {}

  /**
   * The django-sequences table made by hand, with quoted lower-case names, on databases Django does
   * not run on (H2, HSQLDB).
   */
  static final String HAND_MADE_TABLE =
      "create table \"sequences_sequence\" (\"name\" varchar(100) not null primary key,"
          + " \"last\" bigint not null)";

  /** How many migrations this database's folder holds, all applied to an empty history. */
  int migrationCount() {
    return 1;
  }

  /** A query for the session's current lock-wait limit, in the database's own terms. */
  abstract String lockTimeoutQuery();

  /**
   * The table as django-sequences creates it on this database (2.x on PostgreSQL: a 32-bit
   * counter); on H2, which Django does not run on, a table created by hand.
   */
  abstract String djangoSequencesTable();

  /**
   * The data source of the application under test. By default the same user that migrates; a
   * least-privilege subclass returns a user that may only read and write the tables.
   */
  DataSource applicationDataSource() {
    return database().dataSource();
  }

  /** Gives the application's user its rights on {@code tables}, after they were (re)created. */
  void grantApplicationRights(DSLContext admin, List<String> tables) {}

  /** The counter table's schema: null for the connection's current schema. */
  String counterSchema() {
    return null;
  }

  /** The counter table's name. */
  String counterTable() {
    return SequencesSchema.DEFAULT_TABLE;
  }

  /**
   * The application's own jOOQ settings, before the render mapping of {@link #counterSchema()} and
   * {@link #counterTable()}: the library must find its table whatever they say. The tests' own
   * statements run with the defaults (through {@code admin}).
   */
  Settings applicationSettings() {
    return new Settings();
  }

  /**
   * The jOOQ settings that point the generated {@code sequences_sequence} table at {@link
   * #counterSchema()}.{@link #counterTable()}, as an application would, over {@code base}.
   */
  Settings settings(Settings base) {
    if (counterSchema() == null && counterTable().equals(SequencesSchema.DEFAULT_TABLE)) {
      return base;
    }
    return base.withRenderMapping(
        new RenderMapping()
            .withSchemata(
                new MappedSchema()
                    .withInput("")
                    .withOutput(counterSchema())
                    .withTables(
                        new MappedTable()
                            .withInput(SequencesSchema.DEFAULT_TABLE)
                            .withOutput(counterTable()))));
  }

  @BeforeAll
  void migrate() {
    COUNTERS =
        counterSchema() == null
            ? DSL.table(DSL.name(counterTable()))
            : DSL.table(DSL.name(counterSchema(), counterTable()));
    admin = DSL.using(database().dataSource(), dialect(), settings(new Settings()));
    admin.execute(
        "create table if not exists "
            + INVOICE_TABLE
            + " (sequence_name varchar(100) not null, number bigint not null,"
            + " primary key (sequence_name, number))");
    migrateAndGrant();
    dsl = DSL.using(applicationDataSource(), dialect(), settings());
  }

  /** The application's settings with the counter table's render mapping. */
  Settings settings() {
    return settings(applicationSettings());
  }

  private void migrateAndGrant() {
    SequencesSchema.migrate(database().dataSource(), counterSchema(), counterTable());
    grantApplicationRights(admin, List.of(counterTable(), INVOICE_TABLE));
  }

  /** Drops the counter table and the migrations' history: the next migration starts afresh. */
  private void dropSchema() {
    admin.dropTableIfExists(COUNTERS).execute();
    admin
        .dropTableIfExists(
            counterSchema() == null
                ? DSL.name(SequencesSchema.HISTORY_TABLE)
                : DSL.name(counterSchema(), SequencesSchema.HISTORY_TABLE))
        .execute();
  }

  @BeforeEach
  void emptyTables() {
    admin.execute("delete from " + INVOICE_TABLE);
    admin.deleteFrom(COUNTERS).execute();
  }

  // ---- defaults, names, initial and reset values ------------------------------------------------

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
  void loopingSequenceGoesBackToItsInitialValue() {
    GaplessSequence seq = GaplessSequence.named("loop").startingAt(5).resettingAt(8);
    List<Long> values = LongStream.range(0, 7).mapToObj(i -> next(seq)).toList();
    assertEquals(List.of(5L, 6L, 7L, 5L, 6L, 7L, 5L), values);
  }

  @Test
  void loopingSequenceResetsACounterEditedOutsideItsRange() {
    GaplessSequence seq = GaplessSequence.named("edited").startingAt(10).resettingAt(20);
    insertRow("edited", 500);
    assertEquals(10, next(seq));
    insertRowReplacing("edited", 3);
    assertEquals(10, next(seq));
    assertEquals(11, next(seq));
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
        admin.select(NAME).from(COUNTERS).fetch(0, String.class).stream().sorted().toList());
  }

  @Test
  void hundredCodePointNamesOutsideTheBmpAreStored() {
    String name = "🧾".repeat(50) + "é".repeat(49) + "𝔸";
    assertEquals(100, name.codePointCount(0, name.length()));
    GaplessSequence seq = GaplessSequence.named(name);
    assertEquals(1, next(seq));
    assertEquals(2, next(seq));
    assertEquals(OptionalLong.of(2), seq.lastValue(dsl));
    assertEquals(name, admin.select(NAME).from(COUNTERS).fetchOne(0, String.class));
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

  // ---- batches, iterator, last value, delete ----------------------------------------------------

  @Test
  void batchesAreConsecutiveAndContinueTheSequence() {
    GaplessSequence seq = GaplessSequence.named("batch");
    ValueRange first = inTransaction(ctx -> seq.nextValues(ctx, 5));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), first.stream().boxed().toList());
    assertEquals(1, first.first());
    assertEquals(5, first.last());
    assertEquals(5, first.size());
    assertEquals(6, next(seq));
    ValueRange second = inTransaction(ctx -> seq.nextValues(ctx, 3));
    assertEquals(List.of(7L, 8L, 9L), second.stream().boxed().toList());
  }

  @Test
  void firstBatchStartsAtTheInitialValue() {
    ValueRange range =
        inTransaction(ctx -> GaplessSequence.named("b").startingAt(10).nextValues(ctx, 3));
    assertEquals(List.of(10L, 11L, 12L), range.stream().boxed().toList());
  }

  @Test
  void emptyBatchTouchesNothing() {
    GaplessSequence seq = GaplessSequence.named("empty");
    ValueRange range = inTransaction(ctx -> seq.nextValues(ctx, 0));
    assertTrue(range.isEmpty());
    assertEquals(0, range.size());
    assertEquals(0, range.stream().count());
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  @Test
  void iteratorIssuesOneValueAtATime() {
    GaplessSequence seq = GaplessSequence.named("iter").startingAt(7);
    List<Long> values =
        inTransaction(
            ctx -> {
              PrimitiveIterator.OfLong it = seq.values(ctx);
              List<Long> taken = new ArrayList<>();
              for (int i = 0; i < 3; i++) {
                assertTrue(it.hasNext());
                taken.add(it.nextLong());
              }
              return taken;
            });
    assertEquals(List.of(7L, 8L, 9L), values);
    assertEquals(OptionalLong.of(9), seq.lastValue(dsl));
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

  // ---- arguments --------------------------------------------------------------------------------

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
    assertEquals(List.of("kept"), admin.select(NAME).from(COUNTERS).fetch(NAME));
    assertEquals(OptionalLong.of(5), GaplessSequence.named("kept").lastValue(dsl));
  }

  @Test
  void nonStrictSqlModeTruncatesNoName() throws Exception {
    Assumptions.assumeTrue(
        dialect().family() == SQLDialect.MYSQL || dialect().family() == SQLDialect.MARIADB,
        "sql_mode is MySQL's and MariaDB's");
    String longest = "🧾".repeat(99) + "x";
    try (Connection connection = applicationDataSource().getConnection()) {
      DSLContext relaxed = DSL.using(connection, dialect(), settings());
      relaxed.execute("set session sql_mode = ''");
      long value =
          relaxed.transactionResult(cfg -> GaplessSequence.named(longest).nextValue(cfg.dsl()));
      assertEquals(1, value);
    }
    assertEquals(List.of(longest), admin.select(NAME).from(COUNTERS).fetch(NAME));
  }

  @Test
  void missingTableTellsToMigrate() {
    try {
      dropSchema();
      for (Function<DSLContext, Object> call :
          List.<Function<DSLContext, Object>>of(
              ctx -> GaplessSequence.named("x").nextValue(ctx),
              ctx -> GaplessSequence.named("x").lastValue(ctx),
              ctx -> GaplessSequence.named("x").delete(ctx))) {
        DataAccessException e = assertThrows(DataAccessException.class, () -> inTransaction(call));
        assertTrue(
            e.getMessage()
                .startsWith(
                    "table "
                        + admin.render(COUNTERS)
                        + ", needed by sequence 'x', is missing: create it"
                        + " with SequencesSchema.migrate(dataSource)"),
            e.getMessage());
      }
    } finally {
      migrateAndGrant();
    }
  }

  // ---- auto-commit ------------------------------------------------------------------------------

  @Test
  void autoCommitIsRefusedWithAMessageNamingTheSequence() {
    GaplessSequence seq = GaplessSequence.named("guarded");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> seq.nextValue(dsl));
    assertTrue(e.getMessage().contains("'guarded'"), e.getMessage());
    assertTrue(e.getMessage().contains("allowingAutoCommit()"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> seq.nextValues(dsl, 2));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  /** The guard reads the driver's state: it decides even when the server is gone. */
  @Test
  void autoCommitGuardCostsNoRoundTrip() throws Exception {
    ServerSessions sessions = serverSessions();
    Assumptions.assumeTrue(sessions != null, "an embedded database has no server to ask");
    try (Connection connection = applicationDataSource().getConnection()) {
      DSLContext own = DSL.using(connection, dialect(), settings());
      long id = own.resultQuery(sessions.currentId()).fetchOne(0, Long.class);
      dsl.execute(sessions.kill(), id);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
      while (dsl.resultQuery(sessions.countById(), id).fetchOne(0, Long.class) > 0) {
        assertTrue(System.nanoTime() < deadline, "the session did not end");
        Thread.sleep(20);
      }
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> GaplessSequence.named("guarded").nextValue(own));
      assertTrue(e.getMessage().contains("auto-commit"), e.getMessage());
      assertThrows(DataAccessException.class, () -> own.fetchValue("select 1"));
    }
  }

  @Test
  void autoCommitWorksWhenAllowed() {
    GaplessSequence seq = GaplessSequence.named("auto").allowingAutoCommit();
    assertEquals(1, seq.nextValue(dsl));
    assertEquals(2, seq.nextValue(dsl));
    assertEquals(List.of(3L, 4L), seq.nextValues(dsl, 2).stream().boxed().toList());
    assertEquals(5, seq.nextValue(dsl, boundedIfOffered(NOWAIT)));
    assertEquals(6, seq.nextValue(dsl, boundedIfOffered(LockWait.timeout(Duration.ofSeconds(2)))));
    assertEquals(OptionalLong.of(6), seq.lastValue(dsl));
    assertTrue(seq.delete(dsl));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));

    GaplessSequence looping =
        GaplessSequence.named("auto-loop").startingAt(10).resettingAt(12).allowingAutoCommit();
    assertEquals(
        List.of(10L, 11L, 10L),
        List.of(looping.nextValue(dsl), looping.nextValue(dsl), looping.nextValue(dsl)));
    PrimitiveIterator.OfLong values = looping.values(dsl);
    assertEquals(List.of(11L, 10L), List.of(values.nextLong(), values.nextLong()));
  }

  // ---- configurations: where a value may be issued ----------------------------------------------

  /** A pool that hands out connections out of auto-commit, as HikariCP with autoCommit=false. */
  private HikariDataSource poolOutOfAutoCommit() {
    HikariConfig config = new HikariConfig();
    config.setDataSource(applicationDataSource());
    config.setAutoCommit(false);
    config.setMaximumPoolSize(3);
    config.setPoolName("sequences-it-" + getClass().getSimpleName());
    return new HikariDataSource(config);
  }

  private static final String NOT_BOUND =
      " is out of auto-commit mode but belongs to no transaction the library can see";

  /** {@code ctx} with a counter of the statements it runs. */
  private static DSLContext counted(DSLContext ctx, StatementCounter counter) {
    return DSL.using(ctx.configuration().derive(counter));
  }

  @Test
  void poolConnectionOutOfAutoCommitIsRefusedBeforeAnySql() {
    GaplessSequence seq = GaplessSequence.named("pooled");
    StatementCounter counter = new StatementCounter();
    try (HikariDataSource pool = poolOutOfAutoCommit()) {
      DSLContext pooled = counted(DSL.using(pool, dialect(), settings()), counter);
      for (GaplessSequence refused : List.of(seq, seq.allowingAutoCommit())) {
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> refused.nextValue(pooled));
        assertEquals(
            "sequence 'pooled': the connection this call got from"
                + " org.jooq.impl.DataSourceConnectionProvider"
                + NOT_BOUND,
            e.getMessage().substring(0, e.getMessage().indexOf(", so it would")));
        assertThrows(IllegalStateException.class, () -> refused.nextValues(pooled, 3));
        assertThrows(IllegalStateException.class, () -> refused.values(pooled).nextLong());
      }
      assertEquals(0, counter.count());
      assertEquals(
          List.of(1L, 2L),
          pooled.transactionResult(
              cfg -> List.of(seq.nextValue(cfg.dsl()), seq.nextValue(cfg.dsl()))));
    }
    assertEquals(OptionalLong.of(2), seq.lastValue(dsl));
  }

  @Test
  void outerContextInsideATransactionIsRefused() {
    GaplessSequence seq = GaplessSequence.named("outer");
    try (HikariDataSource pool = poolOutOfAutoCommit()) {
      DSLContext outer = DSL.using(pool, dialect(), settings());
      long value =
          outer.transactionResult(
              cfg -> {
                IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> seq.nextValue(outer));
                assertTrue(e.getMessage().contains("not the outer context"), e.getMessage());
                return seq.nextValue(cfg.dsl());
              });
      assertEquals(1, value);
    }
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
  }

  /** A connection provider that opens a new connection per acquire and closes it on release. */
  private ConnectionProvider connectionPerAcquire(boolean autoCommit) {
    return new ConnectionProvider() {
      @Override
      public Connection acquire() {
        try {
          Connection connection = applicationDataSource().getConnection();
          connection.setAutoCommit(autoCommit);
          return connection;
        } catch (SQLException e) {
          throw new DataAccessException("acquire", e);
        }
      }

      @Override
      public void release(Connection connection) {
        try (connection) {
          if (!connection.getAutoCommit()) {
            connection.rollback();
          }
        } catch (SQLException e) {
          throw new DataAccessException("release", e);
        }
      }
    };
  }

  @Test
  void connectionPerAcquireIsRefusedUnlessReallyInAutoCommit() {
    GaplessSequence seq = GaplessSequence.named("per-acquire");
    DSLContext outOfAutoCommit = DSL.using(connectionPerAcquire(false), dialect(), settings());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> seq.allowingAutoCommit().nextValue(outOfAutoCommit));
    assertTrue(e.getMessage().contains(NOT_BOUND), e.getMessage());
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));

    DSLContext autoCommitted = DSL.using(connectionPerAcquire(true), dialect(), settings());
    e = assertThrows(IllegalStateException.class, () -> seq.nextValue(autoCommitted));
    assertTrue(e.getMessage().contains("auto-commit mode"), e.getMessage());
    GaplessSequence allowed = seq.allowingAutoCommit();
    assertEquals(
        List.of(1L, 2L),
        List.of(allowed.nextValue(autoCommitted), allowed.nextValue(autoCommitted)));
    assertEquals(OptionalLong.of(2), seq.lastValue(dsl));
  }

  @Test
  void threadLocalTransactionProviderIsRecognised() {
    GaplessSequence seq = GaplessSequence.named("thread-local");
    try (HikariDataSource pool = poolOutOfAutoCommit()) {
      DSLContext tl =
          DSL.using(
              new DefaultConfiguration()
                  .set(dialect())
                  .set(settings())
                  .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(pool))));
      assertEquals(1, tl.transactionResult(() -> seq.nextValue(tl)));
      assertThrows(IllegalStateException.class, () -> seq.nextValue(tl));
      assertThrows(
          ArithmeticException.class,
          () ->
              tl.transaction(
                  () -> {
                    assertEquals(2, seq.nextValue(tl));
                    throw new ArithmeticException("the invoice could not be saved");
                  }));
      assertEquals(2, tl.transactionResult(() -> seq.nextValue(tl)));
    }
    assertEquals(OptionalLong.of(2), seq.lastValue(dsl));
  }

  /**
   * Spring's JdbcTransactionManager and DataSourceTransactionManager over a pool out of
   * auto-commit: the connection of the current transaction is recognised through
   * TransactionAwareDataSourceProxy and through DataSourceUtils; outside a transaction both are
   * refused; a rolled-back Spring transaction gives the value back.
   */
  @Test
  void springManagedTransactionsAreRecognised() {
    GaplessSequence seq = GaplessSequence.named("spring");
    try (HikariDataSource pool = poolOutOfAutoCommit()) {
      DSLContext proxied =
          DSL.using(new TransactionAwareDataSourceProxy(pool), dialect(), settings());
      DSLContext utils =
          DSL.using(
              new ConnectionProvider() {
                @Override
                public Connection acquire() {
                  return DataSourceUtils.getConnection(pool);
                }

                @Override
                public void release(Connection connection) {
                  DataSourceUtils.releaseConnection(connection, pool);
                }
              },
              dialect(),
              settings());
      long expected = 1;
      for (DataSourceTransactionManager manager :
          List.of(new JdbcTransactionManager(pool), new DataSourceTransactionManager(pool))) {
        TransactionTemplate spring = new TransactionTemplate(manager);
        for (DSLContext ctx : List.of(proxied, utils)) {
          assertEquals(Long.valueOf(expected++), spring.execute(status -> seq.nextValue(ctx)));
          long givenBack = expected;
          spring.executeWithoutResult(
              status -> {
                assertEquals(givenBack, seq.nextValue(ctx));
                status.setRollbackOnly();
              });
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> seq.nextValue(ctx));
          assertTrue(e.getMessage().contains(NOT_BOUND), e.getMessage());
        }
      }
      assertEquals(OptionalLong.of(4), seq.lastValue(dsl));
    }
  }

  /**
   * A container-managed (JTA) transaction, as a container presents it: every connection the data
   * source hands out is the one enlisted connection, out of auto-commit, and closing it ends
   * nothing. Refused until the configuration is declared; then its values belong to the enlisted
   * transaction.
   */
  @Test
  void containerManagedTransactionsAreRecognisedOnceDeclared() throws Exception {
    GaplessSequence seq = GaplessSequence.named("container");
    try (Connection enlisted = applicationDataSource().getConnection()) {
      enlisted.setAutoCommit(false);
      Connection handle =
          (Connection)
              Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, args) ->
                      method.getName().equals("close") ? null : method.invoke(enlisted, args));
      DataSource container =
          (DataSource)
              Proxy.newProxyInstance(
                  DataSource.class.getClassLoader(),
                  new Class<?>[] {DataSource.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                      return handle;
                    }
                    throw new UnsupportedOperationException(method.getName());
                  });
      Configuration configuration =
          new DefaultConfiguration()
              .set(dialect())
              .set(settings())
              .set(new DataSourceConnectionProvider(container));
      DSLContext undeclared = DSL.using(configuration.derive());
      assertThrows(IllegalStateException.class, () -> seq.nextValue(undeclared));
      DSLContext declared = DSL.using(ContainerManagedTransactions.declare(configuration));
      assertTrue(ContainerManagedTransactions.isDeclared(declared.configuration().derive()));
      assertEquals(List.of(1L, 2L), List.of(seq.nextValue(declared), seq.nextValue(declared)));
      enlisted.rollback();
      assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
      assertEquals(1, seq.nextValue(declared));
      enlisted.commit();
    }
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
  }

  @Test
  void waitsLongerThanTheDatabaseCanBoundAreRefusedBeforeAnySql() {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("long-wait");
    StatementCounter counter = new StatementCounter();
    DSLContext countedDsl = counted(dsl, counter);
    Duration longest = longestLockWait();
    for (Duration tooLong :
        List.of(longest.plus(longestLockWaitUnit()), Duration.ofSeconds(Long.MAX_VALUE))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  countedDsl.transaction(
                      cfg -> seq.nextValue(cfg.dsl(), LockWait.timeout(tooLong))));
      assertTrue(
          e.getMessage().startsWith("sequence 'long-wait': LockWait.timeout("), e.getMessage());
      assertTrue(e.getMessage().contains("nothing was issued"), e.getMessage());
    }
    assertEquals(0, counter.count());
    assertEquals(1L, (long) inTransaction(ctx -> seq.nextValue(ctx, LockWait.timeout(longest))));
  }

  /**
   * The longest lock wait this database can bound: by default a 32-bit count of milliseconds
   * (PostgreSQL, H2, SQLite).
   */
  Duration longestLockWait() {
    return Duration.ofMillis(Integer.MAX_VALUE);
  }

  /** The unit in which this database counts a lock wait. */
  Duration longestLockWaitUnit() {
    return Duration.ofMillis(1);
  }

  /**
   * A bounded wait's session setting that cannot be restored after the value was issued: the caller
   * learns which value its transaction holds, and rolling back gives it back.
   */
  @Test
  void failedRestoreAfterTheIncrementNamesTheIssuedValue() {
    assumeBoundedWaits();
    int statements = statementsPerCall(false, true);
    Assumptions.assumeTrue(statements > 1, "a bounded wait here leaves no setting to restore");
    GaplessSequence seq = GaplessSequence.named("restore");
    int[] executed = {0};
    ExecuteListener failTheRestore =
        new ExecuteListener() {
          @Override
          public void executeStart(ExecuteContext ctx) {
            if (++executed[0] == statements) {
              throw new DataAccessException("the restore failed on purpose");
            }
          }
        };
    DSLContext failing = DSL.using(dsl.configuration().derive(failTheRestore));
    DataAccessException e =
        assertThrows(
            DataAccessException.class,
            () ->
                failing.transaction(
                    cfg -> seq.nextValue(cfg.dsl(), LockWait.timeout(Duration.ofSeconds(2)))));
    assertEquals(
        "sequence 'restore' issued value 1 in this transaction, but the session's lock timeout"
            + " could not be restored afterwards (the restore failed on purpose). Roll the"
            + " transaction back, which gives the values back, and do not reuse the connection's"
            + " session as it is",
        e.getMessage());
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  /**
   * Two transactions at SERIALIZABLE each read, then take a number of one sequence: one commits the
   * next value, the other is told to run again (a serialization failure, a deadlock, or on SQLite a
   * snapshot too old to write), never "try again later".
   */
  @Test
  void readThenTakeAtSerializableRunsOneAgain() throws Exception {
    GaplessSequence seq = GaplessSequence.named("read-then-take");
    insertRow("read-then-take", 10);
    CyclicBarrier bothRead = new CyclicBarrier(2);
    List<Future<String>> transactions = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      transactions.add(
          Threads.POOL.submit(
              () -> {
                try {
                  return "committed "
                      + inTransaction(
                          ctx -> {
                            Isolation.SERIALIZABLE.set(ctx);
                            ctx.fetchCount(DSL.table(admin.render(COUNTERS)));
                            await(bothRead);
                            return seq.nextValue(ctx);
                          });
                } catch (SequenceLockedException e) {
                  return "locked: " + e.getMessage();
                } catch (DataAccessException e) {
                  return "failed " + e.sqlState() + ": " + e.getMessage();
                }
              }));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> transaction : transactions) {
      outcomes.add(transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertTrue(outcomes.contains("committed 11"), outcomes.toString());
    List<String> failed = outcomes.stream().filter(o -> !o.startsWith("committed")).toList();
    assertEquals(1, failed.size(), outcomes.toString());
    assertTrue(failed.get(0).startsWith("failed 40"), failed.get(0));
    assertTrue(failed.get(0).contains("Run the whole transaction again"), failed.get(0));
    assertEquals(OptionalLong.of(11), seq.lastValue(dsl));
  }

  // ---- rollback and races -----------------------------------------------------------------------

  @Test
  void firstUseRollbackGivesTheValueBack() {
    GaplessSequence seq = GaplessSequence.named("rollback-first");
    assertThrows(
        IllegalStateException.class,
        () ->
            dsl.transaction(
                cfg -> {
                  assertEquals(1, seq.nextValue(cfg.dsl()));
                  throw new IllegalStateException("the invoice could not be saved");
                }));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
    assertEquals(1, next(seq));
  }

  @Test
  void laterUseRollbackGivesTheValueBack() {
    GaplessSequence seq = GaplessSequence.named("rollback-later");
    assertEquals(1, next(seq));
    assertThrows(
        IllegalStateException.class,
        () ->
            dsl.transaction(
                cfg -> {
                  assertEquals(2, seq.nextValue(cfg.dsl()));
                  assertEquals(
                      List.of(3L, 4L), seq.nextValues(cfg.dsl(), 2).stream().boxed().toList());
                  throw new IllegalStateException("the invoice could not be saved");
                }));
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
    assertEquals(2, next(seq));
  }

  @Test
  void boundedWaitsDoNotCommitTheCallersTransaction() {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("no-premature-commit");
    assertThrows(
        IllegalStateException.class,
        () ->
            dsl.transaction(
                cfg -> {
                  assertEquals(1, seq.nextValue(cfg.dsl(), NOWAIT));
                  assertEquals(
                      2, seq.nextValue(cfg.dsl(), LockWait.timeout(Duration.ofSeconds(2))));
                  throw new IllegalStateException("the invoice could not be saved");
                }));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  @Test
  void boundedWaitsLeaveTheSessionLockTimeoutAsItWas() throws Exception {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("lock-timeout").allowingAutoCommit();
    LockWait bounded = LockWait.timeout(Duration.ofMillis(1500));
    try (Connection connection = applicationDataSource().getConnection()) {
      DSLContext own = DSL.using(connection, dialect(), settings());
      String before = own.resultQuery(lockTimeoutQuery()).fetchOne(0, String.class);
      own.transaction(
          cfg -> {
            seq.nextValue(cfg.dsl(), bounded);
            seq.nextValue(cfg.dsl(), NOWAIT);
            assertEquals(
                before, cfg.dsl().resultQuery(lockTimeoutQuery()).fetchOne(0, String.class));
          });
      assertEquals(before, own.resultQuery(lockTimeoutQuery()).fetchOne(0, String.class));
      seq.nextValue(own, bounded);
      assertEquals(before, own.resultQuery(lockTimeoutQuery()).fetchOne(0, String.class));

      HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
      assertThrows(SequenceLockedException.class, () -> seq.nextValue(own, NOWAIT));
      assertEquals(before, own.resultQuery(lockTimeoutQuery()).fetchOne(0, String.class));
      holder.commit();
    }
    assertEquals(OptionalLong.of(4), seq.lastValue(dsl));
  }

  @Test
  void firstUseRaceWithCommit() throws Exception {
    race(false, true, List.of("T1 took 1", "T1 ends", "T2 took 2"));
  }

  @Test
  void firstUseRaceWithRollback() throws Exception {
    race(false, false, List.of("T1 took 1", "T1 ends", "T2 took 1"));
  }

  @Test
  void laterUseRaceWithCommit() throws Exception {
    race(true, true, List.of("T1 took 11", "T1 ends", "T2 took 12"));
  }

  @Test
  void laterUseRaceWithRollback() throws Exception {
    race(true, false, List.of("T1 took 11", "T1 ends", "T2 took 11"));
  }

  /**
   * T1 takes a value and holds the sequence; T2 asks for one and must wait until T1 ends; the
   * events must come in exactly the expected order.
   */
  private void race(boolean existing, boolean commit, List<String> expected) throws Exception {
    GaplessSequence seq = GaplessSequence.named("race");
    if (existing) {
      insertRow("race", 10);
    }
    List<String> events = new CopyOnWriteArrayList<>();
    HeldTransaction t1 = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    events.add("T1 took " + t1.value());
    Future<Long> t2 =
        Threads.POOL.submit(
            () ->
                inTransaction(
                    ctx -> {
                      long value = seq.nextValue(ctx);
                      events.add("T2 took " + value);
                      return value;
                    }));
    assertBlocked(t2);
    events.add("T1 ends");
    if (commit) {
      t1.commit();
    } else {
      t1.rollback();
    }
    t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(expected, events);
  }

  /**
   * At each isolation level, on a sequence's first and later use, T2 waits for T1. If T1 rolls
   * back, T2 gets T1's value: no gap, also at READ UNCOMMITTED (the counter is written with locking
   * statements, which never read uncommitted rows). If T1 commits, T2 continues with the next value
   * (a locking write reads the latest row) or, where {@link #mustRetryAfterConcurrentCommit} and
   * {@link #mustRetryAfterConcurrentFirstUse} say so, fails with SQL state 40001 and a message that
   * says to run it again.
   */
  @ParameterizedTest(name = "{0}, T1 commits: {1}, later use: {2}")
  @CsvSource({
    "READ_UNCOMMITTED, true, true", "READ_UNCOMMITTED, false, true",
    "READ_COMMITTED, true, true", "READ_COMMITTED, false, true",
    "REPEATABLE_READ, true, true", "REPEATABLE_READ, false, true",
    "SERIALIZABLE, true, true", "SERIALIZABLE, false, true",
    "READ_UNCOMMITTED, true, false", "READ_UNCOMMITTED, false, false",
    "READ_COMMITTED, true, false", "READ_COMMITTED, false, false",
    "REPEATABLE_READ, true, false", "REPEATABLE_READ, false, false",
    "SERIALIZABLE, true, false", "SERIALIZABLE, false, false"
  })
  void isolationLevelRace(Isolation isolation, boolean commit, boolean existing) throws Exception {
    Assumptions.assumeTrue(
        supports(isolation), isolation + " is not offered by " + getClass().getSimpleName());
    GaplessSequence seq = GaplessSequence.named("isolation");
    long first = existing ? 11 : 1;
    if (existing) {
      insertRow("isolation", 10);
    }
    HeldTransaction t1 =
        HeldTransaction.start(
            dsl,
            ctx -> {
              isolation.set(ctx);
              return seq.nextValue(ctx);
            });
    assertEquals(first, t1.value());
    Future<Long> t2 =
        Threads.POOL.submit(
            () ->
                inTransaction(
                    ctx -> {
                      isolation.set(ctx);
                      return seq.nextValue(ctx);
                    }));
    assertBlocked(t2);
    if (!commit) {
      t1.rollback();
      assertEquals(first, t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      return;
    }
    t1.commit();
    if (existing
        ? mustRetryAfterConcurrentCommit(isolation)
        : mustRetryAfterConcurrentFirstUse(isolation)) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      DataAccessException cause = assertInstanceOf(DataAccessException.class, e.getCause());
      assertEquals("40001", cause.sqlState());
      assertTrue(
          cause.getMessage().contains("Run the whole transaction again"), cause.getMessage());
      assertEquals(first + 1, next(seq));
    } else {
      assertEquals(first + 1, t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
  }

  enum Isolation {
    READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

    private final int level;

    Isolation(int level) {
      this.level = level;
    }

    void set(DSLContext ctx) {
      ctx.connection(c -> c.setTransactionIsolation(level));
    }
  }

  /**
   * Whether two transactions can write at the same time. SQLite cannot: one transaction writes at a
   * time, so distinct sequences do wait on each other there, and no deadlock can form.
   */
  boolean supportsConcurrentWriters() {
    return true;
  }

  /** Whether this database offers {@code isolation}. */
  boolean supports(Isolation isolation) {
    return true;
  }

  /**
   * Whether T2 fails with 40001 when T1 created the sequence and committed first at {@code
   * isolation}: by default as on later use.
   */
  boolean mustRetryAfterConcurrentFirstUse(Isolation isolation) {
    return mustRetryAfterConcurrentCommit(isolation);
  }

  /** Whether T2 fails with 40001 when T1 committed first at {@code isolation}. */
  boolean mustRetryAfterConcurrentCommit(Isolation isolation) {
    return false;
  }

  @Test
  void savepointRollbackGivesTheValueBack() {
    GaplessSequence seq = GaplessSequence.named("savepoint");
    List<Long> values =
        inTransaction(
            outer -> {
              List<Long> taken = new ArrayList<>();
              taken.add(seq.nextValue(outer));
              assertThrows(
                  IllegalStateException.class,
                  () ->
                      outer.transaction(
                          nested -> {
                            taken.add(seq.nextValue(nested.dsl()));
                            throw new IllegalStateException("the line item could not be saved");
                          }));
              taken.add(seq.nextValue(outer));
              outer.transaction(nested -> taken.add(seq.nextValue(nested.dsl())));
              return taken;
            });
    assertEquals(List.of(1L, 2L, 2L, 3L), values);
    assertEquals(OptionalLong.of(3), seq.lastValue(dsl));
  }

  /**
   * Two transactions take two sequences in opposite order: the database detects the deadlock and
   * fails one of them with a message that says to run it again; the other commits; nothing is lost.
   */
  @Test
  void oppositeOrderDeadlockFailsOneTransactionClearly() throws Exception {
    Assumptions.assumeTrue(
        supportsConcurrentWriters(), "one transaction writes at a time: no deadlock can form");
    GaplessSequence a = GaplessSequence.named("deadlock-a");
    GaplessSequence b = GaplessSequence.named("deadlock-b");
    insertRow("deadlock-a", 0);
    insertRow("deadlock-b", 0);
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    List<Future<String>> transactions = new ArrayList<>();
    for (GaplessSequence[] order :
        List.of(new GaplessSequence[] {a, b}, new GaplessSequence[] {b, a})) {
      transactions.add(
          Threads.POOL.submit(
              () -> {
                try {
                  return inTransaction(
                      ctx -> {
                        long first = order[0].nextValue(ctx);
                        await(bothHoldOne);
                        long second = order[1].nextValue(ctx);
                        return "committed " + first + "," + second;
                      });
                } catch (DataAccessException e) {
                  return "failed " + e.sqlState() + ": " + e.getMessage();
                }
              }));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> transaction : transactions) {
      outcomes.add(transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
    List<String> failed = outcomes.stream().filter(o -> o.startsWith("failed")).toList();
    assertEquals(1, failed.size(), outcomes.toString());
    assertTrue(failed.get(0).startsWith("failed 40"), failed.get(0));
    assertTrue(failed.get(0).contains("Run the whole transaction again"), failed.get(0));
    assertTrue(outcomes.contains("committed 1,1"), outcomes.toString());
    assertEquals(OptionalLong.of(1), a.lastValue(dsl));
    assertEquals(OptionalLong.of(1), b.lastValue(dsl));
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void distinctSequencesNeverWaitOnEachOther() throws Exception {
    Assumptions.assumeTrue(
        supportsConcurrentWriters(), "one transaction writes at a time on this database");
    insertRow("existing-held", 1);
    insertRow("existing-free", 1);
    for (String held : List.of("m", "existing-held")) {
      HeldTransaction holder =
          HeldTransaction.start(dsl, ctx -> GaplessSequence.named(held).nextValue(ctx));
      // Names on both sides of the held one in key order, new and existing: a gap lock would block
      // them. A bounded wait turns a block into a failure instead of a hang, where it is offered.
      try {
        for (String other : List.of("l", "n", "ma", "mz", held + "0", "existing-free")) {
          LockWait wait = boundedIfOffered(LockWait.timeout(Duration.ofSeconds(5)));
          Future<Long> value =
              Threads.POOL.submit(
                  () -> inTransaction(ctx -> GaplessSequence.named(other).nextValue(ctx, wait)));
          assertTrue(value.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS) >= 1, other);
        }
      } finally {
        holder.rollback();
      }
    }
  }

  @Test
  void nowaitFailsAtOnceOnFirstUseAndChangesNothing() throws Exception {
    nowait(false);
  }

  @Test
  void nowaitFailsAtOnceOnLaterUseAndChangesNothing() throws Exception {
    nowait(true);
  }

  private void nowait(boolean existing) throws Exception {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("nowait");
    if (existing) {
      insertRow("nowait", 10);
    }
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    long started = System.nanoTime();
    SequenceLockedException e =
        assertThrows(
            SequenceLockedException.class, () -> inTransaction(ctx -> seq.nextValue(ctx, NOWAIT)));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals("nowait", e.sequenceName());
    assertTrue(e.getMessage().contains("'nowait'"), e.getMessage());
    assertNotEquals(null, e.sqlState());
    // "At once": MySQL (not MariaDB) cannot wait less than one second.
    assertTrue(millis < 3000, "NOWAIT took " + millis + " ms");
    assertThrows(
        SequenceLockedException.class, () -> inTransaction(ctx -> seq.nextValues(ctx, 3, NOWAIT)));
    holder.commit();
    long start = existing ? 11 : 1;
    assertEquals(OptionalLong.of(start), seq.lastValue(dsl));
    assertEquals(start + 1, next(seq));
  }

  /**
   * After a SequenceLockedException the caller's transaction goes on, except on PostgreSQL, where
   * any failed statement aborts the transaction until it is rolled back.
   */
  @Test
  void transactionAfterSequenceLockedException() throws Exception {
    Assumptions.assumeTrue(
        supportsConcurrentWriters(),
        "the holder keeps the only write lock: no other sequence can be taken meanwhile");
    assumeBoundedWaits();
    GaplessSequence held = GaplessSequence.named("locked-held");
    GaplessSequence other = GaplessSequence.named("locked-other");
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> held.nextValue(ctx));
    try {
      if (failedStatementAbortsTransaction()) {
        DataAccessException e =
            assertThrows(
                DataAccessException.class,
                () ->
                    dsl.transaction(
                        cfg -> {
                          assertThrows(
                              SequenceLockedException.class,
                              () -> held.nextValue(cfg.dsl(), NOWAIT));
                          other.nextValue(cfg.dsl());
                        }));
        assertEquals("25P02", e.sqlState(), e.getMessage());
        assertEquals(OptionalLong.empty(), other.lastValue(dsl));
      } else {
        long value =
            inTransaction(
                ctx -> {
                  assertThrows(SequenceLockedException.class, () -> held.nextValue(ctx, NOWAIT));
                  return other.nextValue(ctx);
                });
        assertEquals(1, value);
        assertEquals(OptionalLong.of(1), other.lastValue(dsl));
      }
    } finally {
      holder.commit();
    }
    assertEquals(OptionalLong.of(1), held.lastValue(dsl));
  }

  /**
   * Whether the database can bound a wait for a lock: {@link LockWait#NOWAIT} and {@link
   * LockWait#timeout} are offered. Where not (HSQLDB), they are refused before any SQL.
   */
  boolean boundsLockWaits() {
    return true;
  }

  private void assumeBoundedWaits() {
    Assumptions.assumeTrue(
        boundsLockWaits(),
        "this database cannot bound a lock wait: NOWAIT and timeouts are refused, as"
            + " boundedWaitsAreRefusedBeforeAnySqlWhereNotOffered shows");
  }

  /** {@code wait} where bounded waits are offered, else {@link LockWait#WAIT}. */
  private LockWait boundedIfOffered(LockWait wait) {
    return boundsLockWaits() ? wait : LockWait.WAIT;
  }

  @Test
  void boundedWaitsAreRefusedBeforeAnySqlWhereNotOffered() {
    Assumptions.assumeFalse(boundsLockWaits(), "this database bounds lock waits");
    StatementCounter counter = new StatementCounter();
    DSLContext counted = DSL.using(dsl.configuration().derive(counter));
    GaplessSequence seq = GaplessSequence.named("unbounded");
    for (LockWait wait : List.of(NOWAIT, LockWait.timeout(Duration.ofSeconds(2)))) {
      UnsupportedOperationException e =
          assertThrows(
              UnsupportedOperationException.class,
              () -> counted.transaction(cfg -> seq.nextValue(cfg.dsl(), wait)));
      assertTrue(e.getMessage().contains("'unbounded'"), e.getMessage());
      assertTrue(e.getMessage().contains(wait.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("LockWait.WAIT"), e.getMessage());
    }
    assertEquals(0, counter.count());
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  /** Whether a failed statement aborts the transaction (PostgreSQL). */
  boolean failedStatementAbortsTransaction() {
    return false;
  }

  @Test
  void timeoutWaitsAboutItsLimitThenFails() throws Exception {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("timeout");
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    long started = System.nanoTime();
    assertThrows(
        SequenceLockedException.class,
        () -> inTransaction(ctx -> seq.nextValue(ctx, LockWait.timeout(Duration.ofMillis(1500)))));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    // Whole-second databases round 1.5 s up to 2 s; generous bounds either side.
    assertTrue(millis >= 1000 && millis < 10_000, "timeout(1.5 s) took " + millis + " ms");
    holder.commit();
    assertEquals(2, next(seq));
  }

  @Test
  void timeoutSucceedsWhenTheHolderEndsInTime() throws Exception {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("timeout-ok");
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    Future<Long> waiter =
        Threads.POOL.submit(
            () ->
                inTransaction(ctx -> seq.nextValue(ctx, LockWait.timeout(Duration.ofSeconds(30)))));
    assertBlocked(waiter);
    holder.commit();
    assertEquals(2, waiter.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
  }

  // ---- overflow ---------------------------------------------------------------------------------

  @Test
  void valuesNeverPassLongMaxValue() {
    GaplessSequence seq = GaplessSequence.named("max");
    insertRow("max", Long.MAX_VALUE - 1);
    assertEquals(Long.MAX_VALUE, next(seq));
    DataAccessException e = assertThrows(DataAccessException.class, () -> next(seq));
    assertFalse(e instanceof SequenceLockedException);
    assertTrue(e.getMessage().contains("'max'"), e.getMessage());
    assertTrue(e.getMessage().contains("Long.MAX_VALUE"), e.getMessage());
    assertEquals(OptionalLong.of(Long.MAX_VALUE), seq.lastValue(dsl));
  }

  @Test
  void batchThatWouldOverflowFailsAndKeepsTheCounter() {
    GaplessSequence seq = GaplessSequence.named("max-batch");
    insertRow("max-batch", Long.MAX_VALUE - 3);
    assertThrows(DataAccessException.class, () -> inTransaction(ctx -> seq.nextValues(ctx, 4)));
    assertEquals(OptionalLong.of(Long.MAX_VALUE - 3), seq.lastValue(dsl));
    ValueRange last3 = inTransaction(ctx -> seq.nextValues(ctx, 3));
    assertEquals(Long.MAX_VALUE - 2, last3.first());
    assertEquals(Long.MAX_VALUE, last3.last());
    DataAccessException first =
        assertThrows(
            DataAccessException.class,
            () ->
                inTransaction(
                    ctx ->
                        GaplessSequence.named("max-first")
                            .startingAt(Long.MAX_VALUE)
                            .nextValues(ctx, 2)));
    assertTrue(first.getMessage().contains("Long.MAX_VALUE"), first.getMessage());
    assertEquals(OptionalLong.empty(), GaplessSequence.named("max-first").lastValue(dsl));
    // The initial value only matters on first use: an existing counter far from the limit goes on.
    insertRow("max-first", 1);
    ValueRange existing =
        inTransaction(
            ctx ->
                GaplessSequence.named("max-first").startingAt(Long.MAX_VALUE).nextValues(ctx, 2));
    assertEquals(List.of(2L, 3L), existing.stream().boxed().toList());
    assertEquals(OptionalLong.of(3), GaplessSequence.named("max-first").lastValue(dsl));
  }

  // ---- round trips ------------------------------------------------------------------------------

  @Test
  void statementsPerCallAreThoseOfTheDialectTable() {
    StatementCounter counter = new StatementCounter();
    DSLContext counted = DSL.using(dsl.configuration().derive(counter));
    GaplessSequence seq = GaplessSequence.named("round-trips");
    LockWait bounded = LockWait.timeout(Duration.ofSeconds(5));
    List<Integer> counts = new ArrayList<>();
    for (Function<DSLContext, Object> call :
        List.<Function<DSLContext, Object>>of(
            ctx -> seq.nextValue(ctx),
            ctx -> seq.nextValue(ctx),
            ctx -> seq.nextValues(ctx, 50),
            ctx -> seq.nextValue(ctx, boundedIfOffered(bounded)))) {
      counted.transaction(
          cfg -> {
            counter.reset();
            call.apply(cfg.dsl());
            counts.add(counter.count());
          });
    }
    assertEquals(
        List.of(
            statementsPerCall(true, false),
            statementsPerCall(false, false),
            statementsPerCall(false, false),
            statementsPerCall(false, boundsLockWaits())),
        counts);
    assertEquals(OptionalLong.of(53), seq.lastValue(dsl));
  }

  // ---- schema -----------------------------------------------------------------------------------

  @Test
  void migrationIsIdempotentAndAdoptsADjangoSequencesTable() {
    Assumptions.assumeTrue(
        counterTable().equals(SequencesSchema.DEFAULT_TABLE),
        "django-sequences' table is always sequences_sequence");
    DataSource dataSource = database().dataSource();
    try {
      dropSchema();
      admin.execute(djangoSequencesTable());
      insertRow("invoices", 41);
      insertRow("credit-notes", 7);

      assertEquals(migrationCount(), SequencesSchema.migrate(dataSource));
      assertEquals(0, SequencesSchema.migrate(dataSource));
      grantApplicationRights(admin, List.of("sequences_sequence"));

      assertEquals(OptionalLong.of(7), GaplessSequence.named("credit-notes").lastValue(dsl));
      assertEquals(42, next(GaplessSequence.named("invoices")));
      assertEquals(1, next(GaplessSequence.named("Invoices")), "names compare exactly");
      insertRowReplacing("invoices", 3_000_000_000L);
      assertEquals(3_000_000_001L, next(GaplessSequence.named("invoices")), "64-bit counter");
    } finally {
      // Leave the table as the migration creates it on an empty database, for the other tests.
      dropSchema();
      migrateAndGrant();
    }
  }

  /**
   * Several counter tables in one schema each get their own history, migrate and report it; a table
   * migrated by 0.1.0 (history in the shared {@code sequences_schema_history}) is adopted with its
   * rows; a history whose table is missing no longer hides the table.
   */
  @Test
  void severalCounterTablesInOneSchemaEachMigrate() {
    Assumptions.assumeTrue(
        counterSchema() == null && counterTable().equals(SequencesSchema.DEFAULT_TABLE),
        "the tables are made beside the default one");
    DataSource dataSource = database().dataSource();
    List<String> tables = List.of("sequences_it_a", "sequences_it_b");
    Runnable dropAll =
        () -> {
          for (String table : tables) {
            admin.dropTableIfExists(DSL.name(table)).execute();
            admin.dropTableIfExists(DSL.name(SequencesSchema.historyTable(table))).execute();
          }
        };
    dropAll.run();
    try {
      for (String table : tables) {
        assertEquals(migrationCount(), SequencesSchema.migrate(dataSource, null, table), table);
      }
      for (String table : tables) {
        assertEquals(0, SequencesSchema.migrate(dataSource, null, table), table);
      }
      assertEquals(
          "sequences_schema_history_sequences_it_a",
          SequencesSchema.historyTable("sequences_it_a"));
      assertEquals(0, SequencesSchema.migrate(dataSource), "the default table is current");

      // A table dropped by hand while its history stayed: migrated afresh, not skipped.
      admin.dropTable(DSL.name("sequences_it_b")).execute();
      assertEquals(migrationCount(), SequencesSchema.migrate(dataSource, null, "sequences_it_b"));
      admin.insertInto(DSL.table(DSL.name("sequences_it_b")), NAME, LAST).values("b", 7L).execute();

      // 0.1.0's layout: table a with its history in the shared history table of another schema's
      // default table; here a schema of its own is not at hand, so a history table of that name.
      admin.dropTable(DSL.name(SequencesSchema.historyTable("sequences_it_a"))).execute();
      admin
          .insertInto(DSL.table(DSL.name("sequences_it_a")), NAME, LAST)
          .values("a", 41L)
          .execute();
      assertEquals(migrationCount(), SequencesSchema.migrate(dataSource, null, "sequences_it_a"));
      assertEquals(
          List.of(41L), admin.select(LAST).from(DSL.table(DSL.name("sequences_it_a"))).fetch(LAST));
      assertEquals(
          List.of(7L), admin.select(LAST).from(DSL.table(DSL.name("sequences_it_b"))).fetch(LAST));
    } finally {
      dropAll.run();
    }
  }

  // ---- stress -----------------------------------------------------------------------------------

  @Test
  void concurrentTransactionsCommitExactlyInitialToK() throws Exception {
    StressHarness harness =
        new StressHarness(
            dsl,
            INVOICE_TABLE,
            List.of("stress-a", "stress-b", "stress-c"),
            1000,
            boundsLockWaits());
    StressHarness.Report report = harness.run(6, 50);
    System.out.printf("stress %s: %s%n", getClass().getSimpleName(), report);
    assertEquals(300, report.transactions());
    assertTrue(report.rolledBack() > 0 && report.thrownAfterInsert() > 0, report.toString());
    report.assertNoGapNoDuplicate(failuresUnderStress());
  }

  /**
   * The SQL states (or classes) of the failures this database may report while the stress harness
   * runs without faults, each with its reason. None by default.
   */
  Set<String> failuresUnderStress() {
    return Set.of();
  }

  /**
   * What a killed session or a restarted server may fail a transaction with: a connection failure
   * (class 08), the server's shutdown or termination of the session (57P0x on PostgreSQL), and a
   * transaction the database rolled back (class 40).
   */
  private static final Set<String> FAILURES_UNDER_FAULTS = Set.of("08", "57P0", "40");

  /**
   * The harness can fail: an issuer that reads the counter without a lock and writes it afterwards
   * hands numbers out twice under concurrency, and the harness reports those duplicates.
   */
  @Test
  void stressHarnessCatchesAnIssuerThatReadsWithoutALock() throws Exception {
    Assumptions.assumeTrue(
        supportsConcurrentWriters(),
        "one transaction writes at a time: the broken issuer cannot race");
    List<String> names = List.of("broken-a", "broken-b");
    for (String name : names) {
      insertRow(name, 0);
    }
    String counters = admin.render(COUNTERS);
    String last = admin.render(LAST);
    String byName = " where " + admin.render(NAME) + " = ?";
    StressHarness.Issuer readWithoutLock =
        (ctx, name, initialValue, count, wait) -> {
          long current =
              ctx.resultQuery("select " + last + " from " + counters + byName, name)
                  .fetchOne(0, Long.class);
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ctx.execute(
              "update " + counters + " set " + last + " = ?" + byName, current + count, name);
          return LongStream.rangeClosed(current + 1, current + count).boxed().toList();
        };
    StressHarness harness = new StressHarness(dsl, INVOICE_TABLE, names, 1, false, readWithoutLock);
    StressHarness.Report report = harness.run(6, 30);
    System.out.printf("broken issuer %s: %s%n", getClass().getSimpleName(), report);
    assertTrue(report.duplicates() > 0, report.toString());
    assertThrows(AssertionError.class, () -> report.assertNoGapNoDuplicate(failuresUnderStress()));
  }

  /** Random sessions of the application are killed while the stress harness runs. */
  @Test
  void killedConnectionsLoseNothing() throws Exception {
    ServerSessions sessions = serverSessions();
    Assumptions.assumeTrue(sessions != null, "an embedded database has no connection to kill");
    StressHarness harness =
        new StressHarness(
            dsl, INVOICE_TABLE, List.of("killed-a", "killed-b"), 1, boundsLockWaits());
    AtomicInteger kills = new AtomicInteger();
    StressHarness.Report report =
        harness.run(
            6,
            50,
            progress -> {
              // At least 20 kills, and on until three transactions were broken: a kill can also
              // hit a session between two transactions, which breaks nothing.
              ThreadLocalRandom random = ThreadLocalRandom.current();
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
              while ((kills.get() < 20 || progress.failedByDatabase().get() < 3)
                  && System.nanoTime() < deadline) {
                Thread.sleep(10 + random.nextInt(40));
                List<Long> others = dsl.resultQuery(sessions.others()).fetch(0, Long.class);
                if (!others.isEmpty()) {
                  try {
                    dsl.execute(sessions.kill(), others.get(random.nextInt(others.size())));
                    kills.incrementAndGet();
                  } catch (DataAccessException goneAlready) {
                    // the session ended between the two statements
                  }
                }
              }
            });
    System.out.printf(
        "kills %s: %d sessions killed; %s%n", getClass().getSimpleName(), kills.get(), report);
    assertTrue(report.failedByDatabase() > 0, "no kill broke a transaction: " + report);
    report.assertNoGapNoDuplicate(FAILURES_UNDER_FAULTS);
  }

  /** The server restarts once while the stress harness runs. */
  @Test
  void serverRestartLosesNothing() throws Exception {
    String restart = database().restartCommand();
    Assumptions.assumeTrue(
        restart != null,
        "set SEQUENCES_TEST_" + database() + "_RESTART to a command that restarts the server");
    StressHarness harness =
        new StressHarness(
            dsl, INVOICE_TABLE, List.of("restart-a", "restart-b"), 1, boundsLockWaits());
    StressHarness.Report report =
        harness.run(
            4,
            100,
            progress -> {
              AtomicInteger ended = progress.ended();
              while (ended.get() < 100) {
                Thread.sleep(10);
              }
              Process process = new ProcessBuilder("bash", "-c", restart).inheritIO().start();
              assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the restart did not finish");
              assertEquals(0, process.exitValue(), "the restart command failed");
              int afterRestart = ended.get();
              while (ended.get() < afterRestart + 100) {
                Thread.sleep(10);
              }
            });
    System.out.printf("restart %s: 1 server restart; %s%n", getClass().getSimpleName(), report);
    assertTrue(report.failedByDatabase() > 0, "the restart broke no transaction: " + report);
    report.assertNoGapNoDuplicate(FAILURES_UNDER_FAULTS);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private long next(GaplessSequence seq) {
    return inTransaction(ctx -> seq.nextValue(ctx));
  }

  private <T> T inTransaction(Function<DSLContext, T> work) {
    return dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
  }

  /** Writes a counter row behind the library's back, as Django or an operator would. */
  private void insertRow(String name, long last) {
    admin.insertInto(COUNTERS, NAME, LAST).values(name, last).execute();
  }

  private void insertRowReplacing(String name, long last) {
    admin.update(COUNTERS).set(LAST, last).where(NAME.eq(name)).execute();
  }

  private static void assertBlocked(Future<?> waiting) throws Exception {
    assertThrows(
        TimeoutException.class,
        () -> waiting.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS),
        "the second transaction did not wait for the first");
  }
}
