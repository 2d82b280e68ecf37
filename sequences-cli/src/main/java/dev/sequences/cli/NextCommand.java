package dev.sequences.cli;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.ValueRange;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "next",
    description =
        "Issue the next value(s) of a sequence, in a transaction of its own; one per line.")
final class NextCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "the sequence")
  String name;

  @Option(names = "--count", defaultValue = "1", description = "how many values (default 1)")
  int count;

  @Option(
      names = "--start",
      defaultValue = "1",
      description = "the first value if the sequence does not exist yet (default 1)")
  long start;

  @Override
  public Integer call() {
    if (count < 1) {
      throw new CliException(SequencesCli.USAGE, "--count must be at least 1, not " + count);
    }
    GaplessSequence sequence = Names.sequence(name).startingAt(start);
    ValueRange values;
    try (Database db = cli.connect(1)) {
      values = db.dsl().transactionResult(cfg -> sequence.nextValues(cfg.dsl(), count));
    }
    PrintWriter out = spec.commandLine().getOut();
    values.stream().forEach(out::println);
    return SequencesCli.OK;
  }
}
