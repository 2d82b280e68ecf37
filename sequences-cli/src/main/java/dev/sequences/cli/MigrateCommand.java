package dev.sequences.cli;

import dev.sequences.schema.SequencesSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "migrate",
    footerHeading = "%nExamples:%n",
    footer = {"  sequences migrate --url jdbc:postgresql://db/app --user owner --password"},
    mixinStandardHelpOptions = true,
    description = "Create or upgrade the counter table (sequences_sequence, or --counter-table).")
final class MigrateCommand implements Callable<Integer> {

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Database db = cli.connect(1)) {
      int applied = SequencesSchema.migrate(db.dataSource(), db.counterSchema(), db.counterTable());
      String table =
          db.counterSchema() == null
              ? db.counterTable()
              : db.counterSchema() + "." + db.counterTable();
      spec.commandLine()
          .getOut()
          .println(
              applied == 0
                  ? table + " is up to date"
                  : "applied " + applied + " migration(s): " + table + " is up to date");
      return ExitCode.OK.code();
    }
  }
}
