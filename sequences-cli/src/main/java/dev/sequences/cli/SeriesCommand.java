package dev.sequences.cli;

import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "series",
    mixinStandardHelpOptions = true,
    description = {
      "Number series (NumberSeries in sequences-series): check the ledger of one counter, or void"
          + " a number. A counter is a series' NAME, a --scope and a --period label: 2026, 2026-03,"
          + " 2026-03-14, FY2026, or nothing for a series that never resets."
    },
    subcommands = {HelpCommand.class, SeriesCommand.Verify.class, SeriesCommand.Void.class})
final class SeriesCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE.code();
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
        "Check the ledger of one counter of a series, from the ledger alone: first and last"
            + " number, gaps, voided numbers and their reasons, dates out of order, the counter"
            + " against the ledger's highest number, and for a chained series the first broken"
            + " link.",
        "Exit 0 when there is no finding, 1 when there is any."
      })
  static final class Verify extends OneCounter implements Callable<Integer> {

    @Override
    public Integer call() {
      NumberSeries numberSeries = NumberSeries.named(name);
      SeriesReport report;
      try (Database db = series.cli.connect(1)) {
        report = numberSeries.verify(db.dsl(), scope, period);
      }
      spec.commandLine().getOut().println(report);
      return report.clean() ? ExitCode.OK.code() : ExitCode.PROBLEMS.code();
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
