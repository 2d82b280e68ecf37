package dev.sequences.it.series;

import static dev.sequences.it.contract.ContractFixture.LAST;
import static dev.sequences.it.contract.ContractFixture.NAME;

import dev.sequences.it.contract.ContractFixture;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * What the topics of {@link SeriesContract} share: the ledger's columns, a yearly invoice series,
 * the fixture they run on (implemented by {@link SeriesContract} from {@link ContractFixture}) and
 * the helpers that read the counter and the ledger. A topic is an interface of default test
 * methods: the contract implements them all, so they run in one class, set up once per database.
 */
interface SeriesTopic {

  Field<String> COUNTER = DSL.field(DSL.name("counter"), String.class);
  Field<Long> ENTRY = DSL.field(DSL.name("entry"), Long.class);
  Field<String> KIND = DSL.field(DSL.name("kind"), String.class);
  Field<Long> NUMBER = DSL.field(DSL.name("number"), Long.class);
  Field<String> TEXT = DSL.field(DSL.name("text"), String.class);
  Field<LocalDate> DOCUMENT_DATE = DSL.field(DSL.name("document_date"), LocalDate.class);
  Field<String> RECORDED_AT = DSL.field(DSL.name("recorded_at"), String.class);
  Field<String> HASH = DSL.field(DSL.name("hash"), String.class);

  LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);

  NumberSeries INVOICES =
      NumberSeries.named("invoices")
          .formatted("INV-{yyyy}-{n:6}")
          .resettingEvery(SeriesPeriod.YEAR);

  /** The database under test. */
  DatabaseDescription db();

  /** The context under test: the application's user, with the application's settings. */
  DSLContext dsl();

  /** The context that migrates and prepares. */
  DSLContext admin();

  /** The counter table. */
  Table<?> counters();

  /** The ledger of number series, beside the counter table. */
  Table<?> ledger();

  /** The application's data source. */
  DataSource applicationDataSource();

  /** The application's settings with the counter table's render mapping. */
  Settings settings();

  /** Runs {@code work} in a transaction of the application's context. */
  <T> T inTransaction(Function<DSLContext, T> work);

  /** Drops the counter table, its ledger and the migrations' history. */
  void dropSchema();

  /** Migrates and gives the application's user its rights. */
  void migrateAndGrant();

  default IssuedNumber issue(NumberSeries series, String scope, LocalDate date) {
    return inTransaction(ctx -> series.issue(ctx, scope, date));
  }

  /** The ledger's records of {@code counter}, in order: kind, number, text. */
  default List<String> ledgerOf(String counter) {
    return admin()
        .select(KIND, NUMBER, TEXT)
        .from(ledger())
        .where(COUNTER.eq(counter))
        .orderBy(ENTRY)
        .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3());
  }

  default OptionalLong counterOf(String counter) {
    Long last = admin().select(LAST).from(counters()).where(NAME.eq(counter)).fetchOne(LAST);
    return last == null ? OptionalLong.empty() : OptionalLong.of(last);
  }
}
