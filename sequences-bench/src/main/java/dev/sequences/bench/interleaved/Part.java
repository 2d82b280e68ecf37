package dev.sequences.bench.interleaved;

import java.util.List;

/** One comparison of the harness (a part, {@code parts=}): its groups of contenders. */
interface Part {
  List<Group> groups(Bench bench) throws Exception;
}
