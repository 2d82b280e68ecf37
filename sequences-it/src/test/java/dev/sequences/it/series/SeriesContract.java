package dev.sequences.it.series;

import dev.sequences.it.contract.ContractFixture;
import dev.sequences.it.fixtures.DatabaseDescription;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Number series: formatting, periods, scopes, chronology (at every isolation level), voids, the
 * ledger and its hash chain under tampering by plain SQL, concurrency with rollbacks, the render
 * mapping. Run once per database, on its base description: variants (another user, table, dialect,
 * render settings or server mode) skip the whole class before it migrates anything. The tests are
 * in its topics, one interface each ({@link SeriesIssueTopic}, {@link SeriesVoidTopic}, {@link
 * SeriesVerifyTopic}, {@link SeriesLedgerTopic}), which this class runs on its fixture.
 */
@Tag("series")
public abstract class SeriesContract extends ContractFixture
    implements SeriesIssueTopic, SeriesVoidTopic, SeriesVerifyTopic, SeriesLedgerTopic {

  protected SeriesContract(DatabaseDescription db) {
    super(db);
  }

  /** Skips a variant before anything is migrated: the series run on base descriptions only. */
  @Override
  @BeforeAll
  protected void migrate() {
    Assumptions.assumeTrue(
        db.base(),
        "number series run once per database, on its base description, not on the variant "
            + db.label());
    super.migrate();
  }

  @Override
  public DSLContext admin() {
    return admin;
  }

  @Override
  public Table<?> counters() {
    return counters;
  }

  @Override
  public Table<?> ledger() {
    return ledger;
  }

  @Override
  public DSLContext dsl() {
    return dsl;
  }

  @Override
  public DatabaseDescription db() {
    return db;
  }
}
