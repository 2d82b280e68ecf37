package dev.sequences.cli;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Issue invoice numbers from several threads, all on one sequence, in transactions of which a"
          + " share rolls back on purpose; then audit the invoices for gaps and duplicates.",
      "Runs on an H2 file in the working folder, sequences-demo.mv.db (it says where), unless"
          + " --url names another database."
    })
final class DemoCommand implements Callable<Integer> {

  private static final String INVOICE_TABLE = "sequences_demo_invoice";

  /** How often a transaction the database rolled back is run before the demo gives up. */
  private static final int MAX_ATTEMPTS = 10;

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Option(names = "--threads", defaultValue = "4", description = "concurrent threads (default 4)")
  int threads;

  @Option(
      names = "--transactions",
      defaultValue = "250",
      description = "transactions per thread (default 250)")
  int transactionsPerThread;

  @Option(
      names = "--rollback-percent",
      defaultValue = "20",
      description = "share of transactions rolled back (default 20)")
  int rollbackPercent;

  @Option(
      names = "--sequence",
      defaultValue = "demo-invoices",
      description = "the sequence to use; it is reset first (default demo-invoices)")
  String sequenceName;

  @Mixin Progress.Options progressOptions;

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || transactionsPerThread < 1 || rollbackPercent < 0 || rollbackPercent > 100) {
      throw new CliException(
          ExitCode.USAGE,
          "--threads and --transactions must be at least 1, --rollback-percent 0 to 100");
    }
    GaplessSequence invoices = Names.sequence(sequenceName);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String url = cli.url;
    if (url == null) {
      Path file = Path.of(SequencesCli.DEMO_FILE).toAbsolutePath();
      url = "jdbc:h2:file:" + file + ";LOCK_TIMEOUT=10000";
      out.printf("demo database:     H2 file %s.mv.db (delete it when done)%n", file);
    }
    Progress progress = progressOptions.on(err, cli.terminal());
    try (Database db = cli.connect(url, threads)) {
      SequencesSchema.migrate(db.dataSource());
      DSLContext dsl = db.dsl();
      dsl.execute(
          "create table if not exists "
              + INVOICE_TABLE
              + " (number bigint not null primary key, amount_cents bigint not null)");
      dsl.execute("delete from " + INVOICE_TABLE);
      invoices.delete(dsl);

      int total = threads * transactionsPerThread;
      AtomicInteger committed = new AtomicInteger();
      AtomicInteger rolledBack = new AtomicInteger();
      progress.count(total, "transactions");
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          workers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < transactionsPerThread; i++) {
                      if (invoice(dsl, invoices)) {
                        committed.incrementAndGet();
                      } else {
                        rolledBack.incrementAndGet();
                      }
                      progress.advance();
                    }
                    return null;
                  }));
        }
        for (Future<?> worker : workers) {
          worker.get();
        }
      } catch (ExecutionException e) {
        throw (e.getCause() instanceof Exception cause) ? cause : e;
      } finally {
        pool.shutdownNow();
      }
      progress.end();
      double seconds = (System.nanoTime() - started) / 1e9;

      NumberAudit audit =
          AuditCommand.scan(
              db,
              Names.identifier("table", INVOICE_TABLE, db),
              Names.identifier("column", "number", db),
              DSL.noCondition(),
              1,
              progress);
      long last = invoices.lastValue(dsl).orElse(0);
      boolean ok = audit.clean() && last == audit.highest() && audit.rows() == committed.get();

      out.printf("database:          %s (%s)%n", cli.printable(url), db.dialect());
      out.printf("threads:           %d, all on sequence '%s'%n", threads, sequenceName);
      out.printf("transactions:      %d%n", total);
      out.printf("committed:         %d%n", committed.get());
      out.printf("rolled back:       %d%n", rolledBack.get());
      out.printf("numbers issued:    %s%n", audit.hasNumbers() ? "1.." + audit.highest() : "none");
      out.printf("counter's last:    %d%n", last);
      out.printf("gaps found:        %d%n", audit.missingNumbers());
      out.printf("duplicates found:  %d%n", audit.extraRows());
      out.printf("throughput:        %.0f transactions/s%n", total / seconds);
      out.println(ok ? "OK: no gap, no duplicate" : "PROBLEMS FOUND");
      return ok ? ExitCode.OK.code() : ExitCode.PROBLEMS.code();
    }
  }

  /**
   * One invoice in one transaction; false if it was rolled back on purpose. A transaction the
   * database rolled back (SQL state class 40: an InnoDB deadlock victim while a first use rolls
   * back, say) is run again, as an application would.
   */
  private boolean invoice(DSLContext dsl, GaplessSequence invoices) {
    for (int attempt = 1; ; attempt++) {
      try {
        return invoiceOnce(dsl, invoices);
      } catch (DataAccessException e) {
        if (attempt == MAX_ATTEMPTS || e.sqlState() == null || !e.sqlState().startsWith("40")) {
          throw e;
        }
      }
    }
  }

  private boolean invoiceOnce(DSLContext dsl, GaplessSequence invoices) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    boolean rollback = random.nextInt(100) < rollbackPercent;
    try {
      dsl.transaction(
          cfg -> {
            long number = invoices.nextValue(cfg.dsl());
            cfg.dsl()
                .execute(
                    "insert into " + INVOICE_TABLE + " (number, amount_cents) values (?, ?)",
                    number,
                    random.nextLong(100, 100_000));
            if (rollback) {
              throw new VoidedInvoice();
            }
          });
      return true;
    } catch (VoidedInvoice voided) {
      return false;
    }
  }

  private static final class VoidedInvoice extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VoidedInvoice() {
      super("payment declined: invoice voided", null, false, false);
    }
  }
}
