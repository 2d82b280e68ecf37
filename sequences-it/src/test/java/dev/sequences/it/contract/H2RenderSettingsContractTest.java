package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;

/**
 * The whole contract on a custom schema and table, with names never quoted, values inlined and no
 * schema rendered: the render mapping must still reach the table.
 */
class H2RenderSettingsContractTest extends SequenceContract {

  private static final Settings SETTINGS =
      new Settings()
          .withRenderQuotedNames(RenderQuotedNames.NEVER)
          .withStatementType(StatementType.STATIC_STATEMENT)
          .withRenderSchema(false);

  H2RenderSettingsContractTest() {
    super(
        Databases.H2.with(
            d -> d.counterTable("billing", "invoice_counters").applicationSettings(SETTINGS)));
  }
}
