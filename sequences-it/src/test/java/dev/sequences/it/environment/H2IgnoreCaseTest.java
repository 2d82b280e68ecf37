package dev.sequences.it.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.cli.SequencesCli;
import dev.sequences.it.fixtures.Databases;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesReport;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * H2's {@code IGNORECASE=TRUE} makes the VARCHAR columns of new tables, and casts to VARCHAR,
 * case-insensitive: the migrations must still give a counter table whose names compare exactly, on
 * a fresh database and on one where the first release already created the table case-insensitively,
 * {@link GaplessSequence} must compare names exactly, and the migrations must leave the setting
 * alone (it is persistent and database-wide).
 */
class H2IgnoreCaseTest {

  private static final String COLUMN_TYPE =
      "select data_type from information_schema.columns"
          + " where table_schema = ? and table_name = ? and column_name = 'name'";

  /** Each test's own in-memory database, kept open until the test ends it. */
  private final List<Connection> keepers = new ArrayList<>();

  @AfterEach
  void shutDown() throws SQLException {
    for (Connection keeper : keepers) {
      try (keeper;
          Statement statement = keeper.createStatement()) {
        statement.execute("shutdown");
      }
    }
  }

  @Test
  void aFreshMigrationComparesNamesExactlyAndLeavesTheSetting() throws SQLException {
    DataSource dataSource = ignoreCaseDatabase("ignorecase_fresh");
    assertEquals("1", ignoreCaseSetting(dataSource));

    int applied = SequencesSchema.migrate(dataSource);

    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    GaplessSequence upper = GaplessSequence.named("Invoices");
    GaplessSequence lower = GaplessSequence.named("invoices");
    assertEquals(1, next(dsl, upper));
    assertEquals(1, next(dsl, lower));
    assertEquals(2, next(dsl, upper));
    assertEquals(2, next(dsl, lower));
    assertTrue(lower.delete(dsl));
    assertEquals(OptionalLong.empty(), lower.lastValue(dsl));
    assertEquals(OptionalLong.of(2), upper.lastValue(dsl));
    assertEquals("CHARACTER VARYING", columnType(dataSource, "PUBLIC", "sequences_sequence"));
    assertEquals("1", ignoreCaseSetting(dataSource));
    assertEquals(
        Databases.H2.migrations(),
        applied,
        "V1 creates the table, V2 makes it case-sensitive, V3 adds the series' ledger");
    assertEquals(0, SequencesSchema.migrate(dataSource));

    // The ledger's counter column compares exactly too: two scopes that differ in case are two
    // counters, each with a ledger of its own.
    NumberSeries series = NumberSeries.named("invoices").chained();
    LocalDate date = LocalDate.of(2026, 3, 14);
    for (String scope : List.of("ACME", "acme", "acme", "ACME", "acme")) {
      dsl.transactionResult(cfg -> series.issue(cfg.dsl(), scope, date));
    }
    SeriesReport upperLedger = series.verify(dsl, "ACME", "");
    SeriesReport lowerLedger = series.verify(dsl, "acme", "");
    assertTrue(upperLedger.clean(), upperLedger.toString());
    assertTrue(lowerLedger.clean(), lowerLedger.toString());
    assertEquals(2, upperLedger.records());
    assertEquals(3, lowerLedger.records());
  }

  @Test
  void aFreshMigrationToAnotherSchemaAndTableComparesNamesExactly() throws SQLException {
    DataSource dataSource = ignoreCaseDatabase("ignorecase_custom");

    int applied = SequencesSchema.migrate(dataSource, "billing", "invoice_counters");

    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    dsl.execute(
        "insert into \"billing\".\"invoice_counters\" values ('Invoices', 1), ('invoices', 2)");
    assertEquals(
        List.of("Invoices", "invoices"),
        dsl.fetchValues("select \"name\" from \"billing\".\"invoice_counters\" order by \"last\""));
    assertEquals("CHARACTER VARYING", columnType(dataSource, "billing", "invoice_counters"));
    assertEquals("1", ignoreCaseSetting(dataSource));
    assertEquals(Databases.H2.migrations(), applied);
  }

