package dev.sequences.jooq;

import java.util.Objects;

/** The rules for sequence names, and how messages show them. */
final class Names {

  private Names() {}

  /**
   * {@code name} if it is a valid name for a plain sequence: {@link #checkText} and not reserved
   * (not starting with {@link ReservedCounters#PREFIX}).
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException saying why, if it is not valid
   */
  static String check(String name) {
    checkText(name);
    if (name.startsWith(ReservedCounters.PREFIX)) {
      throw new IllegalArgumentException(
          "sequence name "
              + quote(name)
              + " starts with '"
              + ReservedCounters.PREFIX
              + "', which is reserved for the counters of number series (NumberSeries in"
              + " sequences-series, which records every number in its ledger): choose a name"
              + " that does not start with it");
    }
    return name;
  }

  /**
   * {@code name} if it can be a counter's name: 1 to {@link GaplessSequence#MAX_NAME_LENGTH} code
   * points of well-formed text, not only white space, without NUL.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException saying why, if it is not valid
   */
  static String checkText(String name) {
    Objects.requireNonNull(name, "a sequence name cannot be null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a sequence name cannot be empty");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "a sequence name cannot be only white space (" + quote(name) + ")");
    }
    int length = name.codePointCount(0, name.length());
    if (length > GaplessSequence.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "sequence name "
              + quote(name.substring(0, name.offsetByCodePoints(0, 20)) + "...")
              + " has "
              + length
              + " code points; the most is "
              + GaplessSequence.MAX_NAME_LENGTH);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\0') {
        throw new IllegalArgumentException(
            "sequence name "
                + quote(name)
                + " holds a NUL character, which PostgreSQL cannot store");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "sequence name "
                + quote(name)
                + " holds an unpaired UTF-16 surrogate at index "
                + i
                + ", which no database can store as text");
      }
    }
    return name;
  }

  /** "sequence 'name'", as every message names a sequence. */
  static String describe(String name) {
    return "sequence " + quote(name);
  }

  static String quote(String name) {
    return "'" + name.replace("\0", "\\0") + "'";
  }
}
