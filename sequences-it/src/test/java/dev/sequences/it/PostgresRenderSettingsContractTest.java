package dev.sequences.it;

import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/**
 * The whole contract under an application's hostile name settings: names never quoted, upper case,
 * no schema.
 */
class PostgresRenderSettingsContractTest extends PostgresContractTest {

  @Override
  Settings applicationSettings() {
    return new Settings()
        .withRenderQuotedNames(RenderQuotedNames.NEVER)
        .withRenderNameCase(RenderNameCase.UPPER)
        .withRenderSchema(false);
  }
}
