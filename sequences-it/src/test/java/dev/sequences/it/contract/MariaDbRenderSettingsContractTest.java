package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;

/**
 * The whole contract under an application's settings: every name quoted and upper case (MariaDB's
 * table names are case-sensitive here), values inlined.
 */
class MariaDbRenderSettingsContractTest extends SequenceContract {

  private static final Settings SETTINGS =
      new Settings()
          .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
          .withRenderNameCase(RenderNameCase.UPPER)
          .withStatementType(StatementType.STATIC_STATEMENT);

  MariaDbRenderSettingsContractTest() {
    super(Databases.MARIADB.with(d -> d.applicationSettings(SETTINGS)));
  }
}
