package dev.sequences.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Keeps passwords out of everything the CLI prints: a JDBC URL's and the one given. */
final class Secrets {

  /** {@code password=...} in a query string or in H2's and others' {@code ;key=value} settings. */
  private static final Pattern PASSWORD_SETTING =
      Pattern.compile("(?i)((?:password|pwd)=)([^&;]*)");

  /** {@code user:password@} in a URL's authority. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)([^/@]*)(@)");

  private static final String HIDDEN = "****";

  private final List<String> secrets = new ArrayList<>();

  /** Remembers {@code secret}, and the password inside {@code url}, to hide them later. */
  void remember(@Nullable String secret) {
    if (secret != null && !secret.isEmpty()) {
      secrets.add(secret);
    }
  }

  /** {@code url} with the passwords in it hidden; remembers them. */
  String url(String url) {
    for (Pattern pattern : List.of(PASSWORD_SETTING, USER_INFO)) {
      Matcher matcher = pattern.matcher(url);
      while (matcher.find()) {
        remember(matcher.group(2));
      }
    }
    return USER_INFO
        .matcher(PASSWORD_SETTING.matcher(url).replaceAll("$1" + HIDDEN))
        .replaceAll("$1" + HIDDEN + "$3");
  }

  /** {@code text} with every remembered secret hidden. */
  String hide(String text) {
    String hidden = text;
    for (String secret : secrets) {
      hidden = hidden.replace(secret, HIDDEN);
    }
    return hidden;
  }
}
