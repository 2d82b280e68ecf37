package dev.sequences.jooq;

import java.util.NoSuchElementException;
import java.util.stream.LongStream;

/**
 * Consecutive values issued by one call of {@link GaplessSequence#nextValues}: {@link #first()} to
 * {@link #last()}, both included, in ascending order. An empty range holds no value.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ValueRange {

  private static final ValueRange EMPTY = new ValueRange(0, 0);

  private final long first;
  private final int size;

  private ValueRange(long first, int size) {
    this.first = first;
    this.size = size;
  }

  static ValueRange empty() {
    return EMPTY;
  }

  /** The range of {@code size} values that ends with {@code last}. */
  static ValueRange endingAt(long last, int size) {
    return new ValueRange(last - (size - 1), size);
  }

  /**
   * {@return the first value}
   *
   * @throws NoSuchElementException if the range is empty
   */
  public long first() {
    requireValues();
    return first;
  }

  /**
   * {@return the last value}
   *
   * @throws NoSuchElementException if the range is empty
   */
  public long last() {
    requireValues();
    return first + (size - 1);
  }

  /** {@return the number of values, 0 for an empty range} */
  public int size() {
    return size;
  }

  /** {@return true if the range holds no value} */
  public boolean isEmpty() {
    return size == 0;
  }

  /** {@return the values in ascending order} */
  public LongStream stream() {
    return size == 0 ? LongStream.empty() : LongStream.rangeClosed(first, last());
  }

  private void requireValues() {
    if (size == 0) {
      throw new NoSuchElementException(
          "the range is empty: nextValues was called with a count of 0");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ValueRange that
        && size == that.size
        && (size == 0 || first == that.first);
  }

  @Override
  public int hashCode() {
    return size == 0 ? 0 : Long.hashCode(first) * 31 + size;
  }

  @Override
  public String toString() {
    return size == 0 ? "ValueRange[]" : "ValueRange[" + first + ".." + last() + "]";
  }
}
