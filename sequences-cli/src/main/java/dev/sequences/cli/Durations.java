package dev.sequences.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators type them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO. */
final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

  private Durations() {}

  /**
   * The duration {@code text} names.
   *
   * @throws CliException (usage) naming {@code option} if {@code text} is no duration
   */
  static Duration parse(String option, String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(lower);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new CliException(
          ExitCode.USAGE,
          option + " '" + text + "' is not a duration: use 500ms, 5s, 2m, 1h or ISO-8601 (PT5S)");
    }
  }
}
