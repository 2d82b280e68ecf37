package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serial;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.conf.InterpreterSearchSchema;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.MigrationSchema;
import org.jooq.conf.ParseSearchSchema;
import org.jooq.conf.RenderFormatting;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Review of the render cache's key: its hash, its copy of the settings. */
class RenderedOnceKeyTest {

  /** A key as the cache makes it (the record is private). */
  private static Object key(Settings settings, Name table) throws ReflectiveOperationException {
    Class<?> type = Class.forName("dev.sequences.jooq.RenderedOnce$Key");
    Constructor<?> constructor = type.getDeclaredConstructors()[0];
    constructor.setAccessible(true);
    return constructor.newInstance("upsert-returning", SQLDialect.POSTGRES, settings, table);
  }

  /**
   * jOOQ's multi-tenancy: one render mapping per tenant, for the application's schema. The counter
   * table is not in that schema, so its mapped name is the same for every tenant, and the keys of
   * the tenants differ only in their render mapping. They must not all fall into one bucket: a
   * lookup would compare the caller's settings with every tenant's kept ones (the map's bins of
   * keys that are not Comparable are searched one by one).
   */
  @Test
  void tenantsWhoseMappingsLeaveTheCounterTableAloneSpreadOverTheMap()
      throws ReflectiveOperationException {
    Name table = DSL.name("sequences", "sequences_sequence");
    Set<Integer> hashes = new HashSet<>();
    int tenants = 200;
    for (int i = 0; i < tenants; i++) {
      Settings settings =
          new Settings()
              .withRenderMapping(
                  new RenderMapping()
                      .withSchemata(new MappedSchema().withInput("app").withOutput("tenant_" + i)));
      hashes.add(key(settings, table).hashCode());
    }
    assertTrue(hashes.size() > tenants * 9 / 10, hashes.size() + " distinct hashes for " + tenants);
  }

  /**
   * Each value the kept copy must not share, filled deep, then changed deep in the caller's
   * settings after the copy: the copy must not follow. (The existing test fills them with empty
   * values and checks only the top-level object, which jOOQ's own clone already replaces for six of
   * the seven: it passes without those six lines of deepCopy.)
   */
  @Test
  void aChangeDeepInsideAnyKeptValueIsNotSeenByTheCopy() {
    record Change(String what, Consumer<Settings> change) {}
    for (Change change :
        new Change[] {
          new Change(
              "renderMapping",
              s -> s.getRenderMapping().getSchemata().get(0).getTables().get(0).setOutput("moved")),
          new Change("renderFormatting", s -> s.getRenderFormatting().setIndentation("\t")),
          new Change("parseSearchPath", s -> s.getParseSearchPath().get(0).setSchema("moved")),
          new Change(
              "interpreterSearchPath", s -> s.getInterpreterSearchPath().get(0).setSchema("moved")),
          new Change("migrationSchemata", s -> s.getMigrationSchemata().get(0).setSchema("moved")),
          new Change(
              "migrationDefaultSchema", s -> s.getMigrationDefaultSchema().setSchema("moved")),
          new Change(
              "migrationHistorySchema", s -> s.getMigrationHistorySchema().setSchema("moved"))
        }) {
      Settings settings = filled();
      Settings copy = Objects.requireNonNull(RenderedOnce.deepCopy(settings));
      assertTrue(SameSettings.same(settings, copy), change.what());
      change.change().accept(settings);
      assertFalse(SameSettings.same(settings, copy), change.what() + " changed in the copy too");
      assertTrue(SameSettings.same(filled(), copy), change.what() + " changed in the copy too");
    }
  }

  private static Settings filled() {
    return new Settings()
        .withRenderMapping(
            new RenderMapping()
                .withSchemata(
                    new MappedSchema()
                        .withInput("")
                        .withTables(
                            new MappedTable().withInput("sequences_sequence").withOutput("t"))))
        .withRenderFormatting(new RenderFormatting().withIndentation("  "))
        .withParseSearchPath(new ParseSearchSchema().withSchema("p"))
        .withInterpreterSearchPath(new InterpreterSearchSchema().withSchema("i"))
        .withMigrationSchemata(new MigrationSchema().withSchema("m"))
        .withMigrationDefaultSchema(new MigrationSchema().withSchema("d"))
        .withMigrationHistorySchema(new MigrationSchema().withSchema("h"));
  }

  /**
   * A {@code Settings} this build does not know (a newer jOOQ, README: "3.21 or newer", or a
   * subclass), here with one more mutable value, which its equals compares as jOOQ's generated
   * equals would. {@code SameSettings} falls back to equals for it; the copy must then still share
   * no mutable value with the caller's settings, or an in-place change is never seen.
   */
  @Test
  void settingsThisBuildDoesNotKnowAreCopiedWhole() {
    FutureSettings settings = new FutureSettings();
    settings.futureMapping = new RenderMapping().withDefaultSchema("a");
    FutureSettings copy = (FutureSettings) RenderedOnce.deepCopy(settings);
    assertNotNull(copy);
    assertTrue(SameSettings.same(settings, copy));
    settings.futureMapping.setDefaultSchema("b");
    assertNotSame(settings.futureMapping, copy.futureMapping);
    assertFalse(SameSettings.same(settings, copy), "the change reached the kept copy");
  }

  /** Stands for a newer jOOQ's Settings with one more (mutable) setting. */
  static final class FutureSettings extends Settings {
    @Serial private static final long serialVersionUID = 1L;

    RenderMapping futureMapping;

    @Override
    public boolean equals(Object other) {
      return super.equals(other)
          && Objects.equals(futureMapping, ((FutureSettings) other).futureMapping);
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + Objects.hashCode(futureMapping);
    }
  }

  /**
   * Looking a template up must not write to the caller's settings: they may be one configuration's
   * settings, read by every thread that uses it, and jOOQ itself does not write them when it
   * renders.
   */
  @Test
  void lookingUpDoesNotWriteToTheCallersSettings() throws ReflectiveOperationException {
    Settings kept = Objects.requireNonNull(RenderedOnce.deepCopy(new Settings()));
    Settings callers = new Settings();
    Name table = DSL.name("sequences_sequence");
    assertTrue(key(callers, table).equals(key(kept, table)));
    for (String name :
        new String[] {"parseSearchPath", "interpreterSearchPath", "migrationSchemata"}) {
      Field field = Settings.class.getDeclaredField(name);
      field.setAccessible(true);
      assertNull(field.get(callers), name + " written by the lookup");
    }
  }
}
