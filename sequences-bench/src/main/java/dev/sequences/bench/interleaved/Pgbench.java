package dev.sequences.bench.interleaved;

import dev.sequences.bench.BenchDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** pgbench in a subprocess against the same database, with a script of {@code pgbench/}. */
final class Pgbench extends Contender {

  private static final Pattern URL =
      Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");
  private static final Pattern TPS =
      Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern PROCESSED =
      Pattern.compile("number of transactions actually processed: (\\d+)");

  private final String protocol;
  private final BenchDatabase db;
  private final Path script;
  private final List<String> variables;

  /**
   * @param protocol pgbench's {@code -M}
   * @param variables pgbench's {@code -D name=value}
   */
  Pgbench(
      String protocol,
      BenchDatabase db,
      String name,
      int clients,
      Path script,
      String... variables) {
    super(name, clients);
    this.protocol = protocol;
    this.db = db;
    this.script = script;
    this.variables = List.of(variables);
  }

  @Override
  boolean isJava() {
    return false;
  }

  @Override
  Result run(Load load) throws Exception {
    // The server's limit (100 by default) is below a 64-thread pool plus 64 pgbench clients.
    if (db.pool.getHikariPoolMXBean().getTotalConnections() + threads > 80) {
      db.closeIdleConnections();
    }
    List<String> command = command(load);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    String password = System.getenv("SEQUENCES_TEST_POSTGRES_PASSWORD");
    if (password != null) {
      builder.environment().put("PGPASSWORD", password);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    Matcher tps = TPS.matcher(output);
    Matcher processed = PROCESSED.matcher(output);
    if (exit != 0 || !tps.find() || !processed.find()) {
      throw new IllegalStateException(
          name + ": " + String.join(" ", command) + " exited with " + exit + ":\n" + output);
    }
    long calls = Long.parseLong(processed.group(1));
    return new Result(calls, calls / Double.parseDouble(tps.group(1)));
  }

  /** pgbench's command line for {@code load}, against the database of the tests' variables. */
  private List<String> command(Load load) {
    String url = System.getenv("SEQUENCES_TEST_POSTGRES_URL");
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalStateException("pgbench needs host, port and database in " + url);
    }
    List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", protocol));
    command.addAll(List.of("-h", m.group(1), "-p", m.group(2) == null ? "5432" : m.group(2)));
    command.addAll(List.of("-U", System.getenv("SEQUENCES_TEST_POSTGRES_USER")));
    command.addAll(List.of("-c", "" + threads, "-j", "" + Math.min(2, threads)));
    command.addAll(
        load.seconds() > 0
            ? List.of("-T", "" + Math.max(1, Math.round(load.seconds())))
            : List.of("-t", "" + load.callsPerThread()));
    for (String variable : variables) {
      command.addAll(List.of("-D", variable));
    }
    command.addAll(List.of("-f", script.toString(), m.group(3)));
    return command;
  }
}
