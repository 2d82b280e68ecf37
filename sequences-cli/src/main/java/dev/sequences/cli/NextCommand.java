package dev.sequences.cli;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.ValueRange;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "next",
    footerHeading = "%nExamples:%n",
    footer = {
      "  sequences next invoices --url jdbc:postgresql://db/app",
      "  sequences next invoices --count 3 --wait 5s --config prod.conf"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Issue the next value(s) of a sequence, in a transaction of its own; one per line.",
      "By default it waits for a transaction that holds the sequence as long as the database"
          + " lets it; --wait bounds that wait, --nowait fails at once (exit 1, nothing issued)."
    })
final class NextCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "the sequence")
  String name;

  @Mixin Output output;

  static final Field<Long> VALUE = DSL.field(DSL.name("value"), SQLDataType.BIGINT);

  @Option(names = "--count", defaultValue = "1", description = "how many values (default 1)")
  int count;

  @Option(
      names = "--start",
      defaultValue = "1",
      description = "the first value if the sequence does not exist yet (default 1)")
  long start;

  @ArgGroup(exclusive = true)
  @Nullable Wait wait;

  /** How long to wait for a transaction that holds the sequence. */
  static final class Wait {
    @Option(
        names = "--wait",
        paramLabel = "DURATION",
        description = "wait at most this long: 500ms, 5s, 2m, or ISO-8601 (PT5S)")
    String timeout;

    @Option(names = "--nowait", description = "fail at once if another transaction holds it")
    boolean nowait;

    LockWait lockWait() {
      return nowait ? LockWait.NOWAIT : LockWait.timeout(Durations.parse("--wait", timeout));
    }
  }

  @Override
  public Integer call() {
    if (count < 1) {
      throw new CliException(ExitCode.USAGE, "--count must be at least 1, not " + count);
    }
    GaplessSequence sequence = Names.sequence(name).startingAt(start);
    LockWait lockWait = wait == null ? LockWait.WAIT : wait.lockWait();
    ValueRange values;
    try (Database db = cli.connect(1)) {
      values = db.dsl().transactionResult(cfg -> sequence.nextValues(cfg.dsl(), count, lockWait));
    }
    PrintWriter out = spec.commandLine().getOut();
    Result<Record1<Long>> rows = Output.ROWS.newResult(VALUE);
    values.stream().forEach(v -> rows.add(Output.ROWS.newRecord(VALUE).values(v)));
    if (!output.printed(out, rows)) {
      values.stream().forEach(out::println);
    }
    return ExitCode.OK.code();
  }
}
