package dev.sequences.spring.boot;

/**
 * The application's jOOQ or Flyway is older than the library needs, as Spring Boot's managed
 * versions are unless the build overrides them. {@link IncompatibleVersionsFailureAnalyzer} reports
 * it at start-up with {@link #action()}.
 */
public final class IncompatibleVersionsException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  private final String description;

  /** What to do. */
  private final String action;

  IncompatibleVersionsException(String description, String action) {
    super(description + " " + action);
    this.description = description;
    this.action = action;
  }

  /** {@return what is wrong: the versions found and those needed} */
  public String description() {
    return description;
  }

  /** {@return what to do: the build properties to set} */
  public String action() {
    return action;
  }
}
