package dev.sequences.series;

import dev.sequences.jooq.ReservedCounters;
import dev.sequences.jooq.SequenceCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The counters of number series in the counter table, one per (series, scope, period) in which a
 * number was issued or taken over: what an audit goes through ({@code sequences series list},
 * {@code sequences series verify --all}). Read from the counter names ({@link
 * NumberSeries#counterName}); a series' definition is not stored, so its name is all that is known
 * of it. Void counters ({@code <counter>#}, see {@link NumberSeries#voidNumber}) are not listed.
 */
public final class SeriesCounters {

  /**
   * One counter of a series.
   *
   * @param series the series' name
   * @param scope the scope ({@code ""} for none)
   * @param period the period's label ({@code ""} for NEVER)
   * @param last the counter's last value
   */
  public record Counter(String series, String scope, String period, long last) {}

  private static final Comparator<Counter> ORDER =
      Comparator.comparing(Counter::series)
          .thenComparing(Counter::scope)
          .thenComparing(Counter::period);

  private SeriesCounters() {}

  /**
   * Every counter of every series, sorted by series, scope and period; read without a lock, in one
   * statement.
   */
  public static List<Counter> list(DSLContext ctx) {
    return counters(ctx, ReservedCounters.PREFIX, null);
  }

  /**
   * Every counter of the series called {@code series}, sorted by scope and period.
   *
   * @throws IllegalArgumentException if {@code series} is not a valid series name
   */
  public static List<Counter> list(DSLContext ctx, String series) {
    CounterNames.checkSeries(series);
    String prefix = CounterNames.of(series, "", "");
    return counters(ctx, prefix.substring(0, prefix.length() - 1), series);
  }

  private static List<Counter> counters(DSLContext ctx, String prefix, @Nullable String series) {
    Objects.requireNonNull(ctx, "ctx");
    List<Counter> counters = new ArrayList<>();
    for (SequenceCounters.Counter row : SequenceCounters.list(ctx, prefix)) {
      String[] parts = CounterNames.parse(row.name());
      if (parts != null && (series == null || parts[0].equals(series))) {
        counters.add(new Counter(parts[0], parts[1], parts[2], row.last()));
      }
    }
    counters.sort(ORDER);
    return List.copyOf(counters);
  }
}
