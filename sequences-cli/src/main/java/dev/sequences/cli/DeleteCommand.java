package dev.sequences.cli;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceCounters;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    footerHeading = "%nExamples:%n",
    footer = {"  sequences delete old-invoices --url jdbc:postgresql://db/app --yes"},
    mixinStandardHelpOptions = true,
    description = "Delete a sequence: its next use starts again at its initial value.")
final class DeleteCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "the sequence")
  String name;

  @Option(names = "--yes", description = "do not ask for confirmation")
  boolean yes;

  @Override
  public Integer call() {
    GaplessSequence sequence = Names.sequence(name);
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = cli.connect(1)) {
      OptionalLong asked = OptionalLong.empty();
      if (!yes) {
        asked = sequence.lastValue(db.dsl());
        if (asked.isEmpty()) {
          return doesNotExist();
        }
        out.printf(
            "Delete sequence '%s' (last value %d)? Its next use starts again at its initial value."
                + " Type yes to delete: ",
            name, asked.getAsLong());
        out.flush();
        String answer = cli.readLine();
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
          out.println("not deleted");
          return ExitCode.PROBLEMS.code();
        }
      }
      // The value reported is the deleted row's, read under its lock in the deleting transaction.
      OptionalLong deleted =
          db.dsl().transactionResult(cfg -> SequenceCounters.delete(cfg.dsl(), name));
      if (deleted.isEmpty()) {
        if (yes) {
          return doesNotExist();
        }
        out.println("sequence '" + name + "' was already gone");
        return ExitCode.PROBLEMS.code();
      }
      long last = deleted.getAsLong();
      out.println(
          "sequence '"
              + name
              + "' deleted (its last value was "
              + last
              + (asked.isPresent() && asked.getAsLong() != last
                  ? ", not " + asked.getAsLong() + " as asked: it moved meanwhile)"
                  : ")"));
      return ExitCode.OK.code();
    }
  }

  private int doesNotExist() {
    spec.commandLine().getErr().println("sequence '" + name + "' does not exist");
    return ExitCode.PROBLEMS.code();
  }
}
