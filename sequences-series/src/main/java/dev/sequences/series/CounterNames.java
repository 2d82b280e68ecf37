package dev.sequences.series;

import dev.sequences.jooq.ReservedCounters;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The name of the counter row of one (series, scope, period): {@code
 * series:<series>/<scope>/<period>}, for example {@code series:invoices/acme/2026}, where a {@code
 * /} or {@code \} inside the series name or the scope is written {@code \/} or {@code \\}. {@code
 * series:} is the reserved prefix ({@link ReservedCounters#PREFIX}) that plain {@code
 * GaplessSequence} names cannot take; period labels never hold either character. So distinct
 * (series, scope, period) triples always have distinct names, and the longest name, {@code 7 + 30 +
 * 1 + 50 + 1 + 10} code points, fits the counter table's 100.
 */
final class CounterNames {

  /** The longest series name, in code points, each {@code /} or {@code \} counting twice. */
  static final int MAX_SERIES = 30;

  /** The longest scope, in code points, each {@code /} or {@code \} counting twice. */
  static final int MAX_SCOPE = 50;

  private CounterNames() {}

  /** The counter's name of {@code series} (checked), {@code scope} (checked) and {@code period}. */
  static String of(String series, String scope, String period) {
    return ReservedCounters.PREFIX + escape(series) + "/" + escape(scope) + "/" + period;
  }

  /**
   * The void counter of {@code counter}: {@code counter} and {@code #}, counting the numbers voided
   * there, as the counter counts those issued. No period label holds {@code #}, so it names no
   * other counter, and it is at most 100 code points long.
   */
  static String voidsOf(String counter) {
    return counter + "#";
  }

  /**
   * The series, scope and period of the counter called {@code name}; null if {@code name} is not
   * the name of a series' counter (another sequence, a void counter).
   */
  static String @Nullable [] parse(String name) {
    if (!name.startsWith(ReservedCounters.PREFIX)) {
      return null;
    }
    String[] parts = new String[3];
    StringBuilder part = new StringBuilder();
    int index = 0;
    for (int i = ReservedCounters.PREFIX.length(); i < name.length(); i++) {
      char c = name.charAt(i);
      if (index == 2) {
        part.append(c);
      } else if (c == '\\' && i + 1 < name.length()) {
        part.append(name.charAt(++i));
      } else if (c == '/') {
        parts[index++] = part.toString();
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    if (index != 2 || !SeriesPeriod.isLabel(part.toString())) {
      return null;
    }
    parts[2] = part.toString();
    return parts;
  }

  /**
   * {@code name} if it may name a series.
   *
   * @throws IllegalArgumentException if it is empty, blank, too long, or not well-formed text
   */
  static String checkSeries(String name) {
    Objects.requireNonNull(name, "a series name cannot be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "a series name cannot be empty or only white space ('" + name + "')");
    }
    return check("series name", name, MAX_SERIES);
  }

  /**
   * {@code scope} if it may be a scope (the empty string is the scope of a series without scopes).
   *
   * @throws IllegalArgumentException if it is too long or not well-formed text
   */
  static String checkScope(String scope) {
    Objects.requireNonNull(scope, "a scope cannot be null: pass \"\" for none");
    return check("scope", scope, MAX_SCOPE);
  }

  private static String check(String what, String text, int longest) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        throw new IllegalArgumentException(what + " '" + text + "' holds a NUL character");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what + " holds an unpaired UTF-16 surrogate at index " + i);
      }
    }
    int length = escapedLength(text);
    if (length > longest) {
      throw new IllegalArgumentException(
          what
              + " '"
              + text.substring(
                  0,
                  text.offsetByCodePoints(0, Math.min(20, text.codePointCount(0, text.length()))))
              + "...' is "
              + length
              + " code points long (each / or \\ counting twice); the most is "
              + longest);
    }
    return text;
  }

  /** Code points of {@code text} once escaped. */
  static int escapedLength(String text) {
    int length = text.codePointCount(0, text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' || c == '\\') {
        length++;
      }
    }
    return length;
  }

  private static String escape(String text) {
    if (text.indexOf('/') < 0 && text.indexOf('\\') < 0) {
      return text;
    }
    return text.replace("\\", "\\\\").replace("/", "\\/");
  }
}
