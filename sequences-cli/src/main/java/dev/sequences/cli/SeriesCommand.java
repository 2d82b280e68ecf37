package dev.sequences.cli;

import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesCounters;
import dev.sequences.series.SeriesReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "series",
    mixinStandardHelpOptions = true,
    description = {
      "Number series (NumberSeries in sequences-series): list their counters, check the ledger of"
          + " one counter or of all, or void a number. A counter is a series' NAME, a --scope and a"
          + " --period label: 2026, 2026-03, 2026-03-14, FY2026, or nothing for a series that never"
          + " resets."
    },
    subcommands = {
      HelpCommand.class,
      SeriesCommand.ListCounters.class,
      SeriesCommand.Verify.class,
      SeriesCommand.Export.class,
      SeriesCommand.Report.class,
      SeriesCommand.Void.class
    })
final class SeriesCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE.code();
  }

  /** {@code --chained}: the CLI knows no series' definition, so the auditor says it. */
  static final class Chained {

    @Option(
        names = "--chained",
        description =
            "verify as a series declared chained(): a record without a hash is a broken link")
    boolean chained;

    /** Series {@code name} as declared for verification. */
    NumberSeries declared(String name) {
      NumberSeries named = NumberSeries.named(name);
      return chained ? named.chained() : named;
    }
  }

  /** The options that name one counter of a series. */
  abstract static class OneCounter {

    @ParentCommand SeriesCommand series;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "the series")
    String name;

    @Option(
        names = "--scope",
        defaultValue = "",
        description = "the scope (a company, a branch; default: none)")
    String scope;

    @Option(
        names = "--period",
        defaultValue = "",
        description =
            "the period's label: 2026, 2026-03, 2026-03-14 or FY2026 (default: none, for a series"
                + " that never resets)")
    String period;
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check the ledger of one counter of a series (NAME, --scope, --period), or with --all every"
            + " counter of NAME or of every series: first and last number, gaps, voided numbers and"
            + " their reasons, dates out of order, the counter and the void counter against the"
            + " ledger, texts that another period of the scope also printed, the first broken link"
            + " of the hash chain. A counter that does not exist is a finding that names the"
            + " nearest scopes or periods.",
        "The series' definition is not stored: give --chained for a series declared chained(), so"
            + " that records whose hashes were removed are findings too.",
        "Exit 0 when there is no finding, 1 when there is any."
      })
  static final class Verify implements Callable<Integer> {

    @ParentCommand SeriesCommand series;

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "NAME",
        description = "the series (with --all: only its counters; default: every series)")
    @Nullable String name;

    @Option(names = "--scope", description = "the scope (a company, a branch; default: none)")
    @Nullable String scope;

    @Option(
        names = "--period",
        description =
            "the period's label: 2026, 2026-03, 2026-03-14 or FY2026 (default: none, for a series"
                + " that never resets)")
    @Nullable String period;

    @Option(
        names = "--all",
        description = "every counter of NAME, or of every series: what series list shows")
    boolean all;

    @Mixin Chained chained;

    @Mixin Output output;

    @Override
    public Integer call() {
      if (all && (scope != null || period != null)) {
        throw new CliException(
            ExitCode.USAGE, "--all verifies every counter: leave out --scope and --period");
      }
      if (!all && name == null) {
        throw new CliException(
            ExitCode.USAGE, "give the series NAME (with --scope and --period), or --all");
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.format() != Output.Format.TEXT) {
        List<SeriesReport> reports = new ArrayList<>();
        try (Database db = series.cli.connect(1)) {
          if (!all) {
            reports.add(
                chained
                    .declared(Objects.requireNonNull(name))
                    .verify(
                        db.dsl(),
                        Objects.requireNonNullElse(scope, ""),
                        Objects.requireNonNullElse(period, "")));
          } else {
            for (SeriesCounters.Counter c :
                name == null
                    ? SeriesCounters.list(db.dsl())
                    : SeriesCounters.list(db.dsl(), name)) {
              reports.add(chained.declared(c.series()).verify(db.dsl(), c.scope(), c.period()));
            }
          }
        }
        VerifyOutput.print(out, output.format(), reports);
        return !reports.isEmpty() && reports.stream().allMatch(SeriesReport::clean)
            ? ExitCode.OK.code()
            : ExitCode.PROBLEMS.code();
      }
      try (Database db = series.cli.connect(1)) {
        if (!all) {
          SeriesReport report =
              chained
                  .declared(Objects.requireNonNull(name))
                  .verify(
                      db.dsl(),
                      Objects.requireNonNullElse(scope, ""),
                      Objects.requireNonNullElse(period, ""));
          out.println(report);
          return report.clean() ? ExitCode.OK.code() : ExitCode.PROBLEMS.code();
        }
        List<SeriesCounters.Counter> counters =
            name == null ? SeriesCounters.list(db.dsl()) : SeriesCounters.list(db.dsl(), name);
        if (counters.isEmpty()) {
          out.println(
              name == null
                  ? "no counter of any series: nothing to verify"
                  : "no counter: series '" + name + "' has no counter at all");
          return ExitCode.PROBLEMS.code();
        }
        List<String> withFindings = new ArrayList<>();
        for (SeriesCounters.Counter c : counters) {
          SeriesReport report =
              chained.declared(c.series()).verify(db.dsl(), c.scope(), c.period());
          out.println(report);
          out.println();
          if (!report.clean()) {
            withFindings.add(
                "series '"
                    + c.series()
                    + "', scope '"
                    + c.scope()
                    + "', period '"
                    + c.period()
                    + "'");
          }
        }
        out.println(
            counters.size()
                + " counters verified, "
                + (withFindings.isEmpty()
                    ? "none with findings"
                    : withFindings.size() + " with findings: " + String.join("; ", withFindings)));
        return withFindings.isEmpty() ? ExitCode.OK.code() : ExitCode.PROBLEMS.code();
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Every counter of every number series (or of NAME): series, scope, period and last"
            + " number, sorted. Void counters are not shown."
      })
  static final class ListCounters implements Callable<Integer> {

    private static final Field<String> SERIES = DSL.field(DSL.name("series"), SQLDataType.VARCHAR);
    private static final Field<String> SCOPE = DSL.field(DSL.name("scope"), SQLDataType.VARCHAR);
    private static final Field<String> PERIOD = DSL.field(DSL.name("period"), SQLDataType.VARCHAR);

    @ParentCommand SeriesCommand series;

    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "only this series")
    @Nullable String name;

    @Mixin Output output;

    @Override
    public Integer call() {
      List<SeriesCounters.Counter> counters;
      try (Database db = series.cli.connect(1)) {
        counters =
            name == null ? SeriesCounters.list(db.dsl()) : SeriesCounters.list(db.dsl(), name);
      }
      Result<Record4<String, String, String, Long>> table =
          Output.ROWS.newResult(SERIES, SCOPE, PERIOD, ListCommand.LAST);
      for (SeriesCounters.Counter c : counters) {
        table.add(
            Output.ROWS
                .newRecord(SERIES, SCOPE, PERIOD, ListCommand.LAST)
                .values(c.series(), c.scope(), c.period(), c.last()));
      }
      if (output.printed(spec.commandLine().getOut(), table)) {
        return ExitCode.OK.code();
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SERIES", "SCOPE", "PERIOD", "LAST"});
      for (SeriesCounters.Counter c : counters) {
        rows.add(
            new String[] {
              shown(c.series()), shown(c.scope()), shown(c.period()), Long.toString(c.last())
            });
      }
      int[] widths = new int[4];
      for (String[] row : rows) {
        for (int i = 0; i < 4; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      String format =
          "%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %" + widths[3] + "s%n";
      PrintWriter out = spec.commandLine().getOut();
      for (String[] row : rows) {
        out.printf(format, (Object[]) row);
      }
      out.printf("%d counter(s)%n", counters.size());
      return ExitCode.OK.code();
    }

    /** The empty scope and period (none) as {@code ''}, so that the columns stay readable. */
    private static String shown(String text) {
      return text.isEmpty() ? "''" : text;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "The ledger of one counter of a series, for an auditor: every record in the order it was"
            + " written, every column (counter, entry, kind, series, scope, period, number, text,"
            + " document_date, latest_date, recorded_at, reason, previous_hash, hash), as CSV with a"
            + " header line (the default) or JSON (an array of objects). Read as it is written."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  sequences series export invoices --scope acme --period 2026 > ledger.csv",
        "  sequences series export invoices --scope acme --period 2026 --format json"
      })
  static final class Export extends OneCounter implements Callable<Integer> {

    /** What export writes: CSV or JSON. */
    enum Format {
      CSV,
      JSON
    }

    @Option(
        names = "--format",
        defaultValue = "csv",
        paramLabel = "FORMAT",
        description = "csv (the default) or json")
    Format format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = series.cli.connect(1)) {
        NumberSeries.named(name)
            .export(
                db.dsl(),
                scope,
                period,
                records -> {
                  if (format == Format.JSON) {
                    records.formatJSON(out, Output.OBJECTS);
                    out.println();
                  } else {
                    records.formatCSV(out);
                  }
                });
      }
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "An audit report people can look at: one self-contained HTML page (no external assets, no"
            + " script) for every counter of a series: a scope x period grid of number ranges with"
            + " their check mark, every finding, every void with its reason, the hash chain's"
            + " state, and when and against what it was made.",
        "Exit 1 if any counter has a finding (the page is written all the same)."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  sequences series report invoices --format html --output invoices.html"})
  static final class Report implements Callable<Integer> {

    /** What report writes: HTML. */
    enum Format {
      HTML
    }

    @ParentCommand SeriesCommand series;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "the series")
    String name;

    @Option(names = "--format", defaultValue = "html", description = "html (the only one)")
    Format format;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "the page")
    Path output;

    @Mixin Chained chained;

    @Override
    public Integer call() throws IOException {
      List<SeriesReport> reports = new ArrayList<>();
      String against;
      try (Database db = series.cli.connect(1)) {
        NumberSeries declared = chained.declared(name);
        for (SeriesCounters.Counter c : SeriesCounters.list(db.dsl(), name)) {
          reports.add(declared.verify(db.dsl(), c.scope(), c.period()));
        }
        against =
            db.printableUrl()
                + ", counter table "
                + (db.counterSchema() == null ? "" : db.counterSchema() + ".")
                + db.counterTable();
      }
      Files.writeString(
          output, HtmlReport.of(name, reports, against, Instant.now()), StandardCharsets.UTF_8);
      long withFindings = reports.stream().filter(r -> !r.clean()).count();
      spec.commandLine()
          .getOut()
          .printf("%s: %d counter(s), %d with findings%n", output, reports.size(), withFindings);
      return withFindings == 0 && !reports.isEmpty()
          ? ExitCode.OK.code()
          : ExitCode.PROBLEMS.code();
    }
  }

  @Command(
      name = "void",
      mixinStandardHelpOptions = true,
      description = {
        "Void an issued number of a series, in a transaction of its own: the ledger records a void"
            + " with its reason and time (chained if the counter's ledger is); the number is never"
            + " issued again.",
        "Exit 1 if the number was never issued or is already voided (nothing is changed)."
      })
  static final class Void extends OneCounter implements Callable<Integer> {

    @Option(names = "--number", required = true, description = "the number to void")
    long number;

    @Option(names = "--reason", required = true, description = "why it is voided")
    String reason;

    @Override
    public Integer call() {
      NumberSeries numberSeries = NumberSeries.named(name);
      IssuedNumber target = new IssuedNumber(name, scope, period, number, null, null, false);
      IssuedNumber voided;
      try (Database db = series.cli.connect(1)) {
        voided =
            db.dsl().transactionResult(cfg -> numberSeries.voidNumber(cfg.dsl(), target, reason));
      }
      spec.commandLine()
          .getOut()
          .println(
              "voided "
                  + voided.text()
                  + " (number "
                  + voided.value()
                  + " of series '"
                  + name
                  + "', scope '"
                  + scope
                  + "', period '"
                  + period
                  + "', dated "
                  + voided.documentDate()
                  + "): "
                  + reason);
      return ExitCode.OK.code();
    }
  }
}
