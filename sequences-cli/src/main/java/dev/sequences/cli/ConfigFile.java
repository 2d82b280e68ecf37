package dev.sequences.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The connection settings' file ({@code --config}, or {@code ./sequences.conf}): Java properties
 * with the keys {@code url}, {@code user}, {@code password}, {@code counter-schema} and {@code
 * counter-table}. An unknown key is a usage error, so that a typo does not pass unseen.
 */
final class ConfigFile {

  static final Set<String> KEYS =
      Set.of("url", "user", "password", "counter-schema", "counter-table");

  private final @Nullable Path path;
  private final Properties properties;

  private ConfigFile(@Nullable Path path, Properties properties) {
    this.path = path;
    this.properties = properties;
  }

  /**
   * The file at {@code path}; none if it does not exist and is not {@code required}.
   *
   * @throws CliException a usage error if a required file is missing, it cannot be read, or it has
   *     a key other than {@link #KEYS}
   */
  static ConfigFile read(Path path, boolean required) {
    if (!Files.exists(path)) {
      if (required) {
        throw new CliException(ExitCode.USAGE, "--config " + path + ": no such file");
      }
      return new ConfigFile(null, new Properties());
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "cannot read " + path + ": " + e.getMessage(), e);
    }
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new CliException(
          ExitCode.USAGE,
          path
              + ": unknown key "
              + String.join(", ", unknown)
              + "; the keys are url, user, password, counter-schema and counter-table");
    }
    return new ConfigFile(path, properties);
  }

  /** The value of {@code key}, or null if the file has none (or there is no file). */
  @Nullable String get(String key) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The file for a message: its path, or where the default one would be. */
  String describe() {
    return path == null
        ? "./" + SequencesCli.DEFAULT_CONFIG + " (or --config FILE)"
        : path.toString();
  }
}
