package dev.sequences.it.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Spring is an optional dependency of sequences-jooq: without it on the class path all works. */
class WithoutSpringTest {

  @Test
  void theLibraryRunsWithoutSpringOnTheClassPath() throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("springframework"))
            .collect(Collectors.joining(File.pathSeparator));
    assertTrue(
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .anyMatch(entry -> entry.contains("springframework")),
        "the test's own class path has Spring, so leaving it out means something");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dorg.jooq.no-logo=true",
                    "-Dorg.jooq.no-tips=true",
                    "-cp",
                    classPath,
                    WithoutSpringMain.class.getName()))
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the child JVM did not finish");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    List<String> lines = output.lines().toList();
    assertEquals("1 2 IllegalStateException", lines.getLast(), output);
  }
}
