package dev.sequences.cli;

import dev.sequences.schema.SequencesSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "migrate", description = "Create or upgrade the sequences_sequence table.")
final class MigrateCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Database db = cli.connect(1)) {
      int applied = SequencesSchema.migrate(db.dataSource());
      spec.commandLine()
          .getOut()
          .println(
              applied == 0
                  ? "sequences_sequence is up to date"
                  : "applied " + applied + " migration(s): sequences_sequence is up to date");
      return SequencesCli.OK;
    }
  }
}
