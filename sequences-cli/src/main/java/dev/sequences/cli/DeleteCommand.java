package dev.sequences.cli;

import dev.sequences.jooq.GaplessSequence;
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
      OptionalLong last = sequence.lastValue(db.dsl());
      if (last.isEmpty()) {
        spec.commandLine().getErr().println("sequence '" + name + "' does not exist");
        return ExitCode.PROBLEMS.code();
      }
      if (!yes) {
        out.printf(
            "Delete sequence '%s' (last value %d)? Its next use starts again at its initial value."
                + " Type yes to delete: ",
            name, last.getAsLong());
        out.flush();
        String answer = cli.readLine();
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
          out.println("not deleted");
          return ExitCode.PROBLEMS.code();
        }
      }
      boolean deleted = db.dsl().transactionResult(cfg -> sequence.delete(cfg.dsl()));
      out.println(
          deleted
              ? "sequence '" + name + "' deleted (its last value was " + last.getAsLong() + ")"
              : "sequence '" + name + "' was already gone");
      return deleted ? ExitCode.OK.code() : ExitCode.PROBLEMS.code();
    }
  }
}
