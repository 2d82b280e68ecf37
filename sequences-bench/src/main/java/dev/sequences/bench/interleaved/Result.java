package dev.sequences.bench.interleaved;

/** One run of one contender: how many calls (transactions) in how long. */
record Result(long calls, double seconds) {

  double throughput() {
    return calls / seconds;
  }
}
