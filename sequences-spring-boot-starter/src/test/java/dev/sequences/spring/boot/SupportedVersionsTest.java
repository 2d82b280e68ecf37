package dev.sequences.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/** The start-up check of the jOOQ and Flyway versions, and its message. */
class SupportedVersionsTest {

  @Test
  void bootsManagedVersionsAreRefusedWithTheVersionsToSet() {
    IncompatibleVersionsException e = SupportedVersions.problem("3.19.39", "11.14.1").orElseThrow();
    assertEquals(
        "sequences needs jOOQ 3.21 or newer and Flyway 13 or newer (it is built with jOOQ 3.21.9"
            + " and Flyway 13.12.0), but the class path has jOOQ 3.19.39 and Flyway 11.14.1."
            + " Spring Boot "
            + SpringBootVersion.getVersion()
            + "'s dependency management picks older versions unless the build overrides them.",
        e.description());
    assertEquals(
        """
        Override the versions Spring Boot manages with those sequences is built with. Maven, in \
        the <properties> of your pom.xml:

            <jooq.version>3.21.9</jooq.version>
            <flyway.version>13.12.0</flyway.version>

        Gradle, in gradle.properties: jooq.version=3.21.9 and flyway.version=13.12.0. jOOQ 3.21 \
        needs Java 21 or newer.""",
        e.action());
  }

  @Test
  void onlyTheTooOldOneIsNamed() {
    assertTrue(
        SupportedVersions.problem("3.21.9", "12.4.0")
            .orElseThrow()
            .description()
            .contains("the class path has Flyway 12.4.0."));
    assertTrue(
        SupportedVersions.problem("3.20.11", "13.12.1")
            .orElseThrow()
            .description()
            .contains("the class path has jOOQ 3.20.11."));
  }

  @Test
  void theBuiltVersionsAndNewerPass() {
    for (String[] versions :
        new String[][] {
          {"3.21.0", "13.0.0"},
          {"3.21.9", "13.12.0"},
          {"3.22.1", "14.0.0"},
          {"4.0.0", "13.12.1"},
          {"3.21.9-SNAPSHOT", "13.12.0"},
          {null, null}
        }) {
      assertEquals(
          java.util.Optional.empty(),
          SupportedVersions.problem(versions[0], versions[1]),
          String.join(" ", String.valueOf(versions[0]), String.valueOf(versions[1])));
    }
  }

  @Test
  void thisBuildsClassPathPasses() {
    assertEquals("3.21.9", SupportedVersions.runtimeJooq());
    assertEquals("13.12.0", SupportedVersions.runtimeFlyway());
    SupportedVersions.check();
  }
}
