package dev.sequences.cli;

import dev.sequences.jooq.GaplessSequence;
import java.io.PrintWriter;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jooq.Record2;
import org.jooq.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "last",
    footerHeading = "%nExamples:%n",
    footer = {"  sequences last invoices --url jdbc:postgresql://db/app"},
    mixinStandardHelpOptions = true,
    description = "The last value a sequence issued (exit 1 if never used).")
final class LastCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "the sequence")
  String name;

  @Mixin Output output;

  @Override
  public Integer call() {
    GaplessSequence sequence = Names.sequence(name);
    OptionalLong last;
    try (Database db = cli.connect(1)) {
      last = db.dsl().transactionResult(cfg -> sequence.lastValue(cfg.dsl()));
    }
    if (last.isEmpty()) {
      spec.commandLine().getErr().println("sequence '" + name + "' has never been used");
      return ExitCode.PROBLEMS.code();
    }
    PrintWriter out = spec.commandLine().getOut();
    Result<Record2<String, Long>> row = Output.ROWS.newResult(ListCommand.NAME, ListCommand.LAST);
    row.add(
        Output.ROWS.newRecord(ListCommand.NAME, ListCommand.LAST).values(name, last.getAsLong()));
    if (!output.printed(out, row)) {
      out.println(last.getAsLong());
    }
    return ExitCode.OK.code();
  }
}
