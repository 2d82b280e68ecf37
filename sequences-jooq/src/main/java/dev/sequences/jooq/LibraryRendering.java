package dev.sequences.jooq;

import static dev.sequences.jooq.internal.Tables.SEQUENCES_SEQUENCE;

import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;

/**
 * How the library renders its own statements, whatever the caller's settings: the counter table and
 * its columns quoted, as the migrations create them (lower case), and every value bound, never
 * inlined. The caller's render mapping (another schema or table name) and every other setting stay
 * as they are.
 */
final class LibraryRendering {

  private LibraryRendering() {}

  /** True if statements rendered with {@code settings} would differ from the library's rules. */
  static boolean differs(Settings settings) {
    RenderQuotedNames quoted = settings.getRenderQuotedNames();
    RenderNameCase nameCase = settings.getRenderNameCase();
    ParamType paramType = settings.getParamType();
    return (quoted != null && quoted != RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
        || (nameCase != null && nameCase != RenderNameCase.AS_IS)
        || settings.getStatementType() == StatementType.STATIC_STATEMENT
        || (paramType != null && paramType != ParamType.INDEXED)
        || Boolean.FALSE.equals(settings.isRenderSchema());
  }

  /** A copy of {@code settings} with the library's rules. */
  static Settings of(Settings settings) {
    return withRules(SettingsTools.clone(settings));
  }

  /**
   * The library's own settings for rendering its statements where the counter table is {@code
   * table} (a schema and a name, or a name): its rules, and a mapping of the generated table there.
   */
  static Settings placing(Name table) {
    Name[] parts = table.parts();
    MappedTable mapped =
        new MappedTable()
            .withInput(SEQUENCES_SEQUENCE.getName())
            .withOutput(parts[parts.length - 1].last());
    MappedSchema schema = new MappedSchema().withInput("").withTables(mapped);
    if (parts.length > 1) {
      schema.setOutput(parts[0].last());
    }
    return withRules(new Settings()).withRenderMapping(new RenderMapping().withSchemata(schema));
  }

  private static Settings withRules(Settings settings) {
    return settings
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
        .withRenderNameCase(RenderNameCase.AS_IS)
        .withStatementType(StatementType.PREPARED_STATEMENT)
        .withParamType(ParamType.INDEXED)
        // Without the schema, a render mapping to another schema would be lost.
        .withRenderSchema(true);
  }

  /** {@code ctx} if its settings follow the library's rules, else a context derived with them. */
  static DSLContext applied(DSLContext ctx) {
    Settings settings = ctx.configuration().settings();
    return differs(settings) ? DSL.using(ctx.configuration().derive(of(settings))) : ctx;
  }
}
