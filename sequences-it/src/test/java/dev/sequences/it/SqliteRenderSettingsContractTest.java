package dev.sequences.it;

import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;

/** The whole contract on SQLite with every name quoted, values inlined and no schema rendered. */
class SqliteRenderSettingsContractTest extends SqliteContractTest {

  @Override
  Settings applicationSettings() {
    return new Settings()
        .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
        .withStatementType(StatementType.STATIC_STATEMENT)
        .withRenderSchema(false);
  }
}
