package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceListener;
import dev.sequences.micrometer.MicrometerSequenceListener;
import dev.sequences.micrometer.SequenceTags;
import dev.sequences.schema.SequencesSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@link ListenerBenchmark}'s calls measured in the thread's CPU time instead of wall-clock time,
 * the variants interleaved round by round, for a machine whose cores other processes share: their
 * load lengthens wall-clock times (and JMH's intervals) far more than the CPU time a call uses.
 * Prints, per variant, the median and the quartiles of the rounds' CPU nanoseconds per call.
 *
 * <p>{@code java -cp sequences-bench/target/benchmarks.jar dev.sequences.bench.ListenerCpuTime
 * [rounds] [callsPerRound] [variantRegex]}
 */
public final class ListenerCpuTime {

  private static final GaplessSequence SEQUENCE = GaplessSequence.named("bench-listener-cpu");

  private ListenerCpuTime() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    try (Connection connection = h2("bench-listener-cpu")) {
      Map<String, DSLContext> variants = variants(connection);
      if (args.length > 2) {
        variants.keySet().removeIf(name -> !name.matches(args[2]));
      }
      run(connection, variants, rounds, calls);
    }
  }

  /** A connection out of auto-commit to the in-memory H2 database {@code name}, migrated. */
  static Connection h2(String name) throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    SequencesSchema.migrate(dataSource);
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    return connection;
  }

  /**
   * Contexts on {@code connection} by variant: without a listener, with a listener that does
   * nothing, with {@code MicrometerSequenceListener} on a {@code SimpleMeterRegistry}, untagged and
   * tagged by name.
   */
  static Map<String, DSLContext> variants(Connection connection) {
    DSLContext without = DSL.using(connection, SQLDialect.H2);
    Map<String, DSLContext> variants = new LinkedHashMap<>();
    variants.put("withoutListener", without);
    variants.put(
        "noOpListener",
        DSL.using(SequenceListener.install(without.configuration().derive(), e -> {})));
    variants.put(
        "micrometerListener",
        DSL.using(
            new MicrometerSequenceListener(new SimpleMeterRegistry())
                .installOn(without.configuration().derive())));
    Configuration byName = without.configuration().derive();
    new MicrometerSequenceListener(new SimpleMeterRegistry(), SequenceTags.name())
        .installOn(byName);
    variants.put("micrometerListenerTaggedByName", DSL.using(byName));
    return variants;
  }

  /** Warms up for as many rounds as it measures, then prints each variant's CPU ns per call. */
  static void run(Connection connection, Map<String, DSLContext> variants, int rounds, int calls)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<String> names = new ArrayList<>(variants.keySet());
    Map<String, long[]> perCall = new LinkedHashMap<>();
    names.forEach(name -> perCall.put(name, new long[rounds]));
    for (int round = -rounds; round < rounds; round++) {
      for (int v = 0; v < names.size(); v++) {
        // Each round starts with another variant, so that none always follows the same one.
        String name = names.get(Math.floorMod(round + v, names.size()));
        DSLContext ctx = variants.get(name);
        long started = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
          SEQUENCE.nextValue(ctx);
        }
        long cpu = threads.getCurrentThreadCpuTime() - started;
        connection.commit();
        if (round >= 0) {
          perCall.get(name)[round] = cpu / calls;
        }
      }
    }
    System.out.printf("%-32s %12s %12s %12s%n", "variant", "p25 ns", "median ns", "p75 ns");
    for (Map.Entry<String, long[]> entry : perCall.entrySet()) {
      long[] sorted = entry.getValue().clone();
      Arrays.sort(sorted);
      System.out.printf(
          "%-32s %12d %12d %12d%n",
          entry.getKey(), sorted[rounds / 4], sorted[rounds / 2], sorted[rounds * 3 / 4]);
    }
  }
}
