package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/**
 * The whole contract under an application's hostile name settings: every name quoted and upper case
 * (without the library's own rendering, PostgreSQL looks for "SEQUENCES_SEQUENCE"), no schema.
 */
class PostgresRenderSettingsContractTest extends SequenceContract {

  private static final Settings SETTINGS =
      new Settings()
          .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
          .withRenderNameCase(RenderNameCase.UPPER)
          .withRenderSchema(false);

  PostgresRenderSettingsContractTest() {
    super(Databases.POSTGRES.with(d -> d.applicationSettings(SETTINGS)));
  }
}