  @Test
  void theUpgradeMakesATableOfTheFirstReleaseCaseSensitiveAndKeepsRowsAndRights()
      throws SQLException {
    DataSource dataSource = ignoreCaseDatabase("ignorecase_upgrade");
    // The first release had only V1, which is unchanged: migrating to version 1 is that release.
    assertEquals(
        1,
        SequencesSchema.configure(dataSource, null, SequencesSchema.DEFAULT_TABLE)
            .target("1")
            .load()
            .migrate()
            .migrationsExecuted);
    assertEquals("VARCHAR_IGNORECASE", columnType(dataSource, "PUBLIC", "sequences_sequence"));
    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    dsl.execute("insert into \"sequences_sequence\" values ('Invoices', 41)");
    // H2 folds user names to upper case, quoted or not.
    dsl.execute("create user app password 'app'");
    dsl.execute("grant select, insert, update on \"sequences_sequence\" to app");

    int applied = SequencesSchema.migrate(dataSource);

    GaplessSequence upper = GaplessSequence.named("Invoices");
    GaplessSequence lower = GaplessSequence.named("invoices");
    assertEquals(OptionalLong.of(41), upper.lastValue(dsl));
    assertEquals(OptionalLong.empty(), lower.lastValue(dsl));
    assertEquals(1, next(dsl, lower));
    assertEquals(42, next(dsl, upper));
    assertEquals(2, next(dsl, lower));
    assertEquals(Databases.H2.migrations() - 1, applied, "every migration after V1");
    assertEquals("CHARACTER VARYING", columnType(dataSource, "PUBLIC", "sequences_sequence"));
    assertEquals(
        List.of("200 NO"),
        dsl.fetchValues(
            "select character_maximum_length || ' ' || is_nullable from information_schema.columns"
                + " where table_name = 'sequences_sequence' and column_name = 'name'"));
    assertEquals(
        List.of("sequences_sequence_pkey PRIMARY KEY"),
        dsl.fetchValues(
            "select constraint_name || ' ' || constraint_type"
                + " from information_schema.table_constraints"
                + " where table_name = 'sequences_sequence'"));
    assertEquals(
        List.of("INSERT", "SELECT", "UPDATE"),
        dsl.fetchValues(
            "select privilege_type from information_schema.table_privileges"
                + " where table_name = 'sequences_sequence' and grantee = 'APP'"
                + " order by privilege_type"));
    assertEquals(
        0,
        dsl.resultQuery("select count(*) from information_schema.domains")
            .fetchOne(0, Integer.class));
    assertEquals("1", ignoreCaseSetting(dataSource));
    assertEquals(0, SequencesSchema.migrate(dataSource));
  }

  @Test
  void theCliSetsTheSequenceItNames() throws SQLException {
    JdbcDataSource dataSource = ignoreCaseDatabase("ignorecase_cli");
    SequencesSchema.migrate(dataSource);
    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    GaplessSequence upper = GaplessSequence.named("Invoices");
    dsl.transaction(cfg -> upper.nextValues(cfg.dsl(), 5));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SequencesCli.run(
            new String[] {"--url", dataSource.getURL(), "--dialect", "H2", "set", "invoices", "10"},
            new PrintWriter(out),
            new PrintWriter(err),
            new StringReader(""),
            Map.of("SEQUENCES_PASSWORD", ""));

    assertEquals(0, code, err.toString());
    assertEquals("sequence 'invoices' created with last value 10\n", out.toString());
    assertEquals(OptionalLong.of(5), upper.lastValue(dsl));
    assertEquals(OptionalLong.of(10), GaplessSequence.named("invoices").lastValue(dsl));
  }

  /**
   * Creates in-memory database {@code name} with {@code IGNORECASE=TRUE}, kept open by a connection
   * of its own. The data source's URL leaves the setting out: H2 runs a URL's settings as {@code
   * SET} statements on every new connection, which would hide a migration that changed it.
   */
  private JdbcDataSource ignoreCaseDatabase(String name) throws SQLException {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    keepers.add(DriverManager.getConnection(url + ";IGNORECASE=TRUE", "", ""));
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    return dataSource;
  }

  private static long next(DSLContext dsl, GaplessSequence sequence) {
    return dsl.transactionResult(cfg -> sequence.nextValue(cfg.dsl()));
  }

  /** The database's IGNORECASE setting, as a connection opened now reads it. */
  private static String ignoreCaseSetting(DataSource dataSource) {
    return DSL.using(dataSource, SQLDialect.H2)
        .resultQuery(
            "select setting_value from information_schema.settings"
                + " where setting_name = 'IGNORECASE'")
        .fetchOne(0, String.class);
  }

  private static String columnType(DataSource dataSource, String schema, String table) {
    return DSL.using(dataSource, SQLDialect.H2)
        .resultQuery(COLUMN_TYPE, schema, table)
        .fetchOne(0, String.class);
  }
}
