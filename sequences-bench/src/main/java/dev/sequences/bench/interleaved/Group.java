package dev.sequences.bench.interleaved;

import java.util.List;

/** Contenders that alternate in the rounds, and the ratios between them. */
record Group(
    String id, String title, Load load, List<Contender> contenders, List<Comparison> comparisons) {}
