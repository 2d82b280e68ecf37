package dev.sequences.bench.interleaved;

import java.util.function.DoublePredicate;

/** A goal for a ratio's median. */
record Goal(String text, DoublePredicate met) {

  static Goal atLeast(double value) {
    return new Goal("≥ " + value, r -> r >= value);
  }

  static Goal atMost(double value) {
    return new Goal("≤ " + value, r -> r <= value);
  }
}
