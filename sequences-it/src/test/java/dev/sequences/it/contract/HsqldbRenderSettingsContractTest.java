package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;

/** The whole contract on HSQLDB with names never quoted: HSQLDB folds them to upper case. */
class HsqldbRenderSettingsContractTest extends SequenceContract {

  private static final Settings SETTINGS =
      new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER);

  HsqldbRenderSettingsContractTest() {
    super(Databases.HSQLDB.with(d -> d.applicationSettings(SETTINGS)));
  }
}
