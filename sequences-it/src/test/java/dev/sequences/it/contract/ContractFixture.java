package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.StatementCounter;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceEvent;
import dev.sequences.jooq.SequenceListener;
import dev.sequences.schema.SequencesSchema;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every topic of the contract suite stands on: the described database, migrated, with the
 * application's context ({@link #dsl}) and an administrator's ({@link #admin}), emptied before each
 * test, and the helpers the topics share.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractFixture {

  /** How long a test lets a blocked transaction stay blocked before it decides it is waiting. */
  public static final long BLOCKED_MILLIS = 700;

  public static final long MAX_WAIT_SECONDS = 60;

  public static final String INVOICE_TABLE = "sequences_it_invoice";

  public static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);
  public static final Field<Long> LAST = DSL.field(DSL.name("last"), Long.class);

  /** The database under test. */
  protected final DatabaseDescription db;

  /** The counter table, where the migration puts it. */
  protected final Table<?> counters;

  /** The ledger of number series, beside the counter table. */
  protected final Table<?> ledger;

  /** The context under test: the application's user, with the application's settings. */
  protected DSLContext dsl;

  /** The context that migrates and prepares: a user that may create tables. */
  protected DSLContext admin;

  protected ContractFixture(DatabaseDescription db) {
    this.db = db;
    this.counters = table(db.counterTable());
    this.ledger = table(SequencesSchema.ledgerTable(db.counterTable()));
  }

  /** Table {@code name} in the counter table's schema. */
  private Table<?> table(String name) {
    return db.counterSchema() == null
        ? DSL.table(DSL.name(name))
        : DSL.table(DSL.name(db.counterSchema(), name));
  }

  @BeforeAll
  protected void migrate() {
    admin = DSL.using(db.server().dataSource(), db.dialect(), settings(new Settings()));
    admin.execute(
        "create table if not exists "
            + INVOICE_TABLE
            + " (sequence_name varchar(100) not null, number bigint not null,"
            + " primary key (sequence_name, number))");
    migrateAndGrant();
    dsl = DSL.using(applicationDataSource(), db.dialect(), settings());
  }

  @BeforeEach
  protected void emptyTables() {
    admin.execute("delete from " + INVOICE_TABLE);
    admin.deleteFrom(counters).execute();
    admin.deleteFrom(ledger).execute();
  }

  /** The application's data source: a least-privilege user where the description says so. */
  public DataSource applicationDataSource() {
    return db.leastPrivilege() ? db.server().applicationDataSource() : db.server().dataSource();
  }

  /** The application's settings with the counter table's render mapping. */
  public Settings settings() {
    return settings(db.applicationSettings());
  }

  /**
   * The jOOQ settings that point the generated {@code sequences_sequence} table at the described
   * counter table, as an application would, over {@code base}.
   */
  private Settings settings(Settings base) {
    if (db.counterSchema() == null && db.counterTable().equals(SequencesSchema.DEFAULT_TABLE)) {
      return base;
    }
    return base.withRenderMapping(
        new RenderMapping()
            .withSchemata(
                new MappedSchema()
                    .withInput("")
                    .withOutput(db.counterSchema())
                    .withTables(
                        new MappedTable()
                            .withInput(SequencesSchema.DEFAULT_TABLE)
                            .withOutput(db.counterTable()))));
  }

  public void migrateAndGrant() {
    SequencesSchema.migrate(db.server().dataSource(), db.counterSchema(), db.counterTable());
    grantApplicationRights(
        List.of(db.counterTable(), SequencesSchema.ledgerTable(db.counterTable()), INVOICE_TABLE));
  }

  /** Gives a least-privilege application user its rights on {@code tables}. */
  public void grantApplicationRights(List<String> tables) {
    if (!db.leastPrivilege()) {
      return;
    }
    for (String table : tables) {
      for (String grant : db.grants()) {
        admin.execute(
            grant.replace("{table}", table).replace("{user}", db.server().applicationUser()));
      }
    }
  }

  /**
   * Drops the counter table, its ledger and the migrations' history: the next migration starts
   * afresh.
   */
  public void dropSchema() {
    admin.dropTableIfExists(ledger).execute();
    admin.dropTableIfExists(counters).execute();
    admin
        .dropTableIfExists(
            db.counterSchema() == null
                ? DSL.name(SequencesSchema.HISTORY_TABLE)
                : DSL.name(db.counterSchema(), SequencesSchema.HISTORY_TABLE))
        .execute();
  }

  public long next(GaplessSequence seq) {
    return inTransaction(ctx -> seq.nextValue(ctx));
  }

  public <T> T inTransaction(Function<DSLContext, T> work) {
    return dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
  }

  /** Writes a counter row behind the library's back, as Django or an operator would. */
  public void insertRow(String name, long last) {
    admin.insertInto(counters, NAME, LAST).values(name, last).execute();
  }

  public void insertRowReplacing(String name, long last) {
    admin.update(counters).set(LAST, last).where(NAME.eq(name)).execute();
  }

  /** A pool that hands out connections out of auto-commit, as HikariCP with autoCommit=false. */
  public HikariDataSource poolOutOfAutoCommit() {
    HikariConfig config = new HikariConfig();
    config.setDataSource(applicationDataSource());
    config.setAutoCommit(false);
    config.setMaximumPoolSize(3);
    config.setPoolName("sequences-it-" + db);
    return new HikariDataSource(config);
  }

  /** The application's context with a listener that adds every call's event to {@code events}. */
  public DSLContext heardBy(List<SequenceEvent> events) {
    return DSL.using(SequenceListener.install(dsl.configuration().derive(), events::add));
  }

  public static List<SequenceEvent.Outcome> outcomes(List<SequenceEvent> events) {
    return events.stream().map(SequenceEvent::outcome).toList();
  }

  /** {@code ctx} with a counter of the statements it runs. */
  public static DSLContext counted(DSLContext ctx, StatementCounter counter) {
    return DSL.using(ctx.configuration().derive(counter));
  }

  public void assumeBoundedWaits() {
    Assumptions.assumeTrue(
        db.boundsLockWaits(),
        "this database cannot bound a lock wait: NOWAIT and timeouts are refused, as"
            + " boundedWaitsAreRefusedBeforeAnySqlWhereNotOffered shows");
  }

  /** {@code wait} where bounded waits are offered, else {@link LockWait#WAIT}. */
  public LockWait boundedIfOffered(LockWait wait) {
    return db.boundsLockWaits() ? wait : LockWait.WAIT;
  }

  public static void assertBlocked(Future<?> waiting) {
    assertThrows(
        TimeoutException.class,
        () -> waiting.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS),
        "the second transaction did not wait for the first");
  }

  public static void await(CyclicBarrier barrier) {
    try {
      barrier.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
