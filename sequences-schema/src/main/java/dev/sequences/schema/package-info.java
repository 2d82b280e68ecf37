/**
 * The counter table's Flyway migrations: {@link dev.sequences.schema.SequencesSchema}.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless it is declared {@link
 * org.jspecify.annotations.Nullable @Nullable}; NullAway checks this at build time.
 */
@NullMarked
package dev.sequences.schema;

import org.jspecify.annotations.NullMarked;
