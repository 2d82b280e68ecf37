package dev.sequences.it.contract;

import static dev.sequences.jooq.LockWait.NOWAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.DatabaseDescription.ServerSessions;
import dev.sequences.it.fixtures.StatementCounter;
import dev.sequences.jooq.ContainerManagedTransactions;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.schema.SequencesSchema;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
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
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a value may be issued: auto-commit refused unless allowed, pools out of auto-commit, outer
 * contexts, thread-local, Spring and container-managed transactions.
 */
abstract class ConfigurationsContract extends ContractFixture {

  ConfigurationsContract(DatabaseDescription db) {
    super(db);
  }

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
    ServerSessions sessions = db.sessions();
    Assumptions.assumeTrue(sessions != null, "an embedded database has no server to ask");
    try (Connection connection = applicationDataSource().getConnection()) {
      DSLContext own = DSL.using(connection, db.dialect(), settings());
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

  private static final String NOT_BOUND =
      " is out of auto-commit mode but belongs to no transaction the library can see";

  @Test
  void poolConnectionOutOfAutoCommitIsRefusedBeforeAnySql() {
    GaplessSequence seq = GaplessSequence.named("pooled");
    StatementCounter counter = new StatementCounter();
    try (HikariDataSource pool = poolOutOfAutoCommit()) {
      DSLContext pooled = counted(DSL.using(pool, db.dialect(), settings()), counter);
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
      DSLContext outer = DSL.using(pool, db.dialect(), settings());
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
    DSLContext outOfAutoCommit = DSL.using(connectionPerAcquire(false), db.dialect(), settings());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> seq.allowingAutoCommit().nextValue(outOfAutoCommit));
    assertTrue(e.getMessage().contains(NOT_BOUND), e.getMessage());
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));

    DSLContext autoCommitted = DSL.using(connectionPerAcquire(true), db.dialect(), settings());
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
                  .set(db.dialect())
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
   * Outside a transaction, a ThreadLocalTransactionProvider's context hands out connections in
   * auto-commit mode: the library refuses them unless the sequence allows auto-commit, and then
   * issues and commits each value at once (jOOQ refuses any other connection provider beside a
   * ThreadLocalTransactionProvider, so the library must not set one there).
   */
  @Test
  void threadLocalTransactionProviderOutsideATransactionInAutoCommit() {
    GaplessSequence seq = GaplessSequence.named("thread-local-auto-commit");
    DSLContext tl =
        DSL.using(
            new DefaultConfiguration()
                .set(db.dialect())
                .set(settings())
                .set(
                    new ThreadLocalTransactionProvider(
                        new DataSourceConnectionProvider(applicationDataSource()))));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> seq.nextValue(tl));
    assertTrue(e.getMessage().contains("auto-commit mode"), e.getMessage());
    GaplessSequence allowed = seq.allowingAutoCommit();
    assertEquals(List.of(1L, 2L), List.of(allowed.nextValue(tl), allowed.nextValue(tl)));
    assertEquals(OptionalLong.of(2), seq.lastValue(tl));
    assertEquals(OptionalLong.of(2), seq.lastValue(dsl));
    assertEquals(3, tl.transactionResult(() -> seq.nextValue(tl)));
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
          DSL.using(new TransactionAwareDataSourceProxy(pool), db.dialect(), settings());
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
              db.dialect(),
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
              .set(db.dialect())
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

