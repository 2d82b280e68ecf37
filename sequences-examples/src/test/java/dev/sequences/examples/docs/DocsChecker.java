package dev.sequences.examples.docs;

import dev.sequences.examples.docs.FragmentCompiler.Outcome;
import dev.sequences.examples.docs.Markdown.Block;
import dev.sequences.examples.docs.Markdown.Link;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks on the documentation, each answering with what is wrong in words that say where: a
 * Java block compiles, or is a file of the repository as it is; a link reaches a file, and its
 * anchor a heading.
 */
final class DocsChecker implements AutoCloseable {

  /**
   * The marker that makes the next fenced block a copy of a file: {@code <!-- include: path -->},
   * the path from the repository's root.
   */
  static final Pattern INCLUDE = Pattern.compile("^<!--\\s*include:\\s*(\\S+)\\s*-->$");

  /** How many of javac's errors a failure shows. */
  private static final int SHOWN_ERRORS = 12;

  private static final Pattern SCHEME = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//).*");

  private final Path root;
  private final Map<Path, Markdown> targets = new HashMap<>();
  private final Map<Block, Outcome> outcomes = new IdentityHashMap<>();
  private FragmentCompiler compiler;

  /** Checks the documents of the repository at {@code root}. */
  DocsChecker(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The documents checked: every *.md file at the root and under docs/, in name order. */
  static List<Path> documents(Path root) {
    try (Stream<Path> top = Files.list(root);
        Stream<Path> docs =
            Files.isDirectory(root.resolve("docs")) ? Files.walk(root.resolve("docs")) : null) {
      return Stream.concat(top, docs == null ? Stream.empty() : docs)
          .filter(path -> Files.isRegularFile(path) && path.toString().endsWith(".md"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of {@code file} from the root, with '/', as messages name it. */
  String name(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** The blocks {@link #check(Markdown, Block)} checks: Java blocks and included blocks. */
  static List<Block> checkedBlocks(Markdown markdown) {
    return markdown.blocks().stream()
        .filter(b -> b.language().equals("java") || INCLUDE.matcher(b.before()).matches())
        .toList();
  }

  /**
   * What is wrong with {@code block}: after an include marker, anything but the named file's text;
   * else, for Java, a fragment that compiles in none of {@link FragmentCompiler}'s wrappings.
   */
  Optional<String> check(Markdown markdown, Block block) {
    String where = name(markdown.file()) + ":" + block.firstLine();
    Matcher include = INCLUDE.matcher(block.before());
    if (include.matches()) {
      return differences(where, block, include.group(1));
    }
    if (!outcomes.containsKey(block)) {
      compile(List.of(markdown));
    }
    Outcome outcome = outcomes.get(block);
    if (outcome.compiled()) {
      return Optional.empty();
    }
    StringBuilder message =
        new StringBuilder(
            where
                + ": this Java block compiles neither as a file, nor as class members, nor as the"
                + " statements of a method with dsl, dataSource, configuration and"
                + " connectionFactory (each with the imports at its top and those of"
                + " Wrapping.DEFAULT_IMPORTS); or if it shows a file, put <!-- include: PATH -->"
                + " right before it. As "
                + outcome.wrapping().name().toLowerCase(java.util.Locale.ROOT)
                + ", the most plausible, javac says:");
    for (FragmentCompiler.CompileError error :
        outcome.errors().stream().limit(SHOWN_ERRORS).toList()) {
      String at =
          error.line() < 0
              ? "(no line)"
              : error.line() == 0
                  ? "(the package and imports)"
                  : error.line() > block.text().lines().count()
                      ? "(after the block)"
                      : name(markdown.file()) + ":" + (block.firstLine() + error.line() - 1);
      message
          .append("\n  ")
          .append(at)
          .append(": ")
          .append(error.message().replace("\n", "\n    "));
    }
    if (outcome.errors().size() > SHOWN_ERRORS) {
      message.append("\n  … and ").append(outcome.errors().size() - SHOWN_ERRORS).append(" more");
    }
    return Optional.of(message.toString());
  }

  /**
   * Compiles the Java fragments of {@code documents} (their Java blocks without an include marker)
   * at once, for {@link #check} to answer from: much faster than one at a time.
   */
  void compile(List<Markdown> documents) {
    if (compiler == null) {
      compiler = new FragmentCompiler();
    }
    List<Block> fragments =
        documents.stream()
            .flatMap(markdown -> checkedBlocks(markdown).stream())
            .filter(block -> !INCLUDE.matcher(block.before()).matches())
            .toList();
    List<Outcome> compiled = compiler.compileAll(fragments.stream().map(Block::text).toList());
    for (int i = 0; i < fragments.size(); i++) {
      outcomes.put(fragments.get(i), compiled.get(i));
    }
  }

  /** How {@link #compile} compiled {@code block}, or how it failed. */
  Outcome outcome(Block block) {
    return outcomes.get(block);
  }

  private Optional<String> differences(String where, Block block, String included) {
    Path file = root.resolve(included).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return Optional.of(where + ": the include marker names " + included + ", which is no file");
    }
    String text;
    try {
      text = Files.readString(file).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    text = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    if (text.equals(block.text())) {
      return Optional.empty();
    }
    List<String> expected = text.lines().toList();
    List<String> shown = block.text().lines().toList();
    int line = 0;
    while (line < expected.size()
        && line < shown.size()
        && expected.get(line).equals(shown.get(line))) {
      line++;
    }
    String difference =
        line >= expected.size()
            ? "the block goes on after the file's last line " + line + ": " + shown.get(line)
            : line >= shown.size()
                ? "the block ends before line " + (line + 1) + " of the file: " + expected.get(line)
                : "line "
                    + (line + 1)
                    + " of the file is\n    "
                    + expected.get(line)
                    + "\n  the block has\n    "
                    + shown.get(line);
    return Optional.of(
        where
            + ": the block must be the text of "
            + included
            + " (its include marker), and differs: "
            + difference
            + "\n  (copy the file into the block)");
  }

  /** Every link of {@code markdown} that does not resolve, and every marker without its block. */
  List<String> problems(Markdown markdown) {
    List<String> problems = new ArrayList<>();
    String name = name(markdown.file());
    for (Link link : markdown.links()) {
      String target = link.target();
      if (SCHEME.matcher(target).matches()) {
        continue;
      }
      String where = name + ":" + link.line() + ": [" + link.text() + "](" + target + ")";
      int hash = target.indexOf('#');
      String path = hash < 0 ? target : target.substring(0, hash);
      String anchor = hash < 0 ? "" : decode(target.substring(hash + 1));
      path = decode(path.replaceFirst("\\?.*", ""));
      Path here = markdown.file().toAbsolutePath().normalize();
      Path file =
          path.isEmpty()
              ? here
              : path.startsWith("/")
                  ? root.resolve(path.substring(1)).normalize()
                  : here.resolveSibling(path).normalize();
      if (!file.startsWith(root) || !Files.exists(file)) {
        problems.add(where + ": no file " + path + " (from " + name + ")");
      } else if (!anchor.isEmpty()
          && file.toString().endsWith(".md")
          && !targets.computeIfAbsent(file, Markdown::read).anchors().contains(anchor)) {
        problems.add(where + ": no heading of " + name(file) + " has the anchor #" + anchor);
      }
    }
    for (int i = 0; i < markdown.lines().size(); i++) {
      int line = i + 1;
      if (INCLUDE.matcher(markdown.lines().get(i).strip()).matches()
          && markdown.blocks().stream().noneMatch(b -> b.spans(line))
          && markdown.blocks().stream().noneMatch(b -> b.fenceLine() == line + 1)) {
        problems.add(
            name + ":" + (i + 1) + ": an include marker must be right before a fenced block");
      }
    }
    return problems;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    if (compiler != null) {
      compiler.close();
    }
  }
}
