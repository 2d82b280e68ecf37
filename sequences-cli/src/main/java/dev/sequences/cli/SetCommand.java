package dev.sequences.cli;

import dev.sequences.jooq.SequenceCounters;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "set",
    footerHeading = "%nExamples:%n",
    footer = {
      "  sequences set invoices 1000 --url jdbc:postgresql://db/app",
      "  sequences set invoices 10 --force    # backwards: numbers will be issued again"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Set a sequence's last value: the next value issued is VALUE + 1.",
      "Moving a counter backwards would issue numbers again (duplicates): refused without --force."
    })
final class SetCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "the sequence")
  String name;

  @Parameters(index = "1", paramLabel = "VALUE", description = "the new last value")
  long value;

  @Option(names = "--force", description = "allow moving the counter backwards")
  boolean force;

  @Override
  public Integer call() {
    Names.sequence(name);
    String change;
    try (Database db = cli.connect(1)) {
      change = db.dsl().transactionResult(cfg -> set(cfg.dsl()));
    }
    spec.commandLine().getOut().println(change);
    return ExitCode.OK.code();
  }

  private String set(DSLContext ctx) {
    OptionalLong previous;
    try {
      previous = SequenceCounters.set(ctx, name, value, force);
    } catch (SequenceCounters.BackwardsRefusedException refused) {
      throw new CliException(
          ExitCode.PROBLEMS, refused.getMessage() + ". Add --force if they were never used");
    }
    return previous.isEmpty()
        ? "sequence '" + name + "' created with last value " + value
        : "sequence '" + name + "': last value " + previous.getAsLong() + " -> " + value;
  }
}
