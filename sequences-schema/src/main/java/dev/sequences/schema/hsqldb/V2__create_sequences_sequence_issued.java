package dev.sequences.schema.hsqldb;

import dev.sequences.schema.SequencesSchema;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The ledger of the number series (sequences-series) whose counters live in the counter table:
 * {@code <counter table>_issued}, beside it, as the SQL migrations of the other databases create it
 * (see the PostgreSQL one for what each column holds). A Java migration like V1, whose collation it
 * reuses: {@code counter} holds counter names and compares exactly, without padding. Names are
 * quoted lower case, as jOOQ renders them; HSQLDB counts lengths in UTF-16 units, so the columns
 * that hold names and free text hold twice the code points the library allows.
 */
public class V2__create_sequences_sequence_issued extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    String table = SequencesSchema.tableOf(context.getConfiguration());
    String ledger = table + SequencesSchema.LEDGER_SUFFIX;
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute(
          "create table if not exists \""
              + ledger
              + "\" (\"counter\" varchar(200) collate \""
              + table
              + "_name\" not null, \"entry\" bigint not null, \"kind\" varchar(5) not null,"
              + " \"series\" varchar(60) not null, \"scope\" varchar(100) not null,"
              + " \"period\" varchar(10) not null, \"number\" bigint not null,"
              + " \"text\" varchar(200) not null, \"document_date\" date not null,"
              + " \"latest_date\" date not null, \"recorded_at\" varchar(24) not null,"
              + " \"reason\" varchar(400), \"previous_hash\" char(64), \"hash\" char(64),"
              + " primary key (\"counter\", \"entry\"),"
              + " unique (\"counter\", \"number\", \"kind\"))");
    }
  }
}
