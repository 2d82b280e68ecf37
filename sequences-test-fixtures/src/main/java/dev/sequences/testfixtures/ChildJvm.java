package dev.sequences.testfixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} run in a JVM of its own, as a user's process would run it: for what only a new JVM
 * shows (another class path, the module path).
 *
 * @param exitCode the child's exit code
 * @param output what it printed, standard output and error together
 */
public record ChildJvm(int exitCode, String output) {

  /**
   * Runs {@code mainClass} with the JVM options {@code options} (a class path, a module path) in a
   * new JVM of this one's Java, jOOQ's logo and tips off, and waits for it at most two minutes.
   *
   * @throws IllegalStateException if it did not end in time
   */
  public static ChildJvm run(List<String> options, String mainClass)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dorg.jooq.no-logo=true");
    command.add("-Dorg.jooq.no-tips=true");
    command.addAll(options);
    command.add(mainClass);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the child JVM did not finish:\n" + output);
    }
    return new ChildJvm(process.exitValue(), output);
  }
}
