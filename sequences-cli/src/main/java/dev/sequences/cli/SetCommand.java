package dev.sequences.cli;

import static dev.sequences.jooq.generated.Tables.SEQUENCES_SEQUENCE;

import java.util.concurrent.Callable;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "set",
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
    return SequencesCli.OK;
  }

  private String set(DSLContext ctx) {
    var byName = SEQUENCES_SEQUENCE.NAME.eq(Names.value(ctx, name));
    var read = ctx.select(SEQUENCES_SEQUENCE.LAST).from(SEQUENCES_SEQUENCE).where(byName);
    Long current;
    if (ctx.dialect().family() == SQLDialect.SQLITE) {
      // SQLite has no FOR UPDATE; it lets one transaction write at a time. Writing first, even a
      // write that changes nothing or matches no row, takes that lock: no increment can come
      // between the read and the write below (after a read first, the write would fail with
      // SQLITE_BUSY if one did).
      ctx.update(SEQUENCES_SEQUENCE)
          .set(SEQUENCES_SEQUENCE.LAST, SEQUENCES_SEQUENCE.LAST)
          .where(byName)
          .execute();
      current = read.fetchOne(SEQUENCES_SEQUENCE.LAST);
    } else {
      current = read.forUpdate().fetchOne(SEQUENCES_SEQUENCE.LAST);
    }
    if (current == null) {
      ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
          .values(DSL.val(name, SQLDataType.VARCHAR), DSL.val(value))
          .execute();
      return "sequence '" + name + "' created with last value " + value;
    }
    if (value < current && !force) {
      throw new CliException(
          SequencesCli.USAGE,
          "refusing to move sequence '"
              + name
              + "' back from "
              + current
              + " to "
              + value
              + ": numbers "
              + (value + 1)
              + ".."
              + current
              + " would be issued again (duplicates). Add --force if they were never used");
    }
    ctx.update(SEQUENCES_SEQUENCE).set(SEQUENCES_SEQUENCE.LAST, value).where(byName).execute();
    return "sequence '" + name + "': last value " + current + " -> " + value;
  }
}
