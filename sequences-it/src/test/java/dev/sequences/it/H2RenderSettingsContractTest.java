package dev.sequences.it;

import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;

/**
 * The whole contract on a custom schema and table, with names never quoted, values inlined and no
 * schema rendered: the render mapping must still reach the table.
 */
class H2RenderSettingsContractTest extends H2CustomTableContractTest {

  @Override
  Settings applicationSettings() {
    return new Settings()
        .withRenderQuotedNames(RenderQuotedNames.NEVER)
        .withStatementType(StatementType.STATIC_STATEMENT)
        .withRenderSchema(false);
  }
}
