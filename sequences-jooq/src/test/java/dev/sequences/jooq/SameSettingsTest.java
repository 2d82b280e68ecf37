package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.junit.jupiter.api.Test;

/** {@link SameSettings} sees every setting that {@code Settings.equals} sees. */
class SameSettingsTest {

  @Test
  void comparesEveryGetterOfTheSettingsOnTheClassPath() {
    assertEquals(
        SameSettings.getters(),
        SameSettings.GETTERS,
        "jOOQ's Settings has other getters than SameSettings compares (it falls back to the slow"
            + " Settings.equals): generate SameSettings.java again, as SameSettingsSource says");
    assertTrue(SameSettings.COMPLETE);
  }

  /** Each field of {@code Settings}, changed alone in a copy, makes the copy another setting. */
  @Test
  void everyFieldChangedAloneIsSeen() throws ReflectiveOperationException {
    Settings base = new Settings().withRenderMapping(new RenderMapping().withDefaultSchema("app"));
    List<String> checked = new ArrayList<>();
    for (Field field : fields()) {
      Settings changed = SettingsTools.clone(base);
      field.setAccessible(true);
      field.set(changed, other(field, field.get(base)));
      assertFalse(SameSettings.same(base, changed), field.getName());
      assertFalse(SameSettings.same(changed, base), field.getName());
      assertFalse(base.equals(changed), field.getName()); // the change is a change to jOOQ too
      checked.add(field.getName());
    }
    assertEquals(SameSettings.GETTERS.size(), checked.size());
  }

  /** Built anew on each call: equal settings that share no object. */
  private static Settings sample() {
    return new Settings()
        .withRenderSchema(false)
        .withQueryTimeout(5)
        .withRenderMapping(
            new RenderMapping().withSchemata(new MappedSchema().withInput("a").withOutput("b")));
  }

  @Test
  void equalSettingsAreTheSame() {
    Settings settings = sample();
    assertTrue(SameSettings.same(settings, sample()));
    assertTrue(SameSettings.same(settings, SettingsTools.clone(settings)));
    assertTrue(SameSettings.same(new Settings(), new Settings()));
  }

  @Test
  void aChangeDeepInsideTheRenderMappingIsSeen() {
    Settings settings =
        new Settings()
            .withRenderMapping(
                new RenderMapping()
                    .withSchemata(new MappedSchema().withInput("a").withOutput("seq_Aa")));
    Settings changed =
        new Settings()
            .withRenderMapping(
                new RenderMapping()
                    .withSchemata(new MappedSchema().withInput("a").withOutput("seq_BB")));
    assertEquals(settings.hashCode(), changed.hashCode()); // jOOQ's hash cannot tell them apart
    assertFalse(SameSettings.same(settings, changed));
  }

  /** The instance fields of {@code Settings} and of its superclasses in jOOQ. */
  private static List<Field> fields() {
    List<Field> fields = new ArrayList<>();
    for (Class<?> type = Settings.class;
        type.getName().startsWith("org.jooq.");
        type = type.getSuperclass()) {
      Arrays.stream(type.getDeclaredFields())
          .filter(field -> !Modifier.isStatic(field.getModifiers()))
          .forEach(fields::add);
    }
    return fields;
  }

  /** A value of {@code field}'s type other than {@code value}. */
  private static Object other(Field field, Object value) throws ReflectiveOperationException {
    Class<?> type = field.getType();
    if (type == Boolean.class) {
      return !Boolean.TRUE.equals(value);
    } else if (type == Integer.class) {
      return value == null ? 7 : (Integer) value + 1;
    } else if (type == Long.class) {
      return value == null ? 7L : (Long) value + 1;
    } else if (type == String.class) {
      return value + "x";
    } else if (type == Locale.class) {
      return Locale.CHINA.equals(value) ? Locale.GERMAN : Locale.CHINA;
    } else if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        if (!constant.equals(value)) {
          return constant;
        }
      }
    } else if (type == List.class) {
      List<Object> list = new ArrayList<>();
      list.add(null);
      return list;
    } else if (value == null) {
      return type.getConstructor().newInstance();
    } else {
      return null;
    }
    throw new AssertionError("no other value for " + field);
  }
}
