package dev.sequences.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an {@link IncompatibleVersionsException} as Spring Boot reports a failed start. */
public final class IncompatibleVersionsFailureAnalyzer
    extends AbstractFailureAnalyzer<IncompatibleVersionsException> {

  /** Created by Spring Boot from {@code META-INF/spring.factories}. */
  public IncompatibleVersionsFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleVersionsException cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }
}
