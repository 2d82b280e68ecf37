/**
 * H2's migrations (SQL beside this Java migration), run by {@link
 * dev.sequences.schema.SequencesSchema}.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless it is declared {@link
 * org.jspecify.annotations.Nullable @Nullable}; NullAway checks this at build time.
 */
@NullMarked
package dev.sequences.schema.h2;

import org.jspecify.annotations.NullMarked;
