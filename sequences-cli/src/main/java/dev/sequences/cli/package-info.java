/**
 * The operator's command-line tool and its demo.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless it is declared {@link
 * org.jspecify.annotations.Nullable @Nullable}; NullAway checks this at build time.
 */
@NullMarked
package dev.sequences.cli;

import org.jspecify.annotations.NullMarked;