  /**
   * The library renders its statements once per dialect and settings: a setting changed on the same
   * {@code Settings} object after the first use (here the render mapping, to another counter table)
   * takes effect at the next call, never the text rendered before it.
   */
  @Test
  void settingsChangedAfterFirstUseTakeEffect() {
    String other = "sequences_it_other";
    Table<?> otherTable =
        db.counterSchema() == null
            ? DSL.table(DSL.name(other))
            : DSL.table(DSL.name(db.counterSchema(), other));
    admin.dropTableIfExists(otherTable).execute();
    admin.execute(
        "create table {0} ({1} varchar(100) not null primary key, {2} bigint not null)",
        otherTable, NAME, LAST);
    grantApplicationRights(List.of(other));
    try {
      MappedTable mapped =
          new MappedTable().withInput(SequencesSchema.DEFAULT_TABLE).withOutput(db.counterTable());
      Settings settings =
          db.applicationSettings()
              .withRenderMapping(
                  new RenderMapping()
                      .withSchemata(
                          new MappedSchema()
                              .withInput("")
                              .withOutput(db.counterSchema())
                              .withTables(mapped)));
      DSLContext ctx = DSL.using(applicationDataSource(), db.dialect(), settings);
      GaplessSequence seq = GaplessSequence.named("moving");
      GaplessSequence looping = GaplessSequence.named("moving-loop").resettingAt(3);
      Function<GaplessSequence, Long> next =
          s -> ctx.transactionResult(cfg -> s.nextValue(cfg.dsl()));
      assertEquals(
          List.of(1L, 2L, 1L), List.of(next.apply(seq), next.apply(seq), next.apply(looping)));
      // Changed in place, deep inside the configuration's own settings (jOOQ copies the object
      // it is given).
      ctx.settings().getRenderMapping().getSchemata().get(0).getTables().get(0).setOutput(other);
      assertEquals(List.of(1L, 1L), List.of(next.apply(seq), next.apply(looping)));
      assertEquals(
          List.of(2L, 1L),
          List.of(
              admin.select(LAST).from(counters).where(NAME.eq("moving")).fetchOne(LAST),
              admin.select(LAST).from(counters).where(NAME.eq("moving-loop")).fetchOne(LAST)));
      assertEquals(
          List.of(1L, 1L),
          List.of(
              admin.select(LAST).from(otherTable).where(NAME.eq("moving")).fetchOne(LAST),
              admin.select(LAST).from(otherTable).where(NAME.eq("moving-loop")).fetchOne(LAST)));
    } finally {
      admin.dropTableIfExists(otherTable).execute();
    }
  }

  /**
   * The caller's execute listeners see every statement the library sends, the same text each time,
   * although it is rendered once.
   */
  @Test
  void executeListenersSeeEveryStatement() {
    List<String> sql = new ArrayList<>();
    ExecuteListener recorder =
        new ExecuteListener() {
          private static final long serialVersionUID = 1L;

          @Override
          public void executeStart(ExecuteContext ctx) {
            sql.add(ctx.sql());
          }
        };
    DSLContext heard = DSL.using(dsl.configuration().derive(recorder));
    GaplessSequence seq = GaplessSequence.named("heard");
    List<Long> values =
        heard.transactionResult(
            cfg ->
                List.of(
                    seq.nextValue(cfg.dsl()), seq.nextValue(cfg.dsl()), seq.nextValue(cfg.dsl())));
    assertEquals(List.of(1L, 2L, 3L), values);
    assertEquals(3 * db.statements(), sql.size(), sql.toString());
    assertEquals(
        sql.subList(0, db.statements()), sql.subList(db.statements(), 2 * db.statements()));
    assertEquals(sql.subList(0, db.statements()), sql.subList(2 * db.statements(), sql.size()));
    assertTrue(
        sql.stream().anyMatch(s -> s.contains(db.counterTable())),
        "no statement names the counter table: " + sql);
  }

  /**
   * With a visit listener, which may rewrite any statement as it is rendered, the library renders
   * its statements on every call: the listener sees the counter table each time.
   */
  @Test
  void visitListenersSeeEveryRendering() {
    AtomicInteger visits = new AtomicInteger();
    VisitListener counting =
        new VisitListener() {
          @Override
          public void visitStart(VisitContext context) {
            if (context.queryPart() instanceof Table<?> table
                && (table.getName().equals(SequencesSchema.DEFAULT_TABLE)
                    || table.getName().equals(db.counterTable()))) {
              visits.incrementAndGet();
            }
          }
        };
    Configuration configuration = dsl.configuration().derive();
    configuration.set(counting);
    DSLContext visited = DSL.using(configuration);
    GaplessSequence seq = GaplessSequence.named("visited");
    List<Integer> perCall = new ArrayList<>();
    for (long expected = 1; expected <= 3; expected++) {
      int before = visits.get();
      long issued = visited.transactionResult(cfg -> seq.nextValue(cfg.dsl()));
      assertEquals(expected, issued);
      perCall.add(visits.get() - before);
    }
    assertTrue(perCall.stream().allMatch(n -> n > 0), "visits per call: " + perCall);
    assertEquals(perCall.get(0), perCall.get(2), "visits per call: " + perCall);
  }

  /** A least-privilege variant's application user really cannot create tables. */
  @Test
  void theApplicationUserCannotCreateTables() {
    Assumptions.assumeTrue(db.leastPrivilege(), "the application runs as the migrating user");
    DSLContext application = DSL.using(applicationDataSource(), db.dialect());
    assertThrows(
        DataAccessException.class,
        () -> application.execute("create table sequences_it_forbidden (i int)"));
  }
}
