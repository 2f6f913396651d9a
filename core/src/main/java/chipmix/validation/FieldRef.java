package chipmix.validation;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How a core message names a request field: by its key in snake_case between backticks
 * ({@code `usd_per_device_hour`}), never as a command-line flag or a command to run, since the
 * same message reaches the CLI and the web. Each adapter renders the references in its own words:
 * the CLI as its options ({@code --usd-per-device-hour}, {@link #asOption}), the web API as its
 * JSON fields ({@code usd_per_device_hour}, {@link #asField}). Unrendered, the text still reads.
 */
public final class FieldRef {
  private static final Pattern REF = Pattern.compile("`([a-z][a-z0-9]*(?:_[a-z0-9]+)*)`");

  private FieldRef() {}

  /** The reference to the field {@code key} (snake_case) inside a message. */
  public static String of(String key) {
    if (!REF.matcher("`" + key + "`").matches()) {
      throw new IllegalArgumentException("a field key is snake_case, got '" + key + "'");
    }
    return "`" + key + "`";
  }

  /** {@code text} with every field reference replaced by {@code name.apply(key)}. */
  public static String render(String text, Function<String, String> name) {
    return REF.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(name.apply(m.group(1))));
  }

  /** The CLI's words: {@code `usd_per_device_hour`} becomes {@code --usd-per-device-hour}. */
  public static String asOption(String text) {
    return render(text, k -> "--" + k.replace('_', '-'));
  }

  /** The web API's words: {@code `usd_per_device_hour`} becomes the JSON field {@code usd_per_device_hour}. */
  public static String asField(String text) {
    return render(text, k -> k);
  }
}
