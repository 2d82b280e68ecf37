package dev.sequences.it;

import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;

/** The whole contract under an application's settings: every name quoted, values inlined. */
class MariaDbRenderSettingsContractTest extends MariaDbContractTest {

  @Override
  Settings applicationSettings() {
    return new Settings()
        .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
        .withStatementType(StatementType.STATIC_STATEMENT);
  }
}
