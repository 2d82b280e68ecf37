package dev.sequences.spring.boot;

import dev.sequences.schema.SequencesSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health indicator {@code sequences}: UP when the counter table and its series ledger ({@code
 * <table>_issued}) exist and every migration of the library is applied to them; DOWN otherwise,
 * with what is missing or pending, and DOWN when the starter could not tell which {@code
 * DataSource} holds the table (several, none primary).
 *
 * <p>Its details are also where the library's own migrations show: they run with a Flyway of their
 * own, which is not a bean (a {@code Flyway} bean would make Boot's Flyway auto-configuration back
 * off), so {@code /actuator/flyway} lists the application's migrations only. The details list the
 * library's: version, description, state and when each was installed, with the history table that
 * holds them. Each check reads the database's metadata and Flyway's history ({@code info()}), and
 * changes nothing.
 */
public final class SequencesHealthIndicator extends AbstractHealthIndicator {

  /**
   * What to check: a table in a schema (null: the connection's current one) of a data source; or no
   * data source, and why.
   */
  record Target(
      @Nullable DataSource dataSource,
      @Nullable String schema,
      String table,
      @Nullable String whyNoDataSource) {}

  private final Supplier<Target> target;

  /** Created by the auto-configuration: {@code target} is read at every check. */
  SequencesHealthIndicator(Supplier<Target> target) {
    super("sequences health check failed");
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Target checked = target.get();
    DataSource dataSource = checked.dataSource();
    String schema = checked.schema();
    String table = checked.table();
    String qualified = (schema == null ? "" : schema + ".") + table;
    builder.withDetail("table", qualified);
    if (dataSource == null) {
      builder
          .down()
          .withDetail("reason", Objects.requireNonNullElse(checked.whyNoDataSource(), "none"));
      return;
    }
    String ledger = SequencesSchema.ledgerTable(table);
    builder
        .withDetail("ledger", (schema == null ? "" : schema + ".") + ledger)
        .withDetail("historyTable", SequencesSchema.historyTable(table));

    MigrationInfoService info = SequencesSchema.configure(dataSource, schema, table).load().info();
    MigrationInfo current = info.current();
    String expected = null;
    List<Map<String, Object>> migrations = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (MigrationInfo migration : info.all()) {
      String version = migration.getVersion() == null ? "" : migration.getVersion().getVersion();
      if (migration.getState().isResolved() && migration.getVersion() != null) {
        expected = version;
      }
      if (migration.getState().isFailed()) {
        failed.add(version);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("version", version);
      row.put("description", migration.getDescription());
      row.put("state", migration.getState().getDisplayName());
      if (migration.getInstalledOn() != null) {
        row.put("installedOn", migration.getInstalledOn().toInstant().toString());
      }
      migrations.add(row);
    }
    List<String> pending = new ArrayList<>();
    for (MigrationInfo migration : info.pending()) {
      pending.add(migration.getVersion() == null ? "" : migration.getVersion().getVersion());
    }
    List<String> missing = new ArrayList<>();
    for (String name : List.of(table, ledger)) {
      if (!SequencesSchema.tableExists(dataSource, schema, name)) {
        missing.add((schema == null ? "" : schema + ".") + name);
      }
    }
    builder
        .withDetail(
            "version",
            current == null || current.getVersion() == null
                ? "none"
                : current.getVersion().getVersion())
        .withDetail("expectedVersion", expected == null ? "none" : expected)
        .withDetail("migrations", migrations);
    if (!pending.isEmpty()) {
      builder.withDetail("pending", pending);
    }
    if (!failed.isEmpty()) {
      builder.withDetail("failed", failed);
    }
    if (!missing.isEmpty()) {
      builder.withDetail("missing", missing);
    }
    if (pending.isEmpty() && failed.isEmpty() && missing.isEmpty()) {
      builder.up();
    } else {
      builder
          .down()
          .withDetail(
              "reason",
              "the counter table "
                  + qualified
                  + " is not at the library's migration version "
                  + (expected == null ? "none" : expected)
                  + ": migrate it (sequences.migrate-on-startup, the CLI's migrate, or"
                  + " SequencesSchema.migrate)");
    }
  }
}
