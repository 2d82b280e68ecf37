package dev.sequences.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootVersion;

/**
 * The jOOQ and Flyway versions the library needs, checked against those on the class path before
 * any bean is created: the library is built with jOOQ {@code 3.21} and Flyway {@code 13}, while
 * Spring Boot 4.0 manages jOOQ 3.19 and Flyway 11 unless the build overrides {@code jooq.version}
 * and {@code flyway.version}.
 *
 * <p>The minimum is the built version's jOOQ minor release (3.21) and Flyway major release (13):
 * the versions tested. The built versions come from {@value #BUILT}, written by the build.
 */
final class SupportedVersions {

  static final String BUILT = "dev/sequences/spring/boot/versions.properties";

  private SupportedVersions() {}

  /**
   * @throws IncompatibleVersionsException if the class path's jOOQ or Flyway is too old
   */
  static void check() {
    Optional<IncompatibleVersionsException> problem = problem(runtimeJooq(), runtimeFlyway());
    if (problem.isPresent()) {
      throw problem.get();
    }
  }

  /** The failure for these versions found on the class path, if any; null means unknown. */
  static Optional<IncompatibleVersionsException> problem(
      @Nullable String jooq, @Nullable String flyway) {
    Properties built = built();
    String builtJooq = built.getProperty("jooq.version");
    String builtFlyway = built.getProperty("flyway.version");
    String minJooq = leading(builtJooq, 2);
    String minFlyway = leading(builtFlyway, 1);
    List<String> tooOld = new ArrayList<>();
    if (jooq != null && compare(jooq, minJooq) < 0) {
      tooOld.add("jOOQ " + jooq);
    }
    if (flyway != null && compare(flyway, minFlyway) < 0) {
      tooOld.add("Flyway " + flyway);
    }
    if (tooOld.isEmpty()) {
      return Optional.empty();
    }
    String description =
        "sequences needs jOOQ "
            + minJooq
            + " or newer and Flyway "
            + minFlyway
            + " or newer (it is built with jOOQ "
            + builtJooq
            + " and Flyway "
            + builtFlyway
            + "), but the class path has "
            + String.join(" and ", tooOld)
            + ". Spring Boot "
            + SpringBootVersion.getVersion()
            + "'s dependency management picks older versions unless the build overrides them.";
    String action =
        "Override the versions Spring Boot manages with those sequences is built with. Maven, in"
            + " the <properties> of your pom.xml:\n\n"
            + "    <jooq.version>"
            + builtJooq
            + "</jooq.version>\n"
            + "    <flyway.version>"
            + builtFlyway
            + "</flyway.version>\n\n"
            + "Gradle, in gradle.properties: jooq.version="
            + builtJooq
            + " and flyway.version="
            + builtFlyway
            + ". jOOQ "
            + minJooq
            + " needs Java 21 or newer.";
    return Optional.of(new IncompatibleVersionsException(description, action));
  }

  /** jOOQ's version, read at run time (the constant would be inlined at compile time). */
  static @Nullable String runtimeJooq() {
    try {
      return (String) Class.forName("org.jooq.Constants").getField("VERSION").get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Flyway's version, from the file flyway-core keeps it in, else from its jar's manifest. */
  static @Nullable String runtimeFlyway() {
    try (InputStream version =
        Flyway.class
            .getClassLoader()
            .getResourceAsStream("org/flywaydb/core/internal/version.txt")) {
      if (version != null) {
        return new String(version.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    return Flyway.class.getPackage().getImplementationVersion();
  }

  private static Properties built() {
    Properties built = new Properties();
    try (InputStream in = SupportedVersions.class.getClassLoader().getResourceAsStream(BUILT)) {
      if (in == null) {
        throw new IllegalStateException(BUILT + " is missing from the sequences starter's jar");
      }
      built.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return built;
  }

  /** The first {@code parts} dot-separated numbers of {@code version}: "3.21.9", 2 → "3.21". */
  static String leading(String version, int parts) {
    String[] numbers = version.split("\\.");
    return String.join(".", List.of(numbers).subList(0, Math.min(parts, numbers.length)));
  }

  /** Compares dotted versions by their leading numbers, as far as {@code minimum} goes. */
  static int compare(String version, String minimum) {
    String[] have = version.split("[.-]");
    String[] need = minimum.split("\\.");
    for (int i = 0; i < need.length; i++) {
      int h = i < have.length ? number(have[i]) : 0;
      int n = Integer.parseInt(need[i]);
      if (h != n) {
        return Integer.compare(h, n);
      }
    }
    return 0;
  }

  private static int number(String part) {
    int end = 0;
    while (end < part.length() && Character.isDigit(part.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
  }
}
