package dev.sequences.cli;

import dev.sequences.jooq.SequenceCounters;
import dev.sequences.jooq.SequenceCounters.Counter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    footerHeading = "%nExamples:%n",
    footer = {
      "  sequences list --url jdbc:postgresql://db/app --user app",
      "  SEQUENCES_URL=jdbc:postgresql://db/app sequences list --prefix invoice"
    },
    mixinStandardHelpOptions = true,
    description = "Every sequence with its last value, sorted by name.")
final class ListCommand implements Callable<Integer> {

  static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);
  static final Field<Long> LAST = DSL.field(DSL.name("last"), SQLDataType.BIGINT);

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Option(names = "--prefix", description = "only names that start with this")
  @Nullable String prefix;

  @Mixin Output output;

  @Override
  public Integer call() {
    List<Counter> counters;
    try (Database db = cli.connect(1)) {
      counters = SequenceCounters.list(db.dsl(), prefix);
    }
    PrintWriter out = spec.commandLine().getOut();
    Result<Record2<String, Long>> rows = Output.ROWS.newResult(NAME, LAST);
    counters.forEach(c -> rows.add(Output.ROWS.newRecord(NAME, LAST).values(c.name(), c.last())));
    if (output.printed(out, rows)) {
      return ExitCode.OK.code();
    }
    int nameWidth = Math.max(8, counters.stream().mapToInt(c -> c.name().length()).max().orElse(0));
    int lastWidth =
        Math.max(
            10, counters.stream().mapToInt(c -> Long.toString(c.last()).length()).max().orElse(0));
    String format = "%-" + nameWidth + "s  %" + lastWidth + "s%n";
    out.printf(format, "SEQUENCE", "LAST VALUE");
    counters.forEach(c -> out.printf(format, c.name(), c.last()));
    out.printf("%d sequence(s)%n", counters.size());
    return ExitCode.OK.code();
  }
}
