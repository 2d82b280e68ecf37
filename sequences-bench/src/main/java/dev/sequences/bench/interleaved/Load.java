package dev.sequences.bench.interleaved;

import java.math.BigDecimal;

/** A contender's work per round: calls per thread, or (if {@code seconds > 0}) a duration. */
record Load(int callsPerThread, double seconds) {

  /** A short run before the rounds, for the JIT (Java contenders only; not counted). */
  Load warmUp(double warmUpSeconds) {
    return seconds > 0 ? new Load(0, warmUpSeconds) : new Load(Math.max(1, callsPerThread / 5), 0);
  }

  String describe() {
    return seconds > 0
        ? BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString() + " s"
        : callsPerThread + " calls per thread";
  }
}
