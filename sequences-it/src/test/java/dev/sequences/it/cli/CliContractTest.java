package dev.sequences.it.cli;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.schema.SequencesSchema;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * Every command of {@code sequences}, against one database per subclass. The tests are in its
 * topics, one interface each ({@link CliCountersTopic}, {@link CliAuditTopic}, {@link
 * CliConventionsTopic}), which this class runs on its fixture; races and the series auditor's
 * commands are nested.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliContractTest implements CliCountersTopic, CliAuditTopic, CliConventionsTopic {

  private DSLContext dsl;
  private TestDatabase.Server server;

  /** The database under test. */
  private final DatabaseDescription db;

  CliContractTest(DatabaseDescription db) {
    this.db = db;
  }

  /** Inserts the numbers 1..n into {@value #AUDITED}, in one statement. */
  @Override
  public String insertOneTo(long n) {
    return "insert into " + AUDITED + " " + db.numbers(n);
  }

  @BeforeAll
  void connect() {
    server = db.server().server();
    SequencesSchema.migrate(db.server().dataSource());
    dsl = DSL.using(db.server().dataSource(), db.dialect());
    dsl.execute("drop table if exists " + AUDITED);
    dsl.execute("create table " + AUDITED + " (number bigint)");
  }

  @BeforeEach
  void emptyTables() {
    dsl.execute("delete from " + AUDITED);
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence"))).execute();
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence_issued"))).execute();
  }

  @Override
  public DatabaseDescription db() {
    return db;
  }

  @Override
  public DSLContext dsl() {
    return dsl;
  }

  @Override
  public TestDatabase.Server server() {
    return server;
  }

  /** {@code sequences series} as an auditor runs it. */
  @Nested
  class SeriesAudit extends SeriesCliContract {
    SeriesAudit() {
      super(CliContractTest.this.db);
    }
  }

  /** Set and delete while the application issues numbers. */
  @Nested
  class Races extends CliRacesContract {
    Races() {
      super(CliContractTest.this.db);
    }
  }
}
