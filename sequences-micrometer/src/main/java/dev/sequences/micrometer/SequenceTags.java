package dev.sequences.micrometer;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which value, if any, the {@value #TAG} tag of a call's meters takes: a map from sequence names to
 * a small, bounded set of values. Every distinct value is a meter of its own (a time series in
 * Prometheus), so a value per name is only right for a fixed set of names: an application that
 * keeps one sequence per year, month or company (for example {@code invoices-2026}, {@code
 * invoices-acme}) must map them to their family ({@link #byPrefix}, {@link #mapping}), or leave the
 * tag out ({@link #none()}, the default). Whatever the strategy, {@link MicrometerSequenceListener}
 * keeps at most {@value MicrometerSequenceListener#MAX_SEQUENCE_TAG_VALUES} distinct values and
 * records the calls of any further ones under {@value #OTHER}.
 *
 * <p>Instances are immutable and thread-safe; the map runs on the caller's thread for every call,
 * so it must be quick and must not fail.
 */
public final class SequenceTags {

  /** The tag's key. */
  public static final String TAG = "sequence";

  /** The value of names that a strategy maps to no value of its own. */
  public static final String OTHER = "other";

  private static final SequenceTags NONE = new SequenceTags("none", List.of(), null);

  private static final SequenceTags NAME = new SequenceTags("name", List.of(), name -> name);

  private final String kind;
  private final List<String> prefixes;
  private final @Nullable Function<String, String> mapping;

  private SequenceTags(
      String kind, List<String> prefixes, @Nullable Function<String, String> mapping) {
    this.kind = kind;
    this.prefixes = prefixes;
    this.mapping = mapping;
  }

  /**
   * No {@value #TAG} tag: one set of meters for all sequences (the default).
   *
   * @return the strategy without tag
   */
  public static SequenceTags none() {
    return NONE;
  }

  /**
   * The sequence's name as it is. Only for applications with a fixed, small set of sequences (names
   * made of a year, a period or a customer grow without bound).
   *
   * @return the strategy that tags each name as it is
   */
  public static SequenceTags name() {
    return NAME;
  }

  /**
   * The first of {@code prefixes}, in the order given, that the name starts with, else {@value
   * #OTHER}: {@code byPrefix("invoices-", "credit-notes-")} tags {@code invoices-2026} and {@code
   * invoices-2027} as {@code invoices-}, {@code credit-notes-acme} as {@code credit-notes-} and
   * {@code default} as {@code other}.
   *
   * @param prefixes the prefixes, in the order they are tried
   * @return the strategy that tags each name with its first matching prefix
   * @throws IllegalArgumentException if no prefix is given, or one is empty
   */
  public static SequenceTags byPrefix(String... prefixes) {
    List<String> list = List.of(prefixes);
    if (list.isEmpty() || list.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("give one or more non-empty prefixes: " + list);
    }
    return new SequenceTags(
        "byPrefix",
        list,
        name -> {
          for (String prefix : list) {
            if (name.startsWith(prefix)) {
              return prefix;
            }
          }
          return OTHER;
        });
  }

  /**
   * The value {@code mapping} gives for the name; {@value #OTHER} where it gives null or an empty
   * string. For example {@code mapping(name -> name.replaceAll("-\\d{4}$", ""))} tags {@code
   * invoices-2026} as {@code invoices}. The mapping must give few distinct values.
   *
   * @param mapping from a sequence name to the tag's value; quick, and never failing
   * @return the strategy that tags each name with what {@code mapping} gives
   */
  public static SequenceTags mapping(Function<String, String> mapping) {
    Objects.requireNonNull(mapping, "mapping");
    return new SequenceTags(
        "mapping",
        List.of(),
        name -> {
          String value = mapping.apply(name);
          return value == null || value.isEmpty() ? OTHER : value;
        });
  }

  /**
   * Whether the meters carry the {@value #TAG} tag.
   *
   * @return false for {@link #none()}, true for every other strategy
   */
  public boolean tagsSequences() {
    return mapping != null;
  }

  /**
   * The tag's value for a sequence.
   *
   * @param sequenceName the sequence's name
   * @return the tag's value for {@code sequenceName}; never null or empty
   * @throws IllegalStateException for {@link #none()}
   */
  public String valueOf(String sequenceName) {
    if (mapping == null) {
      throw new IllegalStateException("SequenceTags.none() gives no sequence tag");
    }
    return mapping.apply(sequenceName);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    // byPrefix strategies with the same prefixes are equal; every mapping strategy is its own.
    return other instanceof SequenceTags that
        && kind.equals("byPrefix")
        && that.kind.equals("byPrefix")
        && prefixes.equals(that.prefixes);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + prefixes.hashCode();
  }

  @Override
  public String toString() {
    return "SequenceTags." + kind + "(" + String.join(", ", prefixes) + ")";
  }
}
