package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/** The whole contract under the MYSQL dialect with unquoted, upper-case names. */
class MySqlDialectRenderSettingsContractTest extends SequenceContract {

  private static final Settings SETTINGS =
      new Settings()
          .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
          .withRenderNameCase(RenderNameCase.UPPER);

  MySqlDialectRenderSettingsContractTest() {
    super(
        Databases.MARIADB.with(
            d -> d.dialect(SQLDialect.MYSQL, 2, 4).applicationSettings(SETTINGS)));
  }
}
