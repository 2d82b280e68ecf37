package dev.sequences.micrometer;

import dev.sequences.jooq.SequenceEvent;
import dev.sequences.jooq.SequenceListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every {@code GaplessSequence.nextValue}/{@code nextValues} call heard through a jOOQ
 * configuration in a Micrometer {@link MeterRegistry}:
 *
 * <ul>
 *   <li>a timer {@value #TIMER}, tagged {@value #OUTCOME_TAG} = {@code issued}, {@code locked},
 *       {@code run_again} or {@code error} ({@link SequenceEvent.Outcome}); its time runs from the
 *       moment the call takes its connection to the database's answer, and so <em>includes</em> any
 *       wait for another transaction that holds the sequence: no supported database reports that
 *       wait per statement without a round trip more, so it is not measured apart (a {@code locked}
 *       call's time is mostly that wait);
 *   <li>a counter {@value #VALUES_ISSUED} of the values issued (a batch of {@code n} counts {@code
 *       n}), counted when the call returns them: a value that the caller's transaction later gives
 *       back by rolling back is counted too, and is issued again.
 * </ul>
 *
 * <p>Both carry the tag {@value SequenceTags#TAG} when the {@link SequenceTags} strategy gives one
 * (not by default); at most {@value #MAX_SEQUENCE_TAG_VALUES} distinct values, the calls of further
 * ones recorded under {@value SequenceTags#OTHER}. The meters are registered once per outcome and
 * tag value and then kept: every outcome's timer and the counter exist, at zero, from the first use
 * of a tag value (from construction without tags).
 *
 * <p>Install it on the configuration the application's contexts come from: {@code
 * SequenceListener.install(configuration, new MicrometerSequenceListener(registry))}, or {@link
 * #installOn}. Two listeners on the same registry with equal tag strategies are equal, so
 * installing a second one on the same configuration changes nothing.
 */
public final class MicrometerSequenceListener implements SequenceListener {

  /** The timer's name. */
  public static final String TIMER = "sequences.next";

  /** The counter's name. */
  public static final String VALUES_ISSUED = "sequences.values.issued";

  /** The timer's tag that says what came of the call. */
  public static final String OUTCOME_TAG = "outcome";

  /** The most distinct {@value SequenceTags#TAG} values one listener registers meters for. */
  public static final int MAX_SEQUENCE_TAG_VALUES = 100;

  private static final Logger LOG = LoggerFactory.getLogger(MicrometerSequenceListener.class);

  private static final SequenceEvent.Outcome[] OUTCOMES = SequenceEvent.Outcome.values();

  private final MeterRegistry registry;
  private final SequenceTags tags;

  /** The meters of the calls without sequence tag; null when the strategy tags them. */
  private final @Nullable Meters untagged;

  /** The meters of each sequence tag value, at most MAX_SEQUENCE_TAG_VALUES of them and "other". */
  private final Map<String, Meters> tagged = new ConcurrentHashMap<>();

  /**
   * Records in {@code registry}, without sequence tag.
   *
   * @param registry where the meters are registered
   */
  public MicrometerSequenceListener(MeterRegistry registry) {
    this(registry, SequenceTags.none());
  }

  /**
   * Records in {@code registry}, with the sequence tag that {@code tags} gives.
   *
   * @param registry where the meters are registered
   * @param tags which value, if any, the {@value SequenceTags#TAG} tag takes
   */
  public MicrometerSequenceListener(MeterRegistry registry, SequenceTags tags) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tags = Objects.requireNonNull(tags, "tags");
    this.untagged = tags.tagsSequences() ? null : new Meters(registry, null);
  }

  /**
   * Installs this listener on {@code configuration}, changed in place, as {@link
   * SequenceListener#install} does.
   *
   * @param configuration the configuration, changed in place
   * @return {@code configuration}
   */
  public Configuration installOn(Configuration configuration) {
    return SequenceListener.install(configuration, this);
  }

  @Override
  public void onNext(SequenceEvent event) {
    Meters meters = untagged != null ? untagged : metersOf(tags.valueOf(event.sequenceName()));
    meters.timers[event.outcome().ordinal()].record(event.elapsedNanos(), TimeUnit.NANOSECONDS);
    if (event.outcome() == SequenceEvent.Outcome.ISSUED) {
      meters.valuesIssued.increment(event.valuesIssued());
    }
  }

  private Meters metersOf(String value) {
    Meters meters = tagged.get(value);
    if (meters != null) {
      return meters;
    }
    if (tagged.size() >= MAX_SEQUENCE_TAG_VALUES && !value.equals(SequenceTags.OTHER)) {
      Meters other = tagged.get(SequenceTags.OTHER);
      if (other == null) {
        LOG.warn(
            "{} gave more than {} values for the sequence tag; the calls of the sequences of"
                + " further values (first: '{}') are recorded under sequence={}. Map the names"
                + " to fewer values",
            tags,
            MAX_SEQUENCE_TAG_VALUES,
            value,
            SequenceTags.OTHER);
      }
      value = SequenceTags.OTHER;
    }
    return tagged.computeIfAbsent(value, v -> new Meters(registry, v));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MicrometerSequenceListener that
        && registry == that.registry
        && tags.equals(that.tags);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(registry) * 31 + tags.hashCode();
  }

  @Override
  public String toString() {
    return "MicrometerSequenceListener[" + registry.getClass().getSimpleName() + ", " + tags + "]";
  }

  /** The timer of each outcome and the counter, for one sequence tag value or none. */
  private static final class Meters {
    final Timer[] timers = new Timer[OUTCOMES.length];
    final Counter valuesIssued;

    Meters(MeterRegistry registry, @Nullable String sequence) {
      for (SequenceEvent.Outcome outcome : OUTCOMES) {
        Timer.Builder timer =
            Timer.builder(TIMER)
                .description(
                    "GaplessSequence nextValue/nextValues calls, from taking the connection to the"
                        + " database's answer, any wait for another transaction's lock included")
                .tag(OUTCOME_TAG, outcome.name().toLowerCase(Locale.ROOT));
        if (sequence != null) {
          timer.tag(SequenceTags.TAG, sequence);
        }
        timers[outcome.ordinal()] = timer.register(registry);
      }
      Counter.Builder counter =
          Counter.builder(VALUES_ISSUED)
              .description(
                  "Values issued by GaplessSequence (a batch of n counts n), including values"
                      + " given back later by a rollback");
      if (sequence != null) {
        counter.tag(SequenceTags.TAG, sequence);
      }
      valuesIssued = counter.register(registry);
    }
  }
}
