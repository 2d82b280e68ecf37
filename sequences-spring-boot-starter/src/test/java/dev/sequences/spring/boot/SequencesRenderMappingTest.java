package dev.sequences.spring.boot;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * What the render mapping renders: the counter table under its configured name, and (jOOQ maps
 * schemas, not single tables) the application's other schema-less tables quoted, and in {@code
 * sequences.schema} if set; tables that name their schema and plain-SQL names are untouched. The
 * README states this.
 */
class SequencesRenderMappingTest {

  @Test
  void defaultsMapNothing() {
    assertEquals(
        "delete from boot_invoice",
        render(new SequencesRenderMapping(null, "sequences_sequence"), unquoted()));
  }

  @Test
  void aTableMapsTheCounterTableAndQuotesOtherSchemaLessTables() {
    SequencesRenderMapping mapping = new SequencesRenderMapping(null, "custom_counters");
    assertEquals("delete from \"custom_counters\"", render(mapping, counterTable()));
    assertEquals("delete from \"boot_invoice\"", render(mapping, unquoted()));
    assertEquals("delete from app.boot_invoice", render(mapping, qualified()));
    assertEquals("delete from boot_invoice", render(mapping, plainSql()));
  }

  @Test
  void aSchemaAlsoMovesOtherSchemaLessTablesIntoIt() {
    SequencesRenderMapping mapping = new SequencesRenderMapping("billing", "custom_counters");
    assertEquals("delete from \"billing\".\"custom_counters\"", render(mapping, counterTable()));
    assertEquals("delete from \"billing\".\"boot_invoice\"", render(mapping, unquoted()));
    assertEquals("delete from app.boot_invoice", render(mapping, qualified()));
    assertEquals("delete from boot_invoice", render(mapping, plainSql()));
  }

  private static String render(SequencesRenderMapping mapping, org.jooq.Table<?> table) {
    Settings settings = mapping.apply(new Settings());
    DSLContext dsl = DSL.using(SQLDialect.POSTGRES, settings);
    return dsl.deleteFrom(table).getSQL();
  }

  private static org.jooq.Table<?> counterTable() {
    return table(name("sequences_sequence"));
  }

  private static org.jooq.Table<?> unquoted() {
    return table(unquotedName("boot_invoice"));
  }

  private static org.jooq.Table<?> qualified() {
    return table(unquotedName("app", "boot_invoice"));
  }

  private static org.jooq.Table<?> plainSql() {
    return table("boot_invoice");
  }
}
