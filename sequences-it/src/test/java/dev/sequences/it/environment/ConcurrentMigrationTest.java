package dev.sequences.it.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sequences.it.fixtures.Databases;
import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.schema.SequencesSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many application instances starting at once: {@value #INSTANCES} JVMs ({@link
 * ConcurrentMigrationMain}) call {@link SequencesSchema#migrate(DataSource, String, String)} on one
 * database at the same moment. Each round, on a schema dropped beforehand (a database on MariaDB,
 * named after the test database: {@code <database>_concurrent}): the fresh schema, the same schema
 * again (up to date), and a second counter table in that schema, which is then not empty (Flyway's
 * baseline path). Every call must succeed, exactly one per phase must apply the migration, the
 * history must hold each version once, and every process must exit with 0.
 */
class ConcurrentMigrationTest {

  private static final int INSTANCES = 6;

  /** Rounds per database; more with {@code -Dsequences.migration.rounds=N}. */
  private static final int ROUNDS = Integer.getInteger("sequences.migration.rounds", 3);

  private static final String TABLE = "concurrent_counters";
  private static final String SECOND_TABLE = "concurrent_counters_2";

  /**
   * One phase of a round: the table migrated, and whether the instances must apply every migration
   * (else none).
   */
  private record Phase(String name, String table, boolean fresh) {}

  private static final List<Phase> PHASES =
      List.of(
          new Phase("fresh schema", TABLE, true),
          new Phase("up to date", TABLE, false),
          new Phase("second table in a non-empty schema", SECOND_TABLE, true));

  /** A started instance and the result lines it printed. */
  private record Instance(Process process, BlockingQueue<String> results) {

    static Instance start(TestDatabase.Server server) throws IOException {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-Dorg.jooq.no-logo=true",
                  "-Dorg.jooq.no-tips=true",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ConcurrentMigrationMain.class.getName(),
                  server.url(),
                  server.user())
              .redirectErrorStream(true);
      builder.environment().put(ConcurrentMigrationMain.PASSWORD, server.password());
      Instance instance = new Instance(builder.start(), new LinkedBlockingQueue<>());
      Thread.ofPlatform().daemon().start(instance::readResults);
      return instance;
    }

    private void readResults() {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.equals("ready") || line.startsWith("applied ") || line.startsWith("failed ")) {
            results.add(line);
          }
        }
      } catch (IOException e) {
        results.add("failed reading the output: " + e);
      }
    }

    String nextResult() throws InterruptedException {
      String result = results.poll(2, TimeUnit.MINUTES);
      assertNotNull(result, "an instance did not answer within 2 minutes");
      return result;
    }

    void send(String line) throws IOException {
      OutputStream input = process.getOutputStream();
      input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      input.flush();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"POSTGRES", "MARIADB"})
  void concurrentStartsApplyEachMigrationOnceAndFailNone(TestDatabase database) throws Exception {
    TestDatabase.Server server = database.server();
    DataSource dataSource = database.dataSource();
    int migrations = migrationsOf(database);
    String schema = schemaName(dataSource);
    long started = System.nanoTime();
    List<Instance> instances = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int failedCalls = 0;
    try {
      for (int i = 0; i < INSTANCES; i++) {
        instances.add(Instance.start(server));
      }
      for (Instance instance : instances) {
        assertEquals("ready", instance.nextResult());
      }
      for (int round = 1; round <= ROUNDS; round++) {
        dropSchema(database, dataSource, schema, round == 1);
        for (Phase phase : PHASES) {
          String where = "round " + round + ", " + phase.name();
          for (Instance instance : instances) {
            instance.send("migrate " + schema + " " + phase.table());
          }
          int applied = 0;
          boolean failed = false;
          for (int i = 0; i < INSTANCES; i++) {
            String result = instances.get(i).nextResult();
            if (result.startsWith("applied ")) {
              applied += Integer.parseInt(result.substring("applied ".length()));
            } else {
              failed = true;
              failedCalls++;
              problems.add(where + ", instance " + i + ": " + result);
            }
          }
          int expected = phase.fresh() ? migrations : 0;
          if (!failed && applied != expected) {
            problems.add(where + ": the instances applied " + applied + ", not " + expected);
          }
          Map<String, Integer> versions = appliedVersions(dataSource, schema, phase.table());
          if (!versions.equals(eachOnce(migrations))) {
            problems.add(
                where + ": the history has versions " + versions + ", not " + eachOnce(migrations));
          }
          if (!tableExists(database, dataSource, schema, phase.table())) {
            problems.add(where + ": table " + phase.table() + " is missing");
          }
        }
      }
      List<Integer> exitCodes = new ArrayList<>();
      for (Instance instance : instances) {
        instance.process().getOutputStream().close();
      }
      for (Instance instance : instances) {
        instance.process().waitFor(1, TimeUnit.MINUTES);
        exitCodes.add(instance.process().exitValue());
      }
      if (failedCalls == 0 && !exitCodes.equals(List.of(0, 0, 0, 0, 0, 0))) {
        problems.add("exit codes " + exitCodes);
      }
    } finally {
      instances.forEach(instance -> instance.process().destroyForcibly());
      dropSchema(database, dataSource, schema, false);
    }
    System.out.printf(
        "ConcurrentMigrationTest %s: %d rounds of %d phases, %d instances: %d of %d calls failed,"
            + " %d problems, %.1f s%n",
        database,
        ROUNDS,
        PHASES.size(),
        INSTANCES,
        failedCalls,
        ROUNDS * PHASES.size() * INSTANCES,
        problems.size(),
        (System.nanoTime() - started) / 1e9);
    assertEquals(List.of(), problems, "concurrent migrations on " + database);
  }

  /**
   * H2 has no lock of the kind: {@code migrate} serializes the callers of one JVM instead. Six
   * threads migrate one fresh schema of an in-memory database at once, a few rounds.
   */
  @Test
  void threadsOfOneJvmMigrateH2OneAfterTheOther() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:concurrent_migration;DB_CLOSE_DELAY=-1");
    for (int round = 1; round <= ROUNDS; round++) {
      String schema = "concurrent_" + round;
      CyclicBarrier start = new CyclicBarrier(INSTANCES);
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        calls.add(
            Threads.POOL.submit(
                () -> {
                  start.await(1, TimeUnit.MINUTES);
                  return SequencesSchema.migrate(h2, schema, TABLE);
                }));
      }
      int applied = 0;
      for (Future<Integer> call : calls) {
        applied += call.get(2, TimeUnit.MINUTES);
      }
      assertEquals(
          migrationsOf(TestDatabase.H2),
          applied,
          "round " + round + ": H2's migrations, each applied once");
    }
  }

  /**
   * A schema (a database on MariaDB) named after the test database, so that grants can cover it.
   */
  private static String schemaName(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getCatalog() + "_concurrent";
    }
  }

  private static void dropSchema(
      TestDatabase database, DataSource dataSource, String schema, boolean first)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          database == TestDatabase.POSTGRES
              ? "drop schema if exists " + schema + " cascade"
              : "drop database if exists " + schema);
    } catch (SQLException e) {
      if (first && database != TestDatabase.POSTGRES) {
        throw new SQLException(
            "the test user needs the rights to create and drop database "
                + schema
                + " (as root: grant all on `"
                + schema
                + "`.* to the user, @'%' and @'localhost'): "
                + e.getMessage(),
            e);
      }
      throw e;
    }
  }

  /** How many history rows each migration version has (Flyway's markers left out). */
  /** How many migrations {@code database}'s folder holds, as its description says. */
  private static int migrationsOf(TestDatabase database) {
    return Databases.BASES.stream()
        .filter(d -> d.server() == database)
        .findFirst()
        .orElseThrow()
        .migrations();
  }

  /** Versions 1 to {@code n}, each applied once, as the history lists them. */
  private static Map<String, Integer> eachOnce(int n) {
    Map<String, Integer> versions = new java.util.TreeMap<>();
    for (int v = 1; v <= n; v++) {
      versions.put(Integer.toString(v), 1);
    }
    return versions;
  }

  private static Map<String, Integer> appliedVersions(
      DataSource dataSource, String schema, String table) throws SQLException {
    Map<String, Integer> versions = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select version, success from "
                    + schema
                    + "."
                    + SequencesSchema.historyTable(table)
                    + " where type not in ('SCHEMA', 'BASELINE')")) {
      while (rows.next()) {
        versions.merge(rows.getString(1) + (rows.getBoolean(2) ? "" : " failed"), 1, Integer::sum);
      }
    } catch (SQLException e) {
      return Map.of("none: " + e.getMessage(), 0);
    }
    return versions;
  }

  private static boolean tableExists(
      TestDatabase database, DataSource dataSource, String schema, String table)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        ResultSet tables =
            database == TestDatabase.POSTGRES
                ? connection.getMetaData().getTables(null, schema, table, null)
                : connection.getMetaData().getTables(schema, null, table, null)) {
      return tables.next();
    }
  }
}
