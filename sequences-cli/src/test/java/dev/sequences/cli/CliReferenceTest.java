package dev.sequences.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * docs/cli-reference.md is the help of every command, as {@code sequences COMMAND --help} prints
 * it: rendered here from the commands themselves, at picocli's default width of 80 columns and
 * without colours, whatever the terminal, and compared with the file. When a command changes, the
 * file is written again by {@link #REGENERATE}.
 */
class CliReferenceTest {

  /** Where the reference is, from this module's folder (Maven's working directory for tests). */
  private static final Path REFERENCE = Path.of("../docs/cli-reference.md");

  /** The system property that writes the reference instead of comparing it. */
  private static final String WRITE = "sequences.docs.write";

  /** The command that writes the reference again. */
  static final String REGENERATE =
      "./mvnw -B -ntp test -pl sequences-cli -am -Dtest=CliReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -D"
          + WRITE
          + "=true";

  /** The width {@code --help} prints at: picocli's default, as the CLI does not detect it. */
  private static final int WIDTH = 80;

  /** picocli's system property that would override {@link #WIDTH}. */
  private static final String WIDTH_PROPERTY = "picocli.usage.width";

  /** picocli's system property that turns colours on or off, whatever the terminal. */
  private static final String ANSI_PROPERTY = "picocli.ansi";

  @Test
  void theReferenceIsTheCommandsOwnHelp() throws IOException {
    String rendered = render();
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(REFERENCE, rendered, StandardCharsets.UTF_8);
      return;
    }
    String committed =
        Files.exists(REFERENCE) ? Files.readString(REFERENCE).replace("\r\n", "\n") : "";
    if (!committed.equals(rendered)) {
      fail(
          "docs/cli-reference.md is not what the commands' --help prints ("
              + firstDifference(rendered, committed)
              + "): write it again with\n  "
              + REGENERATE
              + "\nand commit it");
    }
  }

  @Test
  void everyCommandHasItsSectionInTheOrderOfTheTopCommandsHelp() {
    List<String> headings =
        render().lines().filter(line -> line.startsWith("## ")).map(h -> h.substring(3)).toList();
    assertEquals("sequences", headings.get(0));
    assertEquals("sequences help", headings.get(1));
    assertTrue(headings.contains("sequences series verify"), headings.toString());
    assertEquals(headings.size(), Set.copyOf(headings).size(), "each command once: " + headings);
  }

  @Test
  void theWidthAndColoursDoNotDependOnTheTerminal() {
    String before = System.getProperty(WIDTH_PROPERTY);
    System.setProperty(WIDTH_PROPERTY, "140");
    try {
      String wide = render();
      List<String> help =
          Arrays.stream(wide.split("```text\n"))
              .skip(1)
              .flatMap(block -> block.substring(0, block.indexOf("```")).lines())
              .toList();
      assertTrue(help.size() > 500, "the help of every command: " + help.size() + " lines");
      assertEquals(
          List.of(), help.stream().filter(line -> line.length() > WIDTH).toList(), "80 columns");
      assertTrue(wide.indexOf('\u001b') < 0, "no ANSI escape");
    } finally {
      restore(WIDTH_PROPERTY, before);
    }
  }

  /**
   * Each section is what {@code sequences COMMAND --help} prints, through {@link SequencesCli#run}
   * (where no terminal means no colours).
   */
  @Test
  void eachSectionIsWhatTheCommandPrintsForHelp() {
    String reference = render();
    String width = System.clearProperty(WIDTH_PROPERTY);
    String ansi = System.setProperty(ANSI_PROPERTY, "false");
    try {
      for (CommandLine command : commands()) {
        List<String> args =
            new ArrayList<>(List.of(command.getCommandSpec().qualifiedName().split(" ")));
        args.set(0, "--help");
        Collections.rotate(args, -1);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
            SequencesCli.run(
                args.toArray(String[]::new),
                new PrintWriter(out),
                new PrintWriter(err),
                Reader.nullReader(),
                Map.of(),
                NO_TERMINAL,
                Path.of(""));
        assertEquals(0, code, args + ": " + err);
        assertTrue(
            reference.contains("```text\n" + shown(out.toString()) + "\n```\n"),
            "the reference shows what " + args + " prints");
      }
    } finally {
      restore(WIDTH_PROPERTY, width);
      restore(ANSI_PROPERTY, ansi);
    }
  }

  /** The reference: a heading and a text block per command, the top command first. */
  static String render() {
    String width = System.clearProperty(WIDTH_PROPERTY);
    try {
      List<CommandLine> commands = commands();
      StringBuilder markdown =
          new StringBuilder("<!-- Generated from the commands' own help by CliReferenceTest: do")
              .append(" not edit. Write it again with: ")
              .append(REGENERATE)
              .append(" -->\n")
              .append("# CLI reference\n\n")
              .append("What `sequences COMMAND --help` prints, for every command.\n\n");
      for (CommandLine command : commands) {
        String name = command.getCommandSpec().qualifiedName();
        markdown.append("- [`").append(name).append("`](#").append(name.replace(' ', '-'));
        markdown.append(")\n");
      }
      for (CommandLine command : commands) {
        markdown
            .append("\n## ")
            .append(command.getCommandSpec().qualifiedName())
            .append("\n\n```text\n")
            .append(shown(command.getUsageMessage(Ansi.OFF)))
            .append("\n```\n");
      }
      return markdown.toString();
    } finally {
      restore(WIDTH_PROPERTY, width);
    }
  }

  /** The top command, then every subcommand, depth first, in the order they are declared. */
  private static List<CommandLine> commands() {
    CommandLine top =
        SequencesCli.commandLine(
            new SequencesCli(Map.of(), Reader.nullReader(), NO_TERMINAL, Path.of("")));
    top.setUsageHelpAutoWidth(false);
    top.setUsageHelpWidth(WIDTH);
    List<CommandLine> commands = new ArrayList<>();
    collect(top, commands, Collections.newSetFromMap(new IdentityHashMap<>()));
    return commands;
  }

  /** Help as the reference shows it: \n line ends, no trailing blanks, no blank lines around. */
  private static String shown(String help) {
    return help.replace("\r\n", "\n")
        .lines()
        .map(String::stripTrailing)
        .collect(Collectors.joining("\n"))
        .strip();
  }

  /** {@code command}, then its subcommands in the order they are declared, each once. */
  private static void collect(CommandLine command, List<CommandLine> into, Set<Object> seen) {
    if (!seen.add(command.getCommandSpec()) || command.getCommandSpec().usageMessage().hidden()) {
      return;
    }
    into.add(command);
    for (CommandLine subcommand : command.getSubcommands().values()) {
      collect(subcommand, into, seen);
    }
  }

  private static String firstDifference(String expected, String actual) {
    List<String> want = expected.lines().toList();
    List<String> have = actual.lines().toList();
    int line = 0;
    while (line < want.size() && line < have.size() && want.get(line).equals(have.get(line))) {
      line++;
    }
    return "first difference at line "
        + (line + 1)
        + ": the help has "
        + (line < want.size() ? "\"" + want.get(line) + "\"" : "nothing more")
        + ", the file "
        + (line < have.size() ? "\"" + have.get(line) + "\"" : "nothing more");
  }

  private static void restore(String property, @Nullable String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  private static final Terminal NO_TERMINAL =
      new Terminal() {
        @Override
        public boolean present() {
          return false;
        }

        @Override
        public char @Nullable [] readPassword(String prompt) {
          return null;
        }
      };
}
