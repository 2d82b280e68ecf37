package dev.sequences.bench.interleaved;

/** Something that runs calls and says how many per second. */
abstract class Contender {
  final String name;
  final int threads;

  Contender(String name, int threads) {
    if (name.contains(",") || name.contains("\"")) {
      throw new IllegalArgumentException("no comma or quote in a contender's name: " + name);
    }
    this.name = name;
    this.threads = threads;
  }

  abstract Result run(Load load) throws Exception;

  /** Whether it runs in this JVM (and so needs a warm-up). */
  boolean isJava() {
    return true;
  }
}
