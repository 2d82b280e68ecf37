package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One list of the public API: package-info names every public type, and CONTRIBUTING.md's layout
 * the same.
 */
class PublicApiListTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/sequences/jooq");

  @Test
  void packageInfoNamesEveryPublicTypeOnce() throws IOException {
    assertEquals(publicTypes(), listed(Files.readString(SOURCES.resolve("package-info.java"))));
  }

  @Test
  void theContributingGuidesLayoutNamesTheSamePublicTypes() throws IOException {
    String contributing = Files.readString(Path.of("../CONTRIBUTING.md"));
    String api =
        contributing.substring(contributing.indexOf("- `sequences-jooq` — the public API"));
    api = api.substring(0, api.indexOf("Inside:"));
    Set<String> named = new TreeSet<>();
    Matcher code = Pattern.compile("`([A-Z][A-Za-z]+)`").matcher(api);
    while (code.find()) {
      if (!code.group(1).endsWith("Test")) {
        named.add(code.group(1));
      }
    }
    assertEquals(publicTypes(), named);
  }

  private static Set<String> publicTypes() throws IOException {
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString().replace(".java", "");
        if (Pattern.compile("(?m)^public .*(class|interface|enum|record) " + name + "\\b")
            .matcher(Files.readString(file))
            .find()) {
          types.add(name);
        }
      }
    }
    return types;
  }

  /** The types of the list items of package-info's first list. */
  private static Set<String> listed(String packageInfo) {
    String list = packageInfo.substring(0, packageInfo.indexOf("</ul>"));
    Set<String> types = new TreeSet<>();
    for (String item : List.of(list.split("<li>"))) {
      Matcher link =
          Pattern.compile("^\\{@link dev\\.sequences\\.jooq\\.([A-Za-z]+)}").matcher(item);
      if (link.find()) {
        types.add(link.group(1));
      }
    }
    return types;
  }
}
