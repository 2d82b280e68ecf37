package dev.sequences.examples.docs;

import com.sun.source.util.JavacTask;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a Java fragment of the documentation as a reader would paste it: as a whole file, as
 * members of a class, or as the statements of a method, with the imports a reader of the guides has
 * in mind. In memory, against this JVM's class path; nothing is written.
 */
final class FragmentCompiler implements AutoCloseable {

  /**
   * What every fragment may use without importing it. The on-demand imports meet in a few simple
   * names; single-type imports decide those: jOOQ's {@code Condition}, {@code Configuration},
   * {@code Formattable}, {@code Formatter}, {@code Package}, {@code Record}, {@code Role} and
   * {@code Scope} win over Spring's annotations and over java.lang and java.util; but {@code
   * Comparator} is java.util's and {@code Isolation} Spring's (what {@code @Transactional(isolation
   * = …)} takes). A fragment that needs the other type imports it: its own imports replace these.
   * Spring's {@code @Configuration} therefore needs {@code import
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

  /** The parameters that statements (wrapping {@link Wrapping#STATEMENTS}) may use. */
  static final String METHOD =
      "void fragment(org.jooq.DSLContext dsl, javax.sql.DataSource dataSource,"
          + " org.jooq.Configuration configuration, io.r2dbc.spi.ConnectionFactory"
          + " connectionFactory) throws Exception {";

  /** The project's maven.compiler.release: what a reader's project may be on. */
  private static final String RELEASE = "21";

  private static final String PACKAGE = "docs.fragment";
  private static final String CLASS = "DocsFragment";
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?;");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public\\s+(?:(?:abstract|final|sealed|non-sealed|strictfp|static)\\s+)*"
              + "(?:class|interface|enum|record|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);

  /** How a fragment is put into a compilation unit, in the order they are tried. */
  enum Wrapping {
    /** The fragment is a whole file (its package line replaced). */
    FILE,
    /** The fragment is the body of a class. */
    MEMBERS,
    /** The fragment is the body of {@link #METHOD}. */
    STATEMENTS
  }

  /**
   * One error of the compiler.
   *
   * @param line the fragment's line (from 1) it is on; 0 for the generated package and imports, -1
   *     for none
   * @param message what javac says
   */
  record CompileError(long line, String message) {}

  /**
   * What compiling one wrapping gave.
   *
   * @param wrapping how the fragment was wrapped
   * @param parsed true if the wrapped fragment parsed (its errors are then the compiler's later
   *     phases': the wrapping is plausible)
   * @param errors the compiler's errors, by line, each once
   */
  record Outcome(Wrapping wrapping, boolean parsed, List<CompileError> errors) {
    boolean compiled() {
      return errors.isEmpty();
    }
  }

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager files;

