package dev.sequences.series;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed pattern of {@link NumberSeries#formatted}: literal text and placeholders.
 *
 * <ul>
 *   <li>{@code {n}} the number; {@code {n:6}} zero-padded to at least 6 digits (1 to 19; a wider
 *       number is never cut);
 *   <li>{@code {yyyy}}, {@code {yy}}, {@code {MM}}, {@code {dd}}: the document date's year (four
 *       digits), year (last two), month and day (two digits each);
 *   <li>{@code {period}}: the period's label ({@link SeriesPeriod#labelOf}); {@code {scope}}: the
 *       scope;
 *   <li><code>{{</code> and <code>}}</code> for literal braces.
 * </ul>
 *
 * <p>A pattern must hold the number at least once. Anything else in braces, an unmatched brace, a
 * NUL character or an unpaired surrogate is refused.
 */
final class NumberPattern {

  /** The most digits a {@code long} number has. */
  private static final int LONGEST_NUMBER = 19;

  private sealed interface Part {}

  private record Literal(String text) implements Part {}

  private record Number(int width) implements Part {}

  private enum Placeholder implements Part {
    YYYY,
    YY,
    MM,
    DD,
    PERIOD,
    SCOPE
  }

  private final String source;
  private final List<Part> parts;

  private NumberPattern(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
  }

  /** The default pattern, the number alone. */
  static final NumberPattern NUMBER_ONLY = parse("{n}");

  /**
   * Parses {@code pattern}.
   *
   * @throws IllegalArgumentException saying what is wrong and where
   */
  static NumberPattern parse(String pattern) {
    Objects.requireNonNull(pattern, "a pattern cannot be null");
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    boolean number = false;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\0') {
        throw bad(pattern, "holds a NUL character");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < pattern.length()
          && Character.isLowSurrogate(pattern.charAt(i + 1))) {
        literal.append(c).append(pattern.charAt(i + 1));
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw bad(pattern, "holds an unpaired UTF-16 surrogate at index " + i);
      }
      if (c == '}') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
          literal.append('}');
          i += 2;
          continue;
        }
        throw bad(pattern, "has a '}' at index " + i + " that closes nothing (write }} for one)");
      }
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
        literal.append('{');
        i += 2;
        continue;
      }
      int close = pattern.indexOf('}', i);
      if (close < 0) {
        throw bad(pattern, "has a '{' at index " + i + " that is never closed (write {{ for one)");
      }
      String name = pattern.substring(i + 1, close);
      Part part = placeholder(pattern, name);
      number |= part instanceof Number;
      if (!literal.isEmpty()) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      parts.add(part);
      i = close + 1;
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    if (!number) {
      throw bad(pattern, "does not hold the number: add {n} or {n:6}");
    }
    return new NumberPattern(pattern, List.copyOf(parts));
  }

  private static Part placeholder(String pattern, String name) {
    switch (name) {
      case "n":
        return new Number(1);
      case "yyyy":
        return Placeholder.YYYY;
      case "yy":
        return Placeholder.YY;
      case "MM":
        return Placeholder.MM;
      case "dd":
        return Placeholder.DD;
      case "period":
        return Placeholder.PERIOD;
      case "scope":
        return Placeholder.SCOPE;
      default:
        break;
    }
    if (name.startsWith("n:")) {
      String digits = name.substring(2);
      if (digits.matches("[0-9]{1,2}")) {
        int width = Integer.parseInt(digits);
        if (width >= 1 && width <= LONGEST_NUMBER) {
          return new Number(width);
        }
      }
      throw bad(
          pattern,
          "pads the number to '" + digits + "' digits: give 1 to " + LONGEST_NUMBER + ", as {n:6}");
    }
    throw bad(
        pattern,
        "has an unknown placeholder {"
            + name
            + "}: use {n}, {n:6}, {yyyy}, {yy}, {MM}, {dd}, {period} or {scope}, and {{ or }} for"
            + " braces");
  }

  private static IllegalArgumentException bad(String pattern, String problem) {
    return new IllegalArgumentException("pattern '" + pattern + "' " + problem);
  }

  /** The pattern as written. */
  String source() {
    return source;
  }

  /** The text of number {@code n} (not negative) of a document dated {@code date}. */
  String format(long n, LocalDate date, String period, String scope) {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      switch (part) {
        case Literal literal -> text.append(literal.text());
        case Number number -> {
          String digits = Long.toString(n);
          text.repeat('0', Math.max(0, number.width() - digits.length())).append(digits);
        }
        case Placeholder placeholder -> {
          switch (placeholder) {
            case YYYY -> text.append(String.format("%04d", date.getYear()));
            case YY -> text.append(String.format("%02d", date.getYear() % 100));
            case MM -> text.append(String.format("%02d", date.getMonthValue()));
            case DD -> text.append(String.format("%02d", date.getDayOfMonth()));
            case PERIOD -> text.append(period);
            case SCOPE -> text.append(scope);
          }
        }
      }
    }
    return text.toString();
  }

  /**
   * What this pattern lacks to print different texts in different periods of {@code period}, as the
   * refusal's message words it ({@code "{period} or {MM}"}); null if it has {@code {period}} or
   * every date placeholder the period's labels need. {@code {yy}} stands for {@code {yyyy}}: it
   * tells apart the years of one century.
   */
  @Nullable String lacksToTellApart(SeriesPeriod period) {
    List<String> needed = period.datePlaceholders();
    if (needed.isEmpty() || parts.contains(Placeholder.PERIOD)) {
      return null;
    }
    List<String> missing = new ArrayList<>();
    for (String placeholder : needed) {
      boolean present =
          switch (placeholder) {
            case "{yyyy}" -> parts.contains(Placeholder.YYYY) || parts.contains(Placeholder.YY);
            case "{MM}" -> parts.contains(Placeholder.MM);
            default -> parts.contains(Placeholder.DD);
          };
      if (!present) {
        missing.add(placeholder);
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    String last = missing.removeLast();
    return "{period} or " + (missing.isEmpty() ? "" : String.join(", ", missing) + " and ") + last;
  }

  /**
   * The most code points the text of any number can have, in {@code scope} and a period labelled
   * {@code period}: every number counted with the 19 digits of the widest {@code long}.
   */
  int longestText(String period, String scope) {
    int longest = 0;
    for (Part part : parts) {
      longest +=
          switch (part) {
            case Literal literal -> literal.text().codePointCount(0, literal.text().length());
            case Number number -> Math.max(number.width(), LONGEST_NUMBER);
            case Placeholder placeholder ->
                switch (placeholder) {
                  case YYYY -> 4;
                  case YY, MM, DD -> 2;
                  case PERIOD -> period.length();
                  case SCOPE -> scope.codePointCount(0, scope.length());
                };
          };
    }
    return longest;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NumberPattern that && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
