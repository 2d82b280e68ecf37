package dev.sequences.cli;

import java.io.Console;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/** The user's terminal, where the password prompt and progress go; absent when not interactive. */
interface Terminal {

  /** True if a user sits at a terminal. */
  boolean present();

  /** Asks for a password on the terminal, without echo; null at the end of input. */
  char @Nullable [] readPassword(String prompt);

  /** The process's console, if the JVM has one and it is a terminal. */
  static Terminal system() {
    Console console = System.console();
    boolean present = console != null && isTerminal(console);
    return new Terminal() {
      @Override
      public boolean present() {
        return present;
      }

      @Override
      public char @Nullable [] readPassword(String prompt) {
        return console == null ? null : console.readPassword("%s", prompt);
      }
    };
  }

  /**
   * {@code Console.isTerminal()} (Java 22+), which tells a real terminal from a console the JVM
   * offers with redirected streams; on Java 21 every console is a terminal.
   */
  private static boolean isTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException java21) {
      return true;
    }
  }
}
