package dev.sequences.jooq;

import java.util.Arrays;
import java.util.List;
import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SequenceListener}s installed on a configuration, kept in its {@link
 * Configuration#data() data} under {@link #KEY}. Immutable: installing one more replaces the entry.
 */
final class InstalledListeners {

  /** The key in {@link Configuration#data()}. */
  static final String KEY = "dev.sequences.jooq.sequence-listeners";

  private static final Logger LOG = LoggerFactory.getLogger(SequenceListener.class);

  private final SequenceListener[] listeners;

  private InstalledListeners(SequenceListener[] listeners) {
    this.listeners = listeners;
  }

  static InstalledListeners of(SequenceListener listener) {
    return new InstalledListeners(new SequenceListener[] {listener});
  }

  /**
   * The listeners installed on {@code configuration}, or null if none: one lookup in its data map,
   * the whole cost of the feature on a call without listeners.
   */
  static @Nullable InstalledListeners on(Configuration configuration) {
    return configuration.data(KEY) instanceof InstalledListeners installed ? installed : null;
  }

  /** These listeners and {@code listener} after them; this if it is one of them already. */
  InstalledListeners with(SequenceListener listener) {
    if (Arrays.asList(listeners).contains(listener)) {
      return this;
    }
    SequenceListener[] more = Arrays.copyOf(listeners, listeners.length + 1);
    more[listeners.length] = listener;
    return new InstalledListeners(more);
  }

  List<SequenceListener> listeners() {
    return List.of(listeners);
  }

  /** Tells every listener, in order; a listener's exception is logged and the others still hear. */
  void report(SequenceEvent event) {
    for (SequenceListener listener : listeners) {
      try {
        listener.onNext(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "{} failed on an event of {} ({}); the call's own result is unchanged",
            listener.getClass().getName(),
            Names.describe(event.sequenceName()),
            event.outcome(),
            e);
      }
    }
  }
}
