package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;

/**
 * The whole contract on SQLite with unquoted names, values inlined and no schema rendered. SQLite
 * compares identifiers without case, so without the library's own rendering only the table's name
 * in error messages differs (missingTableTellsToMigrate); the run shows nothing else depends on
 * them.
 */
class SqliteRenderSettingsContractTest extends SequenceContract {

  private static final Settings SETTINGS =
      new Settings()
          .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
          .withStatementType(StatementType.STATIC_STATEMENT)
          .withRenderSchema(false);

  SqliteRenderSettingsContractTest() {
    super(Databases.SQLITE.with(d -> d.applicationSettings(SETTINGS)));
  }
}
