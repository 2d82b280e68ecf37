/** Null-marked: nothing here is null unless declared {@link org.jspecify.annotations.Nullable}. */
@NullMarked
package dev.sequences.series;

import org.jspecify.annotations.NullMarked;
