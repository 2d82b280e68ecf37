package dev.sequences.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the documentation checks read in a Markdown file: its fenced code blocks, its links and its
 * anchors. Not a Markdown parser: fences (``` or ~~~, at any indentation, as in list items), ATX
 * headings ({@code ## Title}), inline links and images, reference definitions and HTML {@code
 * href}/{@code src} attributes, which is what GitHub renders from our files.
 *
 * @param file the file, as read
 * @param lines its lines, without line ends
 * @param blocks its fenced code blocks, in order
 * @param links its relative and absolute link targets outside code, in order
 * @param anchors the anchors GitHub gives its headings and its {@code <a name|id>} tags
 */
record Markdown(
    Path file, List<String> lines, List<Block> blocks, List<Link> links, Set<String> anchors) {

  /**
   * A fenced code block.
   *
   * @param fenceLine the 1-based line of its opening fence
   * @param language the first word of the fence's info string, or "" (```java gives "java")
   * @param text its lines, each ended by '\n', less the fence's indentation
   * @param before the line before the fence, stripped, or "" on the first line
   */
  record Block(int fenceLine, String language, String text, String before) {

    /** The 1-based line of its first line of code. */
    int firstLine() {
      return fenceLine + 1;
    }

    /** True if the 1-based {@code line} is one of its fences or of its code. */
    boolean spans(int line) {
      return line >= fenceLine && line <= fenceLine + text.lines().count() + 1;
    }
  }

  /**
   * A link target.
   *
   * @param line the 1-based line it is on
   * @param text what the reader sees, or the reference's label
   * @param target the target as written, angle brackets removed
   */
  record Link(int line, String text, String target) {}

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^\\s`]*).*$");
  private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s+(.*?))?\\s*$");
  private static final Pattern INLINE_LINK =
      Pattern.compile(
          "!?\\[((?:[^\\[\\]]|\\[[^\\]]*\\])*)\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[([^\\]^][^\\]]*)\\]:\\s*(<[^>]*>|\\S+).*$");
  private static final Pattern HTML_LINK = Pattern.compile("\\b(?:href|src)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern HTML_ANCHOR =
      Pattern.compile("<a\\s[^>]*\\b(?:name|id)\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

  /** Reads {@code file}; line ends may be \n or \r\n. */
  static Markdown read(Path file) {
    try {
      return parse(file, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Markdown parse(Path file, String content) {
    List<String> lines = content.replace("\r\n", "\n").lines().toList();
    List<Block> blocks = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> slugCounts = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        int indent = fence.group(1).length();
        String marker = fence.group(2);
        StringBuilder text = new StringBuilder();
        int open = i;
        for (i++; i < lines.size() && !closes(lines.get(i), marker); i++) {
          text.append(unindent(lines.get(i), indent)).append('\n');
        }
        blocks.add(
            new Block(
                open + 1,
                fence.group(3).toLowerCase(Locale.ROOT),
                text.toString(),
                open == 0 ? "" : lines.get(open - 1).strip()));
        continue;
      }
      String prose = CODE_SPAN.matcher(line).replaceAll(m -> " ".repeat(m.group().length()));
      Matcher heading = ATX_HEADING.matcher(prose);
      if (heading.matches() && heading.group(1) != null) {
        String slug = slug(line.strip().replaceFirst("^#+\\s*", "").replaceFirst("\\s+#+$", ""));
        int seen = slugCounts.merge(slug, 1, Integer::sum) - 1;
        anchors.add(seen == 0 ? slug : slug + "-" + seen);
      }
      Matcher inline = INLINE_LINK.matcher(prose);
      while (inline.find()) {
        links.add(new Link(i + 1, inline.group(1), unbracket(inline.group(2))));
      }
      Matcher definition = REFERENCE_DEFINITION.matcher(prose);
      if (definition.matches()) {
        links.add(new Link(i + 1, definition.group(1), unbracket(definition.group(2))));
      }
      Matcher html = HTML_LINK.matcher(prose);
      while (html.find()) {
        links.add(new Link(i + 1, html.group(1), html.group(1)));
      }
      Matcher anchor = HTML_ANCHOR.matcher(prose);
      while (anchor.find()) {
        anchors.add(anchor.group(1));
      }
    }
    return new Markdown(file, lines, List.copyOf(blocks), List.copyOf(links), anchors);
  }

  /**
   * The anchor GitHub gives a heading: its text as shown (links reduced to their text, code spans
   * to their code, HTML tags dropped), lower case, every character but letters, digits, spaces, '-'
   * and '_' removed, spaces turned into '-'. A repeated slug gets "-1", "-2", … (in {@link
   * #parse}).
   */
  static String slug(String heading) {
    String shown =
        heading
            .replaceAll("!?\\[((?:[^\\[\\]]|\\[[^\\]]*\\])*)\\]\\([^)]*\\)", "$1")
            .replaceAll("<[^>]+>", "");
    StringBuilder slug = new StringBuilder();
    shown
        .toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (c == ' ') {
                slug.append('-');
              } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
              }
            });
    return slug.toString();
  }

  private static boolean closes(String line, String marker) {
    String stripped = line.strip();
    return stripped.length() >= marker.length()
        && stripped.chars().allMatch(c -> c == marker.charAt(0));
  }

  private static String unindent(String line, int indent) {
    int start = 0;
    while (start < indent && start < line.length() && line.charAt(start) == ' ') {
      start++;
    }
    return line.substring(start);
  }

  private static String unbracket(String target) {
    return target.startsWith("<") && target.endsWith(">")
        ? target.substring(1, target.length() - 1)
        : target;
  }
}
