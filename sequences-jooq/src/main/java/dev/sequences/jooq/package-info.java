/**
 * Gapless sequences issued inside the caller's jOOQ transaction: {@link
 * dev.sequences.jooq.GaplessSequence} and the operators' {@link
 * dev.sequences.jooq.SequenceCounters}.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless it is declared {@link
 * org.jspecify.annotations.Nullable @Nullable}; NullAway checks this at build time.
 */
@NullMarked
package dev.sequences.jooq;

import org.jspecify.annotations.NullMarked;
