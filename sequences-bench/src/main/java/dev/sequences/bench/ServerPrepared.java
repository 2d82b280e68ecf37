package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code nextValue} on one PostgreSQL connection with PgJDBC's server-side prepared statements (its
 * default: from the fifth execution of one text on a connection) against never ({@code
 * prepareThreshold=0}), in alternating rounds: what rendering the same text every time is worth.
 *
 * <p>{@code java -cp sequences-bench/target/benchmarks.jar dev.sequences.bench.ServerPrepared},
 * with {@code SEQUENCES_TEST_POSTGRES_URL} (no query string), {@code _USER} and {@code _PASSWORD}.
 */
public final class ServerPrepared {

  private ServerPrepared() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("SEQUENCES_TEST_POSTGRES_URL");
    int rounds = 7, calls = 3000;
    Map<String, List<Double>> us = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (String threshold : List.of("5", "0")) {
        try (Connection c =
            DriverManager.getConnection(
                url + "?prepareThreshold=" + threshold,
                System.getenv("SEQUENCES_TEST_POSTGRES_USER"),
                System.getenv("SEQUENCES_TEST_POSTGRES_PASSWORD"))) {
          c.setAutoCommit(false);
          DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
          GaplessSequence seq = GaplessSequence.named("prepared-" + threshold);
          for (int i = 0; i < 200; i++) seq.nextValue(dsl);
          long t = System.nanoTime();
          for (int i = 0; i < calls; i++) seq.nextValue(dsl);
          us.computeIfAbsent(threshold, k -> new ArrayList<>())
              .add((System.nanoTime() - t) / 1000.0 / calls);
          c.rollback();
        }
      }
    }
    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < rounds; r++) ratios.add(us.get("0").get(r) / us.get("5").get(r));
    Collections.sort(ratios);
    System.out.println("µs per nextValue, server-prepared (prepareThreshold=5): " + us.get("5"));
    System.out.println(
        "µs per nextValue, never server-prepared (prepareThreshold=0): " + us.get("0"));
    System.out.printf(
        "never / server-prepared: median %.2f (min %.2f, max %.2f)%n",
        ratios.get(rounds / 2), ratios.get(0), ratios.get(rounds - 1));
  }
}
