package dev.sequences.bench.interleaved;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs groups in rounds: each round every contender of a group once, their order rotated by one
 * place from round to round (over as many rounds as contenders, each runs in each place). Keeps
 * each contender's results and writes a CSV row per run.
 */
final class Rounds {

  static final String CSV_HEADER =
      "database,group,contender,threads,round,position,calls,seconds,throughput";

  private final String database;
  private final PrintWriter rows;
  private final Map<Group, Map<String, List<Result>>> results = new LinkedHashMap<>();

  Rounds(String database, PrintWriter rows) {
    this.database = database;
    this.rows = rows;
  }

  /** Every Java contender of {@code groups} once, for the JIT; not counted. */
  static void warmUp(List<Group> groups, double seconds) throws Exception {
    for (Group group : groups) {
      for (Contender contender : group.contenders()) {
        if (contender.isJava()) {
          contender.run(group.load().warmUp(seconds));
        }
      }
    }
  }

  void run(List<Group> groups, int rounds) throws Exception {
    for (int round = 0; round < rounds; round++) {
      for (Group group : groups) {
        List<Contender> order = new ArrayList<>(group.contenders());
        Collections.rotate(order, -round);
        for (int position = 0; position < order.size(); position++) {
          Contender contender = order.get(position);
          Result result = contender.run(group.load());
          results
              .computeIfAbsent(group, g -> new LinkedHashMap<>())
              .computeIfAbsent(contender.name, n -> new ArrayList<>())
              .add(result);
          record(group, contender, round + 1, position + 1, result);
        }
      }
    }
  }

  private void record(Group group, Contender contender, int round, int position, Result result) {
    rows.printf(
        Locale.ROOT,
        "%s,%s,%s,%d,%d,%d,%d,%.4f,%.1f%n",
        database,
        group.id(),
        contender.name,
        contender.threads,
        round,
        position,
        result.calls(),
        result.seconds(),
        result.throughput());
    rows.flush();
    System.out.printf(
        Locale.ROOT,
        "round %d %-6s %-48s %9.1f /s%n",
        round,
        group.id(),
        contender.name,
        result.throughput());
  }

  /** Each group's results so far: contender name to its runs, in round order. */
  Map<Group, Map<String, List<Result>>> results() {
    return results;
  }
}
