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

  /** The project's maven.compiler.release: what a reader's project may be on. */
  private static final String RELEASE = "21";

  private static final String PACKAGE = "docs.fragment";

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

  /**
   * Tries each fragment's wrappings in order and gives, for each, the first that compiles, else the
   * most plausible failure: one that parsed before one that did not, then the fewest errors, then
   * the first. The fragments are compiled together, each in a package of its own, in at most three
   * runs of the compiler: a run costs the compiler its start, half a second or more, every time.
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

  /** Fragment number {@code index} wrapped as {@code wrapping}, in a package of its own. */
  private static Unit unit(int index, String fragment, Wrapping wrapping) {
    String packageName = PACKAGE + ".f" + index + "." + wrapping.name().toLowerCase(Locale.ROOT);
    Wrapping.Source source = wrapping.wrap(packageName, fragment);
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create(
                "string:///" + packageName.replace('.', '/') + "/" + source.className() + ".java"),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source.text();
          }
        };
    return new Unit(index, wrapping, file);
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
