package dev.sequences.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds gaps and duplicates in numbers that arrive in ascending order, in constant memory: counts
 * are exact, and at most {@value #MAX_LISTED} ranges of each kind are kept for the report.
 */
final class NumberAudit {

  static final int MAX_LISTED = 1000;

  /** Numbers {@code from..to} (both included) are missing. */
  record Gap(long from, long to) {}

  /** Every number {@code from..to} appears more than once; {@code extraRows} copies too many. */
  record Duplicate(long from, long to, long extraRows) {}

  private final long start;
  private final List<Gap> gaps = new ArrayList<>();
  private final List<Duplicate> duplicates = new ArrayList<>();

  private long rows;
  private long nullRows;
  private long belowStart;
  private long missingNumbers;
  private long gapRanges;
  private long extraRows;
  private long duplicateRanges;
  private boolean any;
  private long lowest;
  private long highest;
  private @Nullable Duplicate openDuplicate;

  NumberAudit(long start) {
    this.start = start;
  }

  /** The next number, not lower than the one before; null for a row without a number. */
  void accept(@Nullable Long number) {
    rows++;
    if (number == null) {
      nullRows++;
      return;
    }
    long value = number;
    if (value < start) {
      belowStart++;
    }
    if (!any) {
      any = true;
      lowest = value;
      if (value > start) {
        gap(start, value - 1);
      }
    } else if (value < highest) {
      throw new IllegalStateException("numbers must arrive in ascending order");
    } else if (value == highest) {
      duplicate(value);
    } else if (value > highest + 1 && value - 1 >= start) {
      gap(Math.max(highest + 1, start), value - 1);
    }
    highest = value;
  }

  private void gap(long from, long to) {
    missingNumbers += to - from + 1;
    gapRanges++;
    if (gaps.size() < MAX_LISTED) {
      gaps.add(new Gap(from, to));
    }
  }

  private void duplicate(long value) {
    extraRows++;
    if (openDuplicate != null && openDuplicate.to() >= value - 1) {
      openDuplicate = new Duplicate(openDuplicate.from(), value, openDuplicate.extraRows() + 1);
      return;
    }
    closeDuplicate();
    openDuplicate = new Duplicate(value, value, 1);
  }

  private void closeDuplicate() {
    if (openDuplicate != null) {
      duplicateRanges++;
      if (duplicates.size() < MAX_LISTED) {
        duplicates.add(openDuplicate);
      }
      openDuplicate = null;
    }
  }

  /** Ends the scan; call once, after the last number. */
  NumberAudit finish() {
    closeDuplicate();
    return this;
  }

  long rows() {
    return rows;
  }

  long nullRows() {
    return nullRows;
  }

  long belowStart() {
    return belowStart;
  }

  long missingNumbers() {
    return missingNumbers;
  }

  long gapRanges() {
    return gapRanges;
  }

  long extraRows() {
    return extraRows;
  }

  long duplicateRanges() {
    return duplicateRanges;
  }

  boolean hasNumbers() {
    return any;
  }

  long lowest() {
    return lowest;
  }

  long highest() {
    return highest;
  }

  List<Gap> gaps() {
    return Collections.unmodifiableList(gaps);
  }

  List<Duplicate> duplicates() {
    return Collections.unmodifiableList(duplicates);
  }

  boolean clean() {
    return nullRows == 0 && belowStart == 0 && missingNumbers == 0 && extraRows == 0;
  }
}
