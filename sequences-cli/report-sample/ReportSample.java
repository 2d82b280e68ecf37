import dev.sequences.schema.SequencesSchema;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import java.time.LocalDate;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A sample ledger for report-screenshot.sh: a chained invoice series, two companies over two
 * years, a void, and one record changed by hand. Run with the CLI's jar on the class path.
 */
public class ReportSample {
  public static void main(String[] args) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(args[0]);
    SequencesSchema.migrate(dataSource);
    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    NumberSeries invoices =
        NumberSeries.named("invoices")
            .formatted("INV-{yyyy}-{n:4}")
            .resettingEvery(SeriesPeriod.YEAR)
            .chained();
    for (String scope : new String[] {"acme", "globex"}) {
      for (int year : new int[] {2025, 2026}) {
        for (int i = 0; i < 5; i++) {
          LocalDate date = LocalDate.of(year, 3, 1 + i);
          dsl.transaction(cfg -> invoices.issue(cfg.dsl(), scope, date));
        }
      }
    }
    var third = invoices.find(dsl, "acme", "2026", 3).orElseThrow();
    dsl.transaction(cfg -> invoices.voidNumber(cfg.dsl(), third, "order cancelled by the customer"));
    dsl.update(DSL.table(DSL.name("sequences_sequence_issued")))
        .set(DSL.field(DSL.name("text"), String.class), "INV-2025-0099")
        .where(DSL.field(DSL.name("counter"), String.class).eq("series:invoices/globex/2025"))
        .and(DSL.field(DSL.name("number"), Long.class).eq(4L))
        .execute();
  }
}
