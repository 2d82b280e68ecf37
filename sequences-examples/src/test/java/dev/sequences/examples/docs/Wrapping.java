package dev.sequences.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a Java fragment of the documentation becomes a compilation unit, in the order {@link
 * FragmentCompiler} tries them. Import lines at the top of a fragment are kept, ahead of {@link
 * #DEFAULT_IMPORTS}; its package line is dropped.
 */
enum Wrapping {
  /** The fragment is a whole file. */
  FILE,
  /** The fragment is the body of a class. */
  MEMBERS,
  /**
   * The fragment is the body of {@code void fragment(…) throws Exception}, whose {@link
   * #PARAMETERS} it may use, in a class.
   */
  STATEMENTS;

  /**
   * What every fragment may use without importing it. The on-demand imports meet in a few simple
   * names; single-type imports decide those: jOOQ's {@code Condition}, {@code Configuration},
   * {@code Formattable}, {@code Formatter}, {@code Package}, {@code Record}, {@code Role} and
   * {@code Scope} win over Spring's annotations, java.lang and java.util; but {@code Comparator} is
   * java.util's, and {@code Isolation} Spring's (what {@code @Transactional(isolation = …)} takes).
   * A fragment that needs the other type imports it: its own imports replace these. Spring's
   * {@code @Configuration} therefore needs {@code import
   * org.springframework.context.annotation.Configuration;} in the fragment.
   */
  static final List<String> DEFAULT_IMPORTS =
      List.of(
          "dev.sequences.jooq.*",
          "dev.sequences.series.*",
          "dev.sequences.schema.*",
          "dev.sequences.micrometer.*",
          "dev.sequences.spring.boot.*",
          "org.jooq.*",
          "org.jooq.impl.DSL",
          "java.util.*",
          "java.time.*",
          "javax.sql.DataSource",
          "io.r2dbc.spi.ConnectionFactory",
          "org.springframework.transaction.annotation.*",
          "org.springframework.stereotype.*",
          "org.springframework.context.annotation.*",
          "reactor.core.publisher.*",
          "org.jooq.Condition",
          "org.jooq.Configuration",
          "org.jooq.Formattable",
          "org.jooq.Formatter",
          "org.jooq.Package",
          "org.jooq.Record",
          "org.jooq.Role",
          "org.jooq.Scope",
          "java.util.Comparator",
          "org.springframework.transaction.annotation.Isolation");

  /**
   * The parameters of the method whose body {@link #STATEMENTS} are, by name: what statements may
   * use without declaring it. A parameter the fragment declares itself ({@code DSLContext dsl =
   * DSL.using(…);}) is left out.
   */
  static final List<Map.Entry<String, String>> PARAMETERS =
      List.of(
          Map.entry("dsl", "org.jooq.DSLContext"),
          Map.entry("dataSource", "javax.sql.DataSource"),
          Map.entry("configuration", "org.jooq.Configuration"),
          Map.entry("connectionFactory", "io.r2dbc.spi.ConnectionFactory"));

  /** The class of {@link #MEMBERS} and {@link #STATEMENTS}, and of a file without a public type. */
  static final String CLASS = "DocsFragment";

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?;");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public\\s+(?:(?:abstract|final|sealed|non-sealed|strictfp|static)\\s+)*"
              + "(?:class|interface|enum|record|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);

  /**
   * A compilation unit.
   *
   * @param className the class its file is named after
   * @param text its source: line 1 the package and the imports, then the fragment's lines (its
   *     import lines left blank), so that line N + 1 is the fragment's line N
   */
  record Source(String className, String text) {}

  /** {@code fragment} wrapped this way, in package {@code packageName}. */
  Source wrap(String packageName, String fragment) {
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    boolean head = true;
    for (String line : fragment.lines().toList()) {
      String stripped = line.strip();
      if (head && (IMPORT.matcher(stripped).find() || stripped.startsWith("package "))) {
        if (!stripped.startsWith("package ")) {
          imports.add(stripped);
        }
        body.add("");
      } else {
        head &= stripped.isEmpty() || stripped.startsWith("//");
        body.add(line);
      }
    }
    StringBuilder text = new StringBuilder("package " + packageName + ";");
    for (String type : defaultImports(imports, fragment)) {
      text.append(" import ").append(type).append(';');
    }
    text.append(' ').append(String.join(" ", imports));
    String className = CLASS;
    if (this == FILE) {
      Matcher publicType = PUBLIC_TYPE.matcher(fragment);
      className = publicType.find() ? publicType.group(1) : CLASS;
    } else {
      text.append(" class ").append(CLASS).append(" {");
      if (this == STATEMENTS) {
        text.append(" void fragment(")
            .append(
                PARAMETERS.stream()
                    .filter(p -> !declares(fragment, p.getKey()))
                    .map(p -> p.getValue() + " " + p.getKey())
                    .collect(Collectors.joining(", ")))
            .append(") throws Exception {");
      }
    }
    text.append('\n').append(String.join("\n", body)).append('\n');
    text.append(this == STATEMENTS ? "}}\n" : this == MEMBERS ? "}\n" : "");
    return new Source(className, text.toString());
  }

  /** True if a line of {@code fragment} declares the variable {@code name}. */
  private static boolean declares(String fragment, String name) {
    return Pattern.compile(
            "(?m)^\\s*(?:final\\s+)?[\\w.]+(?:<[^=;]*>)?(?:\\[\\])*\\s+" + name + "\\s*[=;]")
        .matcher(fragment)
        .find();
  }

  /** The default imports but those of a simple name the fragment imports or declares itself. */
  private static List<String> defaultImports(List<String> own, String fragment) {
    Set<String> taken =
        own.stream()
            .map(IMPORT::matcher)
            .filter(m -> m.find() && m.group(1) == null && m.group(3) == null)
            .map(m -> m.group(2).substring(m.group(2).lastIndexOf('.') + 1))
            .collect(Collectors.toSet());
    return DEFAULT_IMPORTS.stream()
        .filter(
            type -> {
              String simple = type.substring(type.lastIndexOf('.') + 1);
              return simple.equals("*")
                  || !(taken.contains(simple)
                      || Pattern.compile("\\b(class|interface|enum|record)\\s+" + simple + "\\b")
                          .matcher(fragment)
                          .find());
            })
        .toList();
  }
}