  FragmentCompiler() {
    files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    try {
      files.setLocationFromPaths(
          StandardLocation.CLASS_PATH,
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(entry -> !entry.isEmpty())
              .map(Path::of)
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #compileAll} of one fragment. */
  Outcome compile(String fragment) {
    return compileAll(List.of(fragment)).get(0);
  }

  /**
   * Tries each fragment's wrappings in order and gives, for each, the first that compiles, else the
   * most plausible failure: one that parsed before one that did not, then the fewest errors, then
   * the first. The fragments are compiled together, each in a package of its own, in at most three
   * runs of the compiler: one file each costs the compiler its start (a second or so) every time.
   */
  List<Outcome> compileAll(List<String> fragments) {
    List<List<Unit>> parsed = new ArrayList<>();
    List<List<Outcome>> failures = new ArrayList<>();
    List<Unit> all = new ArrayList<>();
    for (int i = 0; i < fragments.size(); i++) {
      for (Wrapping wrapping : Wrapping.values()) {
        all.add(unit(i, fragments.get(i), wrapping));
      }
      parsed.add(new ArrayList<>());
      failures.add(new ArrayList<>());
    }
    Map<Unit, List<CompileError>> parseErrors = run(all, false);
    for (Unit unit : all) {
      List<CompileError> errors = parseErrors.get(unit);
      if (errors.isEmpty()) {
        parsed.get(unit.fragment()).add(unit);
      } else {
        failures.get(unit.fragment()).add(new Outcome(unit.wrapping(), false, errors));
      }
    }
    Outcome[] outcomes = new Outcome[fragments.size()];
    for (int round = 0; round < Wrapping.values().length; round++) {
      List<Unit> batch = new ArrayList<>();
      for (int i = 0; i < fragments.size(); i++) {
        if (outcomes[i] == null && parsed.get(i).size() > round) {
          batch.add(parsed.get(i).get(round));
        }
      }
      if (batch.isEmpty()) {
        break;
      }
      run(batch, true)
          .forEach(
              (unit, errors) -> {
                Outcome outcome = new Outcome(unit.wrapping(), true, errors);
                if (errors.isEmpty()) {
                  outcomes[unit.fragment()] = outcome;
                } else {
                  failures.get(unit.fragment()).add(outcome);
                }
              });
    }
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        outcomes[i] =
            failures.get(i).stream()
                .min(
                    Comparator.comparing((Outcome o) -> !o.parsed())
                        .thenComparing(o -> o.errors().size())
                        .thenComparing(Outcome::wrapping))
                .orElseThrow();
      }
    }
    return List.of(outcomes);
  }

  /** One wrapping of one fragment, as a source file of a package of its own. */
  private record Unit(int fragment, Wrapping wrapping, JavaFileObject file) {}

  /** Fragment number {@code index} wrapped as {@code wrapping}. */
  private static Unit unit(int index, String fragment, Wrapping wrapping) {
    List<String> lines = fragment.lines().toList();
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    boolean head = true;
    for (String line : lines) {
      String stripped = line.strip();
      if (head && (IMPORT.matcher(stripped).find() || stripped.startsWith("package "))) {
        if (!stripped.startsWith("package ")) {
          imports.add(stripped);
        }
        body.add(""); // keeps the fragment's line numbers
      } else {
        head &= stripped.isEmpty() || stripped.startsWith("//");
        body.add(line);
      }
    }
    String packageName = PACKAGE + ".f" + index + "." + wrapping.name().toLowerCase(Locale.ROOT);
    StringBuilder source = new StringBuilder("package " + packageName + ";");
    for (String type : defaultImports(imports, fragment)) {
      source.append(" import ").append(type).append(';');
    }
    source.append(' ').append(String.join(" ", imports));
    String className = CLASS;
    if (wrapping == Wrapping.FILE) {
      Matcher publicType = PUBLIC_TYPE.matcher(fragment);
      className = publicType.find() ? publicType.group(1) : CLASS;
    } else {
      source.append(" class ").append(CLASS).append(" {");
      if (wrapping == Wrapping.STATEMENTS) {
        source.append(' ').append(METHOD);
      }
    }
    source.append('\n').append(String.join("\n", body)).append('\n');
    source.append(
        wrapping == Wrapping.STATEMENTS ? "}}\n" : wrapping == Wrapping.MEMBERS ? "}\n" : "");
    String text = source.toString();
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///" + packageName.replace('.', '/') + "/" + className + ".java"),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
          }
        };
    return new Unit(index, wrapping, file);
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

  /**
   * Parses {@code units}, and if {@code analyze}, compiles them (without writing classes); the
   * errors of each unit. Errors are reported on through the flow analysis (where "might not have
   * been initialized" and "unreported exception" are found) in every unit, whatever another one
   * has, and none is dropped for their number.
   */
  private Map<Unit, List<CompileError>> run(List<Unit> units, boolean analyze) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavacTask task =
        (JavacTask)
            javac.getTask(
                null,
                files,
                diagnostics,
                List.of(
                    "--release",
                    RELEASE,
                    "-proc:none",
                    "-Xlint:none",
                    "-nowarn",
                    "-Xmaxerrs",
                    "1000000",
                    "--should-stop=ifError=FLOW"),
                null,
                units.stream().map(Unit::file).toList());
    try {
      task.parse();
      if (analyze) {
        task.analyze();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Unit, List<CompileError>> errors = new LinkedHashMap<>();
    for (Unit unit : units) {
      errors.put(unit, errors(diagnostics, unit.file()));
    }
    return errors;
  }

  /** The errors in {@code file}, and those in no file. */
  private static List<CompileError> errors(
      DiagnosticCollector<JavaFileObject> diagnostics, JavaFileObject file) {
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .filter(d -> d.getSource() == null || d.getSource() == file)
        .map(d -> new CompileError(Math.max(-1, d.getLineNumber() - 1), d.getMessage(Locale.ROOT)))
        .distinct()
        .sorted(Comparator.comparingLong(CompileError::line))
        .toList();
  }

  @Override
  public void close() throws IOException {
    files.close();
  }
}
