package dev.sequences.examples;

import dev.sequences.schema.SequencesSchema;
import dev.sequences.series.ChronologyException;
import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import dev.sequences.series.SeriesReport;
import java.time.LocalDate;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** A number series: yearly invoice numbers per company, issued, voided, verified, reported. */
public class NumberSeriesExample {

  static final NumberSeries INVOICES =
      NumberSeries.named("invoices")
          .formatted("INV-{yyyy}-{n:6}") // INV-2026-000042
          .resettingEvery(SeriesPeriod.YEAR) // a counter per year of the document's date
          .chained(); // a SHA-256 chain over the ledger

  public static void main(String[] args) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:series;DB_CLOSE_DELAY=-1");
    SequencesSchema.migrate(dataSource); // the counter table and the series' ledger
    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    dsl.execute("create table invoice (company varchar(50), number varchar(100), cents bigint)");

    // Issue: each company (the scope) and year (the period) has its own counter.
    issue(dsl, "acme", "2026-03-14", 12_000);
    issue(dsl, "acme", "2026-03-14", 4_500);
    issue(dsl, "globex", "2026-03-15", 9_900);
    issue(dsl, "acme", "2026-03-16", 30_000);
    try {
      issue(dsl, "acme", "2026-03-01", 100); // dated before acme's latest number
    } catch (ChronologyException refused) {
      System.out.println("refused: " + refused.getMessage());
    }

    // Void: the number stays used; the ledger records why.
    IssuedNumber second = INVOICES.find(dsl, "acme", "2026", 2).orElseThrow();
    IssuedNumber voided =
        dsl.transactionResult(trx -> INVOICES.voidNumber(trx.dsl(), second, "order cancelled"));
    System.out.println("voided " + voided.text());

    // Verify and report: what the ledger says about acme's 2026.
    report(INVOICES.verify(dsl, "acme", "2026"));

    // An edit by plain SQL, behind the library's back, breaks the chain at that record.
    dsl.update(DSL.table(DSL.name("sequences_sequence_issued")))
        .set(DSL.field(DSL.name("text")), "INV-2026-000009")
        .where(DSL.field(DSL.name("counter")).eq("series:invoices/acme/2026"))
        .and(DSL.field(DSL.name("entry")).eq(1))
        .execute();
    report(INVOICES.verify(dsl, "acme", "2026"));
  }

  /** Saves one invoice under the next number of its company and year, in one transaction. */
  static void issue(DSLContext dsl, String company, String date, long cents) {
    IssuedNumber number =
        dsl.transactionResult(
            trx -> {
              IssuedNumber n = INVOICES.issue(trx.dsl(), company, LocalDate.parse(date));
              trx.dsl().execute("insert into invoice values (?, ?, ?)", company, n.text(), cents);
              return n; // an exception here would give the number back
            });
    System.out.println("issued " + number.text() + " to " + company + ", dated " + date);
  }

  static void report(SeriesReport report) {
    System.out.println(
        "verified "
            + report.scope()
            + " "
            + report.period()
            + ": numbers "
            + report.firstNumber().orElseThrow()
            + ".."
            + report.lastNumber().orElseThrow()
            + ", voided "
            + report.voided().stream().map(v -> v.text() + " (" + v.reason() + ")").toList()
            + ", gaps "
            + report.gaps());
    System.out.println(report.clean() ? "OK: no finding" : "FINDINGS: " + report.findings());
  }
}
