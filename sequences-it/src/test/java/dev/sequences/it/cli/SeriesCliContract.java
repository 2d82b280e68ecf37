package dev.sequences.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.schema.SequencesSchema;
import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code sequences series} as an auditor runs it: {@code list}, {@code verify --all}, a counter
 * that does not exist, {@code --chained}. Against one database per subclass of {@link
 * CliContractTest}, nested there.
 */
@Tag("series")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeriesCliContract {

  private static final LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);

  private static final NumberSeries INVOICES =
      NumberSeries.named("cli-invoices")
          .formatted("INV-{yyyy}-{n:4}")
          .resettingEvery(SeriesPeriod.YEAR)
          .chained();

  private final DatabaseDescription db;
  private DSLContext dsl;
  private TestDatabase.Server server;

  SeriesCliContract(DatabaseDescription db) {
    this.db = db;
  }

  @BeforeAll
  void connect() {
    server = db.server().server();
    SequencesSchema.migrate(db.server().dataSource());
    dsl = DSL.using(db.server().dataSource(), db.dialect());
  }

  @BeforeEach
  void emptyTables() {
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence"))).execute();
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence_issued"))).execute();
  }

  private void issue(NumberSeries series, String scope, LocalDate date) {
    dsl.transactionResult(cfg -> series.issue(cfg.dsl(), scope, date));
  }

  /** Voids number {@code number} of acme's 2026 invoices, for {@code reason}. */
  private void voidAcme2026(long number, String reason) {
    IssuedNumber issued = INVOICES.find(dsl, "acme", "2026", number).orElseThrow();
    dsl.transaction(cfg -> INVOICES.voidNumber(cfg.dsl(), issued, reason));
  }

  @Test
  void aCounterThatDoesNotExistIsAFindingAndListShowsWhatExists() {
    issue(INVOICES, "acme", LocalDate.of(2025, 6, 1));
    issue(INVOICES, "acme", MARCH_14);
    issue(INVOICES, "acme", MARCH_14);
    issue(INVOICES, "globex", MARCH_14);
    issue(NumberSeries.named("cli-receipts"), "", MARCH_14);
    dsl.transactionResult(
        cfg ->
            INVOICES.voidNumber(
                cfg.dsl(),
                new IssuedNumber("cli-invoices", "acme", "2026", 1, null, null, false),
                "typo"));

    CliRun typo = cli("series", "verify", "cli-invoices", "--scope", "ACME", "--period", "2026");
    assertEquals(1, typo.code(), typo.err());
    assertTrue(
        typo.out()
            .endsWith(
                "FINDINGS: 1\n  no counter: series 'cli-invoices' has no scope 'ACME' (nothing was"
                    + " issued there); the nearest scopes: 'acme', 'globex'\n"),
        typo.out());
    CliRun period = cli("series", "verify", "cli-invoices", "--scope", "acme", "--period", "2062");
    assertEquals(1, period.code(), period.err());
    assertTrue(period.out().contains("the nearest periods: '2026', '2025'\n"), period.out());

    assertEquals(
        new CliRun(
            0,
            """
            SERIES        SCOPE   PERIOD  LAST
            cli-invoices  acme    2025       1
            cli-invoices  acme    2026       2
            cli-invoices  globex  2026       1
            cli-receipts  ''      ''         1
            4 counter(s)
            """,
            ""),
        cli("series", "list"));

    CliRun all = cli("series", "verify", "--all", "--chained");
    assertEquals(1, all.code(), all.err());
    assertTrue(
        all.out()
            .endsWith(
                "4 counters verified, 1 with findings: series 'cli-receipts', scope '', period ''\n"),
        all.out());
    CliRun oneSeries = cli("series", "verify", "cli-invoices", "--all", "--chained");
    assertEquals(0, oneSeries.code(), oneSeries.out());
    assertTrue(oneSeries.out().endsWith("\n3 counters verified, none with findings\n"));
    assertEquals(
        new CliRun(1, "no counter: series 'cli-invoice' has no counter at all\n", ""),
        cli("series", "verify", "cli-invoice", "--all"));
    assertEquals(2, cli("series", "verify", "cli-invoices", "--all", "--scope", "acme").code());
    assertEquals(2, cli("series", "verify").code(), "a NAME or --all");
  }

  /** An auditor's copy of one counter's ledger: every record, every column, hashes included. */
  @Test
  void exportWritesTheLedgerAsCsvOrJsonAndListAsCsv() {
    for (int i = 0; i < 2; i++) {
      issue(INVOICES, "acme", MARCH_14);
    }
    voidAcme2026(1, "duplicate order");
    CliRun csv = cli("series", "export", "cli-invoices", "--scope", "acme", "--period", "2026");
    assertEquals(0, csv.code(), csv.err());
    List<String> lines = csv.out().lines().toList();
    assertEquals(
        "counter,entry,kind,series,scope,period,number,text,document_date,latest_date,"
            + "recorded_at,reason,previous_hash,hash",
        lines.get(0));
    assertEquals(4, lines.size(), csv.out());
    assertTrue(
        lines.get(1).contains(",1,issue,cli-invoices,acme,2026,1,INV-2026-0001,2026-03-14,"),
        lines.get(1));
    assertTrue(
        lines.get(3).contains(",3,void,cli-invoices,acme,2026,1,INV-2026-0001,"), lines.get(3));
    assertTrue(lines.get(3).contains(",duplicate order,"), lines.get(3));
    // Chained: every record carries its hash, the last column.
    lines.subList(1, 4).forEach(line -> assertTrue(line.matches(".*,[0-9a-f]{64}$"), line));
    CliRun json =
        cli(
            "series",
            "export",
            "cli-invoices",
            "--scope",
            "acme",
            "--period",
            "2026",
            "--format",
            "json");
    assertEquals(0, json.code(), json.err());
    // jOOQ's JSON escapes the slash: valid JSON, read back as series:cli-invoices/acme/2026.
    assertTrue(
        json.out().startsWith("[{\"counter\":\"series:cli-invoices\\/acme\\/2026\",\"entry\":1,"),
        json.out());
    assertEquals(3, json.out().split("\"kind\":").length - 1, json.out());
    CliRun verify =
        cli(
            "series",
            "verify",
            "cli-invoices",
            "--scope",
            "acme",
            "--period",
            "2026",
            "--format",
            "csv");
    assertEquals(
        new CliRun(
            0,
            "series,scope,period,first_number,last_number,issued,voided,findings,clean\n"
                + "cli-invoices,acme,2026,1,2,2,1,\"\",true\n",
            ""),
        verify);
    CliRun verifyJson = cli("series", "verify", "cli-invoices", "--all", "--format", "json");
    assertTrue(
        verifyJson
            .out()
            .startsWith("[{\"series\":\"cli-invoices\",\"scope\":\"acme\",\"period\":\"2026\","),
        verifyJson.out());
    assertTrue(
        verifyJson
            .out()
            .contains(
                "\"voided\":[{\"number\":1,\"text\":\"INV-2026-0001\",\"reason\":\"duplicate order\","),
        verifyJson.out());
    assertTrue(verifyJson.out().endsWith("\"findings\":[],\"clean\":true}]\n"), verifyJson.out());
    CliRun list = cli("series", "list", "cli-invoices", "--format", "csv");
    assertEquals(new CliRun(0, "series,scope,period,last\ncli-invoices,acme,2026,2\n", ""), list);
  }

  /**
   * {@code audit --series}: the application's table of formatted numbers against the ledger —
   * missing, unknown, voided but present, duplicates.
   */
  @Test
  void auditSeriesReconcilesATableOfFormattedNumbersWithTheLedger() {
    for (int i = 0; i < 4; i++) {
      issue(INVOICES, "acme", MARCH_14);
    }
    voidAcme2026(2, "cancelled");
    // Unquoted, as an application's DDL names it; the CLI folds --table and --column the same way.
    dsl.execute("drop table if exists cli_series_document");
    dsl.execute("create table cli_series_document (printed varchar(40))");
    for (String t :
        List.of(
            "INV-2026-0001", "INV-2026-0002", "INV-2026-0004", "INV-2026-0004", "INV-2026-0099")) {
      dsl.execute("insert into cli_series_document (printed) values ('" + t + "')");
    }
    List<String> audit =
        List.of(
            "audit",
            "--table",
            "cli_series_document",
            "--column",
            "printed",
            "--series",
            "cli-invoices",
            "--scope",
            "acme",
            "--period",
            "2026");
    CliRun run = cli(audit);
    assertEquals(
        new CliRun(
            1,
            """
            audited cli_series_document.printed against series 'cli-invoices', scope 'acme', period '2026': 4 text(s) in the table, 4 number(s) issued in the ledger (1 voided)
            missing:            INV-2026-0003
            unknown:            INV-2026-0099
            voided but present: INV-2026-0002
            duplicates:         INV-2026-0004
            PROBLEMS: see above
            """,
            ""),
        run);
    List<String> json = new ArrayList<>(audit);
    json.add("--json");
    assertEquals(
        "{\"table\":\"cli_series_document\",\"column\":\"printed\",\"series\":\"cli-invoices\","
            + "\"scope\":\"acme\",\"period\":\"2026\",\"texts\":4,\"issued\":4,\"voided\":1,"
            + "\"missing\":[\"INV-2026-0003\"],\"unknown\":[\"INV-2026-0099\"],"
            + "\"voidedButPresent\":[\"INV-2026-0002\"],\"duplicates\":[\"INV-2026-0004\"],"
            + "\"ok\":false}\n",
        cli(json).out());
    List<String> csv = new ArrayList<>(audit);
    csv.addAll(List.of("--format", "csv"));
    assertEquals(
        "problem,text\nmissing,INV-2026-0003\nunknown,INV-2026-0099\n"
            + "voided but present,INV-2026-0002\nduplicate,INV-2026-0004\n",
        cli(csv).out());
    dsl.execute("drop table cli_series_document");
  }

  @Test
  void verifyChainedFindsHashesRemovedFromAChainedLedger() {
    issue(INVOICES, "acme", MARCH_14);
    issue(INVOICES, "acme", MARCH_14);
    dsl.update(DSL.table(DSL.name("sequences_sequence_issued")))
        .setNull(DSL.field(DSL.name("hash"), String.class))
        .setNull(DSL.field(DSL.name("previous_hash"), String.class))
        .execute();
    List<String> counter =
        List.of("series", "verify", "cli-invoices", "--scope", "acme", "--period", "2026");
    CliRun ledgerAlone = cli(counter);
    assertEquals(0, ledgerAlone.code(), ledgerAlone.out());
    assertTrue(ledgerAlone.out().contains("chain:          none (the series is not chained)\n"));
    List<String> chained = new ArrayList<>(counter);
    chained.add("--chained");
    CliRun declared = cli(chained);
    assertEquals(1, declared.code(), declared.out());
    assertTrue(
        declared
            .out()
            .endsWith(
                "chain:          broken at entry 1\nFINDINGS: 1\n  chain broken at entry 1"
                    + " (number 1): it has no hash, though the series is chained (hashes"
                    + " removed?)\n"),
        declared.out());
  }

  /**
   * {@code series report}: one self-contained page, parsed back with jsoup, for a clean ledger and
   * for one whose record was changed by hand (the chain breaks there).
   */
  @Test
  void reportWritesOnePageForACleanAndForATamperedLedger() throws Exception {
    issue(INVOICES, "acme", MARCH_14);
    issue(INVOICES, "acme", MARCH_14);
    issue(INVOICES, "globex", MARCH_14);
    voidAcme2026(1, "duplicate <order>");
    Path page = Files.createTempFile("sequences-report", ".html");
    List<String> report =
        List.of(
            "series", "report", "cli-invoices", "--format", "html", "--output", page.toString());
    CliRun clean = cli(report);
    assertEquals(0, clean.code(), clean.out() + clean.err());
    Document html = Jsoup.parse(page.toFile());
    assertTrue(html.select("script, link, img").isEmpty(), "self-contained, no script");
    assertEquals(
        List.of("scope \\ period", "2026"), html.select("#grid tr").get(0).select("th").eachText());
    assertEquals(List.of("acme", "1–2 ✓"), html.select("#grid tr").get(1).children().eachText());
    assertEquals(List.of("globex", "1–1 ✓"), html.select("#grid tr").get(2).children().eachText());
    assertEquals(List.of("none"), html.select("#findings li").eachText());
    assertEquals(
        List.of("acme", "2026", "1", "INV-2026-0001", "duplicate <order>"),
        html.select("#voids tr").get(1).children().eachText().subList(0, 5));
    assertTrue(
        html.select(".meta").text().startsWith("Made 20")
            && html.select(".meta").text().contains(" against "),
        html.select(".meta").text());
    assertEquals(
        List.of(
            "scope acme, period 2026: intact, 3 records",
            "scope globex, period 2026: intact, 1 records"),
        html.select("#chain li").eachText());

    dsl.update(DSL.table(DSL.name("sequences_sequence_issued")))
        .set(DSL.field(DSL.name("text"), String.class), "INV-2026-9999")
        .where(DSL.field(DSL.name("counter"), String.class).like("%acme%"))
        .and(DSL.field(DSL.name("number"), Long.class).eq(2L))
        .execute();
    CliRun tampered = cli(report);
    assertEquals(1, tampered.code(), tampered.out());
    html = Jsoup.parse(page.toFile());
    assertEquals(List.of("acme", "1–2 ✗"), html.select("#grid tr").get(1).children().eachText());
    assertEquals(List.of("globex", "1–1 ✓"), html.select("#grid tr").get(2).children().eachText());
    assertTrue(
        html.select("#findings li").eachText().stream()
            .anyMatch(f -> f.startsWith("scope acme, period 2026: chain broken at entry 2")),
        html.select("#findings").text());
    assertTrue(
        html.select("#chain li")
            .get(0)
            .text()
            .startsWith("scope acme, period 2026: broken at entry 2"),
        html.select("#chain").text());
    Files.delete(page);
  }

  private CliRun cli(List<String> args) {
    return cli(args.toArray(String[]::new));
  }

  private CliRun cli(String... args) {
    return CliRun.against(server, db.dialect(), new StringReader(""), args);
  }
}
