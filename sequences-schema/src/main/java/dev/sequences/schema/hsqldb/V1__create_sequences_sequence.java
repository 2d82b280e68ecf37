package dev.sequences.schema.hsqldb;

import dev.sequences.schema.SequencesSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The counter table on HSQLDB. A Java migration because Flyway's HSQLDB parser cannot read {@code
 * CREATE COLLATION ... FOR ...} (it takes {@code FOR} for the start of a block).
 *
 * <p>Names are quoted so that they are lower case, as jOOQ renders them by default. HSQLDB counts
 * the length of a VARCHAR in UTF-16 units, so 200 of them hold 100 code points outside the BMP;
 * GaplessSequence itself limits names to 100 code points. HSQLDB compares strings padded with
 * spaces by default; a NO PAD collation makes names compare exactly. A table that existed before
 * (created by hand) gets the same column types.
 */
public class V1__create_sequences_sequence extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    String table = SequencesSchema.tableOf(context.getConfiguration());
    String collation = table + "_name";
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      if (!collationExists(connection, collation)) {
        statement.execute(
            "create collation \"" + collation + "\" for sql_text from sql_text no pad");
      }
      statement.execute(
          "create table if not exists \""
              + table
              + "\" (\"name\" varchar(200) collate \""
              + collation
              + "\" not null, \"last\" bigint not null, constraint \""
              + table
              + "_pkey\" primary key (\"name\"))");
      statement.execute(
          "alter table \""
              + table
              + "\" alter column \"name\" set data type varchar(200) collate \""
              + collation
              + "\"");
      statement.execute("alter table \"" + table + "\" alter column \"last\" set data type bigint");
    }
  }

  /** Whether the current schema has {@code collation}: a dropped table leaves its collation. */
  private static boolean collationExists(Connection connection, String collation)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select count(*) from information_schema.collations"
                + " where collation_schema = current_schema and collation_name = ?")) {
      query.setString(1, collation);
      try (ResultSet count = query.executeQuery()) {
        return count.next() && count.getLong(1) > 0;
      }
    }
  }
}
