package dev.sequences.it;

import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/** The whole contract under the MYSQL dialect with unquoted, upper-case names. */
class MySqlDialectRenderSettingsContractTest extends MySqlDialectOnMariaDbContractTest {

  @Override
  Settings applicationSettings() {
    return new Settings()
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
        .withRenderNameCase(RenderNameCase.UPPER);
  }
}
