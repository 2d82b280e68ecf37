/** Null-marked: nothing here is null unless declared {@link org.jspecify.annotations.Nullable}. */
@NullMarked
package dev.sequences.spring.boot;

import org.jspecify.annotations.NullMarked;
