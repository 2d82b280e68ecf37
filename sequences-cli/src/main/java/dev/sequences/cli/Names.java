package dev.sequences.cli;

import dev.sequences.jooq.GaplessSequence;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jooq.Name;
import org.jooq.impl.DSL;

/** Turns command-line words into sequences and SQL identifiers, refusing what they cannot be. */
final class Names {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private Names() {}

  /** The sequence called {@code name}; a bad name is a usage error. */
  static GaplessSequence sequence(String name) {
    try {
      return GaplessSequence.named(name);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * A table or column name, optionally qualified ({@code schema.table}): letters, digits and
   * underscores, not starting with a digit. Each part is folded to the case in which the database
   * stores unquoted names (upper case on H2, lower case on PostgreSQL), as if it had been written
   * unquoted in SQL, and then quoted, so that even a reserved word is taken as a name.
   *
   * @throws CliException (usage) if {@code text} is not such a name
   */
  static Name identifier(String option, String text, Database db) {
    return db.dsl().connectionResult(c -> identifier(option, text, c.getMetaData()));
  }

  private static Name identifier(String option, String text, DatabaseMetaData metaData)
      throws SQLException {
    String[] parts = text.split("\\.", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (metaData.storesUpperCaseIdentifiers()) {
        parts[i] = part.toUpperCase(Locale.ROOT);
      } else if (metaData.storesLowerCaseIdentifiers()) {
        parts[i] = part.toLowerCase(Locale.ROOT);
      }
      if (!IDENTIFIER.matcher(part).matches()) {
        throw new CliException(
            ExitCode.USAGE,
            option
                + " '"
                + text
                + "' is not an identifier: use letters, digits and underscores, not starting with"
                + " a digit, optionally qualified as schema.table");
      }
    }
    return DSL.name(parts);
  }
}
