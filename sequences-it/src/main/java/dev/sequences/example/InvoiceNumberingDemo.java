package dev.sequences.example;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Issues invoice numbers from several threads on an embedded H2 database, rolls a share of the
 * transactions back on purpose, and then checks that the committed invoices are numbered 1..K with no
 * gap and no duplicate.
 */
public final class InvoiceNumberingDemo {

  private static final GaplessSequence INVOICES = GaplessSequence.named("invoices-2026");

  private InvoiceNumberingDemo() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int transactionsPerThread = args.length > 1 ? Integer.parseInt(args[1]) : 250;

    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    SequencesSchema.migrate(dataSource);
    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    dsl.execute("create table invoice (number bigint primary key, amount_cents bigint not null)");

    AtomicInteger committed = new AtomicInteger();
    AtomicInteger rolledBack = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = 0; i < transactionsPerThread; i++) {
                  try {
                    dsl.transaction(
                        cfg -> {
                          long number = INVOICES.nextValue(cfg.dsl());
                          long amount = ThreadLocalRandom.current().nextLong(100, 100_000);
                          cfg.dsl().execute("insert into invoice values (?, ?)", number, amount);
                          if (ThreadLocalRandom.current().nextInt(5) == 0) {
                            throw new IllegalStateException("payment declined: invoice voided");
                          }
                        });
                    committed.incrementAndGet();
                  } catch (IllegalStateException voided) {
                    rolledBack.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;

    List<Long> numbers = dsl.fetch("select number from invoice order by number").getValues(0, Long.class);
    long gaps = 0;
    for (int i = 0; i < numbers.size(); i++) {
      if (numbers.get(i) != i + 1) {
        gaps++;
      }
    }
    long distinct = numbers.stream().distinct().count();
    long last = INVOICES.lastValue(dsl).orElse(0);

    System.out.printf("threads:               %d%n", threads);
    System.out.printf("transactions:          %d%n", threads * transactionsPerThread);
    System.out.printf("committed:             %d%n", committed.get());
    System.out.printf("rolled back:           %d%n", rolledBack.get());
    System.out.printf("invoice numbers:       1..%d%n", numbers.isEmpty() ? 0 : numbers.getLast());
    System.out.printf("counter's last value:  %d%n", last);
    System.out.printf("gaps:                  %d%n", gaps);
    System.out.printf("duplicates:            %d%n", numbers.size() - distinct);
    System.out.printf("throughput:            %.0f transactions/s%n", threads * transactionsPerThread / seconds);
    boolean ok = gaps == 0 && distinct == numbers.size() && last == numbers.size()
        && numbers.size() == committed.get();
    System.out.println(ok ? "OK: no gap, no duplicate" : "FAILED: the numbering has gaps or duplicates");
    if (!ok) {
      System.exit(1);
    }
  }
}
