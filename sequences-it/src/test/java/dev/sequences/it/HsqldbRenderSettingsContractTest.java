package dev.sequences.it;

import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/** The whole contract on HSQLDB with unquoted, upper-case names. */
class HsqldbRenderSettingsContractTest extends HsqldbContractTest {

  @Override
  Settings applicationSettings() {
    return new Settings()
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
        .withRenderNameCase(RenderNameCase.UPPER);
  }
}
