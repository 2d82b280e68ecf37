/** Null-marked: nothing here is null unless declared {@link org.jspecify.annotations.Nullable}. */
@NullMarked
package dev.sequences.micrometer;

import org.jspecify.annotations.NullMarked;
