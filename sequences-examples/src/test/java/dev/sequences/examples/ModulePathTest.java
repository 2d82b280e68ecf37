package dev.sequences.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequences.testfixtures.ChildJvm;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published modules on the module path, as named modules (their {@code module-info}), with jOOQ
 * and Flyway as modules too: the migrations are found, the quick start runs, and a transaction of
 * jOOQ's {@code ThreadLocalTransactionProvider} is recognised. Everything else (H2, Flyway's own
 * dependencies, Spring, this test) stays on the class path.
 */
class ModulePathTest {

  /** What goes on the module path: the library's modules and the modules they require. */
  private static final Predicate<String> MODULES =
      entry ->
          entry.matches(".*[/\\\\]sequences-(jooq|schema)[/\\\\].*")
              || entry.matches(
                  ".*[/\\\\](jooq|r2dbc-spi|reactive-streams|flyway-core|jspecify|slf4j-api)-[0-9][^/\\\\]*\\.jar");

  @Test
  void theModulesRunOnTheModulePath() throws Exception {
    Map<Boolean, List<String>> entries =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .collect(Collectors.partitioningBy(MODULES));
    assertEquals(8, entries.get(true).size(), "module path: " + entries.get(true));
    ChildJvm child =
        ChildJvm.run(
            List.of(
                "--module-path",
                String.join(File.pathSeparator, entries.get(true)),
                "--add-modules",
                "dev.sequences.schema",
                "-cp",
                String.join(File.pathSeparator, entries.get(false))),
            ModulePathMain.class.getName());
    String output = child.output();
    assertEquals(0, child.exitCode(), output);
    assertEquals(
        List.of(
            "modules: dev.sequences.jooq dev.sequences.schema org.jooq",
            "invoice 1",
            "rolled back: a negative total; number 2 is given back",
            "invoice 2",
            "last value: 2",
            "thread-local: 1 rolled back, then 1 2"),
        output.lines().filter(line -> !line.startsWith("SLF4J")).toList(),
        output);
  }
}
