package dev.sequences.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.schema.SequencesSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What an application gets from the starter, on one database (a subclass names it and may set the
 * {@code sequences.*} properties): the counter table migrated at start-up, beside the application's
 * own Flyway migration; numbers issued by a {@code @Transactional} service through Boot's {@code
 * DSLContext}, given back by a rollback, refused outside a transaction; and kept in {@code
 * sequences.schema}.{@code sequences.table}.
 */
@SpringBootTest(classes = InvoiceApplication.class)
abstract class SequencesBootContract {

  @Autowired InvoiceService invoices;
  @Autowired AtCommitService atCommit;
  @Autowired SequencesMigration migration;
  @Autowired SequencesProperties properties;
  @Autowired DataSource dataSource;
  @Autowired HealthEndpoint health;

  @BeforeEach
  void forget() {
    invoices.forget();
    atCommit.forget();
  }

  @Test
  void migrationOnStartupCreatedTheCounterTable() throws SQLException {
    assertTrue(migration.applied() >= 0, "the migration ran at start-up");
    assertEquals(properties.table(), migration.table());
    assertTrue(tableExists(properties.table()), properties.table() + " exists");
    assertTrue(
        tableExists(SequencesSchema.historyTable(properties.table())), "its history table exists");
  }

  /**
   * The health indicator {@code sequences}, read through Boot's health endpoint: UP, with the
   * library's own migrations (which {@code /actuator/flyway} does not show) all applied.
   */
  @Test
  @SuppressWarnings("unchecked")
  void healthIsUpWithTheLibrarysMigrations() {
    IndicatedHealthDescriptor sequences =
        (IndicatedHealthDescriptor) health.healthForPath("sequences");
    Map<String, Object> details = sequences.getDetails();
    assertEquals(Status.UP, sequences.getStatus(), details.toString());
    String qualified = (properties.schema() == null ? "" : properties.schema() + ".");
    assertEquals(qualified + properties.table(), details.get("table"));
    assertEquals(
        qualified + SequencesSchema.ledgerTable(properties.table()), details.get("ledger"));
    assertEquals(SequencesSchema.historyTable(properties.table()), details.get("historyTable"));
    assertEquals(details.get("expectedVersion"), details.get("version"));
    List<Map<String, Object>> migrations = (List<Map<String, Object>>) details.get("migrations");
    List<String> versions =
        migrations.stream()
            .filter(m -> !m.get("state").equals("Baseline"))
            .map(m -> (String) m.get("version"))
            .toList();
    assertTrue(versions.containsAll(List.of("1", "2")), migrations.toString());
    for (Map<String, Object> migration : migrations) {
      assertTrue(
          List.of("Success", "Baseline").contains(migration.get("state")), migrations.toString());
    }
  }

  @Test
  void transactionalServiceIssuesConsecutiveNumbers() {
    assertEquals(1, invoices.issue(100));
    assertEquals(2, invoices.issue(200));
    assertEquals(3, invoices.issue(300));
    assertEquals(OptionalLong.of(3), invoices.lastNumber());
    assertEquals(List.of(1L, 2L, 3L), invoices.savedNumbers());
  }

  @Test
  void rollbackGivesTheNumberBack() {
    assertEquals(1, invoices.issue(100));
    assertThrows(IllegalStateException.class, () -> invoices.issueThenFail(200));
    assertEquals(OptionalLong.of(1), invoices.lastNumber(), "number 2 was given back");
    assertEquals(2, invoices.issue(300));
    assertEquals(List.of(1L, 2L), invoices.savedNumbers());
  }

  @Test
  void callOutsideATransactionIsRefused() {
    assertEquals(1, invoices.issue(100));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, invoices::issueWithoutTransaction);
    assertTrue(refused.getMessage().startsWith("sequence 'boot-invoices'"), refused.getMessage());
    assertEquals(OptionalLong.of(1), invoices.lastNumber());
  }

  /** Boot makes every dsl.transaction(...) inside @Transactional a savepoint. */
  @Test
  void numberingAtCommitKeepsReleasedSavepointsRequestsAndDropsRolledBackOnes() {
    for (boolean withListener : List.of(false, true)) {
      atCommit.forget();
      atCommit.saveInSavepoints(withListener);
      assertEquals(Map.of(1L, 1L, 2L, 2L), atCommit.numbers(), "listener: " + withListener);
      assertEquals(OptionalLong.of(2), atCommit.lastNumber(), "listener: " + withListener);
    }
  }

  @Test
  void numbersAreKeptInTheConfiguredTable() throws SQLException {
    boolean custom = !properties.table().equals(SequencesSchema.DEFAULT_TABLE);
    Long defaultTableBefore =
        custom && tableExists(SequencesSchema.DEFAULT_TABLE)
            ? lastInTable(SequencesSchema.DEFAULT_TABLE)
            : null;
    invoices.issue(100);
    invoices.issue(200);
    assertEquals(2, lastInTable(properties.table()));
    if (defaultTableBefore != null) {
      assertEquals(
          defaultTableBefore.longValue(),
          lastInTable(SequencesSchema.DEFAULT_TABLE),
          "the default table, which another test used, is untouched");
    }
  }

  private boolean tableExists(String table) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      String schema = properties.schema();
      boolean catalogs = isMySqlFamily(connection);
      try (ResultSet tables =
          catalogs
              ? connection
                  .getMetaData()
                  .getTables(schema != null ? schema : connection.getCatalog(), null, table, null)
              : connection
                  .getMetaData()
                  .getTables(null, schema != null ? schema : connection.getSchema(), table, null)) {
        return tables.next();
      }
    }
  }

  /**
   * The counter of 'boot-invoices' in {@code table}, read behind the library's back; -1 if none.
   */
  private long lastInTable(String table) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      String quote = connection.getMetaData().getIdentifierQuoteString();
      String qualified =
          (properties.schema() == null ? "" : quote + properties.schema() + quote + ".")
              + quote
              + table
              + quote;
      try (PreparedStatement select =
          connection.prepareStatement(
              "select " + quote + "last" + quote + " from " + qualified + " where " + quote + "name"
                  + quote + " = ?")) {
        select.setString(1, InvoiceService.INVOICES.name());
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? row.getLong(1) : -1;
        }
      }
    }
  }

  private static boolean isMySqlFamily(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
    return product.contains("mysql") || product.contains("mariadb");
  }
}
