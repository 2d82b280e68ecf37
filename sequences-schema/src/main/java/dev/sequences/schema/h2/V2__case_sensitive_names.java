package dev.sequences.schema.h2;

import dev.sequences.schema.SequencesSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jspecify.annotations.Nullable;

/**
 * Makes the counter table's {@code name} column case-sensitive where H2's {@code IGNORECASE}
 * setting made it {@code VARCHAR_IGNORECASE}, so that {@code Invoices} and {@code invoices} are two
 * sequences. Does nothing where the column is case-sensitive already (every database that did not
 * have {@code IGNORECASE=TRUE} when V1 ran).
 *
 * <p>V1 stays as the first release shipped it: Flyway would refuse a changed checksum. So on a
 * fresh database with {@code IGNORECASE=TRUE} V1 still creates the column case-insensitively, and
 * this migration converts it right after.
 *
 * <p>The setting is left alone: {@code SET IGNORECASE} needs admin rights, commits the session's
 * transaction, applies to every session at once and is stored in the database (measured on H2
 * 2.5.252), so turning it off for a moment would be seen by others and would outlive a crash. A
 * plain {@code ALTER COLUMN ... SET DATA TYPE VARCHAR} does not help either: H2 rebuilds the table
 * from its {@code CREATE TABLE} text, whose {@code CHARACTER VARYING} it parses again under the
 * setting, so the column stays case-insensitive. Only the type name {@code VARCHAR_CASESENSITIVE}
 * escapes the setting, and the rebuild loses that name unless it comes through a domain: the column
 * takes a domain of that type, then dropping the domain {@code CASCADE} hands the column the
 * domain's type in place, without another rebuild. H2's rebuild keeps the rows, the primary key,
 * grants, comments and views.
 *
 * <p>Converting cannot merge two rows: a case-insensitive primary key never held two names that
 * differ only in case, and a case-sensitive one tells apart every pair the old key told apart.
 *
 * <p>Any later change that makes H2 rebuild this table (adding a column, changing a type) under
 * {@code IGNORECASE=TRUE} makes {@code name} case-insensitive again: such a migration must end with
 * this conversion.
 */
public class V2__case_sensitive_names extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    String table = SequencesSchema.tableOf(context.getConfiguration());
    String domain = table + "_v2_name";
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      // Every statement below commits (H2 does not roll DDL back). Only a run of this migration
      // that stopped half way leaves the domain; dropping it keeps the type it gave the column.
      if (domainExists(connection, domain)) {
        statement.execute("drop domain \"" + domain + "\" cascade");
      }
      Long length = ignoreCaseLength(connection, table);
      if (length == null) {
        return;
      }
      statement.execute(
          "create domain \"" + domain + "\" as varchar_casesensitive(" + length + ")");
      statement.execute(
          "alter table \"" + table + "\" alter column \"name\" set data type \"" + domain + "\"");
      statement.execute("drop domain \"" + domain + "\" cascade");
    }
  }

  /**
   * The length of column {@code name} of {@code table} in the current schema (where Flyway runs the
   * migrations) if it is case-insensitive, else null.
   */
  private static @Nullable Long ignoreCaseLength(Connection connection, String table)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select character_maximum_length from information_schema.columns"
                + " where table_schema = current_schema and table_name = ?"
                + " and column_name = 'name' and data_type = 'VARCHAR_IGNORECASE'")) {
      query.setString(1, table);
      try (ResultSet column = query.executeQuery()) {
        return column.next() ? column.getLong(1) : null;
      }
    }
  }

  private static boolean domainExists(Connection connection, String domain) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select count(*) from information_schema.domains"
                + " where domain_schema = current_schema and domain_name = ?")) {
      query.setString(1, domain);
      try (ResultSet count = query.executeQuery()) {
        return count.next() && count.getLong(1) > 0;
      }
    }
  }
}
