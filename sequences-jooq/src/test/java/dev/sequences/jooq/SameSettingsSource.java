package dev.sequences.jooq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.conf.Settings;

/**
 * Writes {@code SameSettings.java} from jOOQ's {@code Settings} class on the class path: one
 * comparison per getter, in methods small enough for the JIT. Run it after a jOOQ upgrade (then
 * {@code ./mvnw spotless:apply}); {@code SameSettingsTest} fails until it has run:
 *
 * <pre>
 * ./mvnw -q -pl sequences-jooq test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.sequences.jooq.SameSettingsSource \
 *   -Dexec.args=sequences-jooq/src/main/java/dev/sequences/jooq/SameSettings.java
 * </pre>
 */
public final class SameSettingsSource {

  /** Getters per method: each method's bytecode stays well under HotSpot's 8,000-byte limit. */
  private static final int PER_METHOD = 40;

  private SameSettingsSource() {}

  /** {@code args[0]}: the file to write. */
  public static void main(String[] args) throws IOException {
    // If SameSettings no longer compiles (a getter gone), reduce it to GETTERS = List.of() first.
    List<String> getters = SameSettings.getters();
    // The list settings: their getters make the list on an object that has none.
    List<String> lists = new ArrayList<>();
    for (String getter : getters) {
      try {
        if (List.class.isAssignableFrom(Settings.class.getMethod(getter).getReturnType())) {
          lists.add(getter);
        }
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
    StringBuilder fields = new StringBuilder();
    for (String getter : lists) {
      fields
          .append("\n  private static final @Nullable VarHandle ")
          .append(constant(getter))
          .append(" = listField(\"")
          .append(field(getter))
          .append("\");\n");
    }
    StringBuilder out = new StringBuilder();
    out.append(
"""
        package dev.sequences.jooq;

        import java.lang.invoke.MethodHandles;
        import java.lang.invoke.VarHandle;
        import java.lang.reflect.Method;
        import java.lang.reflect.Modifier;
        import java.util.ArrayList;
        import java.util.Comparator;
        import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.conf.Settings;
        import java.util.Objects;
        import org.jooq.conf.Settings;
        import org.jspecify.annotations.Nullable;

        /**
         * Whether two {@link Settings} are equal, as {@link Settings#equals} says, at a thirtieth of its
         * cost. jOOQ's {@code Settings.equals} is larger than the 8,000 bytes of bytecode that HotSpot
         * compiles ({@code -XX:+DontCompileHugeMethods}, the default), so it always runs in the
         * interpreter: about 3 µs per call, against 0.1 µs here. The render cache compares the
         * caller's settings on every call.
         *
         * <p><b>Generated</b> by {@code SameSettingsSource} (in the tests) from jOOQ's {@code
         * Settings}: one comparison per getter. If the {@code Settings} on the class path has other
         * getters than these (another jOOQ version), {@link #same} falls back to {@code
         * Settings.equals}, so a setting is never left out; {@code SameSettingsTest} fails until the
         * file is generated again. Getters compare what {@code equals} compares (a list setting that
         * is null and one that is empty are the same to both). The list settings are read from their
         * fields where jOOQ lets this class reach them (on the class path; on the module path if
         * jOOQ's module opens {@code org.jooq.conf}): jOOQ's getters make an empty list on a settings
         * object that has none, which would be a write to the caller's settings, shared by every
         * thread that uses its configuration. Where the fields cannot be reached, the getters are
         * called.
         */
        final class SameSettings {

          /** The getters compared, by name. */
          static final List<String> GETTERS =
              List.of(
        """);
    for (int i = 0; i < getters.size(); i++) {
      out.append("          \"")
          .append(getters.get(i))
          .append('"')
          .append(i + 1 < getters.size() ? ",\n" : ");\n");
    }
    out.append(
        """

          /** True if {@link #GETTERS} are the getters of the {@code Settings} on the class path. */
          static final boolean COMPLETE = GETTERS.equals(getters());
        LIST_FIELDS
          private SameSettings() {}

          /** The list field {@code name} of {@code Settings}; null if this class cannot reach it. */
          private static @Nullable VarHandle listField(String name) {
            try {
              return MethodHandles.privateLookupIn(Settings.class, MethodHandles.lookup())
                  .findVarHandle(Settings.class, name, List.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
              return null;
            }
          }

          /** Two list settings as jOOQ compares them: null and empty are the same. */
          private static boolean sameList(@Nullable Object a, @Nullable Object b) {
            return Objects.equals(a == null ? List.of() : a, b == null ? List.of() : b);
          }

          /** The public getters that {@link Settings} declares, by name. */
          static List<String> getters() {
            List<String> names = new ArrayList<>();
            for (Method method : Settings.class.getMethods()) {
              String name = method.getName();
              if (method.getDeclaringClass() == Settings.class
                  && !Modifier.isStatic(method.getModifiers())
                  && method.getParameterCount() == 0
                  && (name.startsWith("get") || name.startsWith("is"))) {
                names.add(name);
              }
            }
            names.sort(Comparator.naturalOrder());
            return names;
          }

          /** True if {@code a} and {@code b} hold the same settings. */
          static boolean same(Settings a, Settings b) {
            if (a == b) {
              return true;
            }
            if (!COMPLETE || a.getClass() != Settings.class || b.getClass() != Settings.class) {
              return a.equals(b);
            }
            return\
        """);
    int parts = (getters.size() + PER_METHOD - 1) / PER_METHOD;
    for (int p = 0; p < parts; p++) {
      out.append(p == 0 ? " " : "\n        && ").append("part").append(p).append("(a, b)");
    }
    out.append(";\n  }\n");
    for (int p = 0; p < parts; p++) {
      out.append("\n  private static boolean part")
          .append(p)
          .append("(Settings a, Settings b) {\n    return ");
      List<String> chunk =
          getters.subList(p * PER_METHOD, Math.min(getters.size(), (p + 1) * PER_METHOD));
      for (int i = 0; i < chunk.size(); i++) {
        String getter = chunk.get(i);
        String byGetter = "Objects.equals(a." + getter + "(), b." + getter + "())";
        out.append(i == 0 ? "" : "\n        && ");
        if (lists.contains(getter)) {
          String handle = constant(getter);
          out.append("(")
              .append(handle)
              .append(" == null ? ")
              .append(byGetter)
              .append(" : sameList(")
              .append(handle)
              .append(".get(a), ")
              .append(handle)
              .append(".get(b)))");
        } else {
          out.append(byGetter);
        }
      }
      out.append(";\n  }\n");
    }
    out.append("}\n");
    Files.writeString(Path.of(args[0]), out.toString().replace("LIST_FIELDS\n", fields));
  }

  /** {@code getParseSearchPath} → {@code parseSearchPath}. */
  private static String field(String getter) {
    String name = getter.substring(getter.startsWith("is") ? 2 : 3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** {@code getParseSearchPath} → {@code PARSE_SEARCH_PATH}. */
  private static String constant(String getter) {
    return field(getter).replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
