package dev.sequences.it.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.testfixtures.ChildJvm;
import java.io.File;
import java.util.Arrays;
import java.util.List;
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
    ChildJvm child = ChildJvm.run(List.of("-cp", classPath), WithoutSpringMain.class.getName());
    String output = child.output();
    assertEquals(0, child.exitCode(), output);
    List<String> lines = output.lines().toList();
    assertEquals("1 2 IllegalStateException", lines.getLast(), output);
  }
}
