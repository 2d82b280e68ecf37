package dev.sequences.jooq;

import java.util.List;
import java.util.Objects;
import org.jooq.Configuration;

/**
 * Hears every {@link GaplessSequence#nextValue nextValue} and {@link GaplessSequence#nextValues
 * nextValues} call made through a jOOQ configuration: once per call, with its {@link SequenceEvent}
 * (name, values, {@linkplain SequenceEvent.Outcome outcome}, elapsed time). The hook for metrics
 * (the {@code sequences-micrometer} module's {@code MicrometerSequenceListener}), tracing or audit
 * logs; the library itself depends on no metrics library.
 *
 * <p>A listener is installed on a {@link Configuration}, not on a sequence, so sequences kept in
 * constants report to whatever the context they are called with carries: {@link #install} puts it
 * in the configuration's {@link Configuration#data() data}, which jOOQ copies into every
 * configuration derived from it afterwards, among them the configuration of each transaction
 * ({@code dsl.transaction(cfg -> ...)}: {@code cfg.dsl()} reports to the listeners of {@code dsl}).
 * Install it where the application builds its configuration, before the first context is derived
 * from it: after {@code new DefaultConfiguration()}, or in a Spring Boot {@code
 * DefaultConfigurationCustomizer}.
 *
 * <p>{@link #onNext} runs on the caller's thread, inside the caller's transaction, after the call's
 * statements: keep it short and never let it block or touch the database. An exception it throws is
 * caught and logged at WARN (logger {@code dev.sequences.jooq.SequenceListener}); the call still
 * returns its values or throws its own exception. Without a listener a call costs one map lookup
 * more than before (BENCHMARKS.md, "Listeners").
 */
@FunctionalInterface
public interface SequenceListener {

  /**
   * Called once for each call that took a connection, after it returned or failed; a {@code
   * nextValueBeforeCommit} refused for want of a hook, and a number series' {@code issue} (one
   * event for the call, with the outcome of the exception it threw, also when it refused before or
   * after taking its value), count as such calls. Calls refused before that (a null argument, a
   * negative count, a batch of a looping sequence, an unsupported dialect, a wait longer than the
   * database can bound) and {@code nextValues(ctx, 0)} report nothing.
   *
   * @param event what the call did
   */
  void onNext(SequenceEvent event);

  /**
   * Installs {@code listener} on {@code configuration}, changed in place, and so on every
   * configuration derived from it afterwards. Listeners installed before stay installed and are
   * called first; installing the same listener again changes nothing. Not meant to race with calls
   * that use the configuration: install while the application sets up.
   *
   * @param configuration the configuration, changed in place
   * @param listener the listener to add
   * @return {@code configuration}
   */
  static Configuration install(Configuration configuration, SequenceListener listener) {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(listener, "listener");
    InstalledListeners installed = InstalledListeners.on(configuration);
    InstalledListeners updated =
        installed == null ? InstalledListeners.of(listener) : installed.with(listener);
    if (updated != installed) {
      configuration.data(InstalledListeners.KEY, updated);
    }
    return configuration;
  }

  /**
   * The listeners installed on a configuration.
   *
   * @param configuration the configuration
   * @return the listeners installed on {@code configuration}, in the order they are called; empty
   *     if none
   */
  static List<SequenceListener> installedOn(Configuration configuration) {
    InstalledListeners installed =
        InstalledListeners.on(Objects.requireNonNull(configuration, "configuration"));
    return installed == null ? List.of() : installed.listeners();
  }
}
