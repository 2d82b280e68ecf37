package dev.sequences.bench.interleaved;

/**
 * A ratio of two contenders of a group, per round: the throughput of {@code numerator} over that of
 * {@code denominator}; or, with {@code timePerCall}, the numerator's time per call over the
 * denominator's. A null goal: for information.
 */
record Comparison(
    String label, String numerator, String denominator, boolean timePerCall, Goal goal) {

  /** Throughput over throughput. */
  static Comparison throughput(String label, String numerator, String denominator, Goal goal) {
    return new Comparison(label, numerator, denominator, false, goal);
  }

  /** Time per call over time per call. */
  static Comparison timePerCall(String label, String numerator, String denominator, Goal goal) {
    return new Comparison(label, numerator, denominator, true, goal);
  }

  String kind() {
    return timePerCall ? "time per call" : "throughput";
  }

  /** The ratio of one round, from the two contenders' throughputs in it. */
  double of(Result numeratorRun, Result denominatorRun) {
    double a = numeratorRun.throughput();
    double b = denominatorRun.throughput();
    return timePerCall ? b / a : a / b;
  }
}
