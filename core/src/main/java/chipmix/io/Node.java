package chipmix.io;

import chipmix.validation.Issues;
import chipmix.validation.Range;
import chipmix.validation.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A position in a parsed YAML tree with its path, reporting problems into a shared
 * {@link Issues}. Accessors never throw on bad input: they record an issue (naming the path,
 * the value and what would be accepted) and return empty, so a loader can read the whole file
 * and report every problem at once.
 */
public final class Node {
  private final JsonNode json;
  private final String path;
  private final Issues issues;

  private Node(JsonNode json, String path, Issues issues) {
    this.json = json;
    this.path = path;
    this.issues = issues;
  }

  /** The root of a document; {@code prefix} is prepended to paths (empty for none). */
  public static Node root(JsonNode json, String prefix, Issues issues) {
    return new Node(json, prefix, issues);
  }

  public String path() {
    return path;
  }

  public Issues issues() {
    return issues;
  }

  public JsonNode json() {
    return json;
  }

  public boolean isObject() {
    return json.isObject();
  }

  public boolean has(String key) {
    return json.has(key) && !json.get(key).isNull();
  }

  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The same place in the file (path and issues) holding other content, such as a patched copy of this item. */
  public Node withJson(JsonNode replacement) {
    return new Node(replacement, path, issues);
  }

  /** Records a problem at {@code key} under this node. */
  public void error(String key, String message) {
    issues.add(pathOf(key), message);
  }

  /** Records a problem at this node itself. */
  public void error(String message) {
    issues.add(path, message);
  }

  /** Checks this node is a mapping whose keys are all in {@code allowed}; unknown keys are errors with a suggestion. */
  public boolean expectObject(Set<String> allowed) {
    if (!json.isObject()) {
      error("must be a mapping (key: value), got " + describe(json));
      return false;
    }
    Iterator<String> names = json.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!allowed.contains(k)) {
        error(k, "unknown key '" + k + "'" + Suggestions.didYouMean(k, allowed)
            + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
    return true;
  }

  /** The child mapping at {@code key}, if present. */
  public Optional<Node> child(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    return Optional.of(new Node(json.get(key), pathOf(key), issues));
  }

  /** Like {@link #child} but a missing key is an error. */
  public Optional<Node> requireChild(String key) {
    if (!has(key)) {
      error(key, "is required");
    }
    return child(key);
  }

  /** The elements of the list at {@code key}, each with path {@code key[i]}; empty if absent. */
  public List<Node> items(String key) {
    if (!has(key)) {
      return List.of();
    }
    JsonNode list = json.get(key);
    if (!list.isArray()) {
      error(key, "must be a list, got " + describe(list));
      return List.of();
    }
    List<Node> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(new Node(list.get(i), pathOf(key) + "[" + i + "]", issues));
    }
    return out;
  }

  /** The entries of the mapping at {@code key} as (name, node) pairs, in file order. */
  public List<Entry> entries(String key) {
    if (!has(key)) {
      return List.of();
    }
    JsonNode map = json.get(key);
    if (!map.isObject()) {
      error(key, "must be a mapping, got " + describe(map));
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    map.fields().forEachRemaining(e -> out.add(new Entry(e.getKey(),
        new Node(e.getValue(), pathOf(key) + "." + e.getKey(), issues))));
    return out;
  }

  /** A named child of a mapping. */
  public record Entry(String name, Node node) {}

  public Optional<String> string(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    JsonNode v = json.get(key);
    if (!v.isValueNode() || v.isBoolean()) {
      error(key, "must be text, got " + describe(v));
      return Optional.empty();
    }
    String s = v.asText().strip();
    if (s.isEmpty()) {
      error(key, "must not be empty");
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public Optional<String> requireString(String key) {
    if (!has(key)) {
      error(key, "is required");
      return Optional.empty();
    }
    return string(key);
  }

  /** A list of strings at {@code key} (a single string is accepted as a one-element list). */
  public List<String> strings(String key) {
    if (!has(key)) {
      return List.of();
    }
    JsonNode v = json.get(key);
    if (v.isTextual()) {
      return List.of(v.asText().strip());
    }
    if (!v.isArray()) {
      error(key, "must be a list of text, got " + describe(v));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isValueNode() || e.asText().isBlank()) {
        issues.add(pathOf(key) + "[" + i + "]", "must be non-empty text, got " + describe(e));
      } else {
        out.add(e.asText().strip());
      }
    }
    return out;
  }

  public OptionalDouble number(String key) {
    if (!has(key)) {
      return OptionalDouble.empty();
    }
    JsonNode v = json.get(key);
    if (!v.isNumber()) {
      error(key, "must be a number, got " + describe(v));
      return OptionalDouble.empty();
    }
    double d = v.asDouble();
    if (!Double.isFinite(d)) {
      error(key, "must be a finite number, got " + v.asText());
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(d);
  }

  /**
   * A number at {@code key} within {@code range} (finite, within the documented bounds); a missing
   * key is an error when {@code required}, and every problem names the accepted values.
   */
  public Optional<Double> number(String key, Range range, boolean required) {
    if (!has(key)) {
      if (required) {
        error(key, "is required (" + range.accepted() + ")");
      }
      return Optional.empty();
    }
    JsonNode v = json.get(key);
    if (!v.isNumber()) {
      error(key, "must be " + range.accepted() + ", got " + describe(v));
      return Optional.empty();
    }
    return range.check(issues, pathOf(key), Optional.of(v.asDouble()));
  }

  /** {@link #number(String, Range, boolean)} for a whole-number range whose bounds fit an int. */
  public Optional<Integer> wholeNumber(String key, Range range, boolean required) {
    if (!range.whole() || range.max() > Integer.MAX_VALUE || range.min() < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("not a whole-number range within int: " + range);
    }
    return number(key, range, required).map(Double::intValue);
  }

  /** A number that must be present and strictly positive. */
  public OptionalDouble requirePositive(String key, String unit) {
    if (!has(key)) {
      error(key, "is required (a positive number" + unitSuffix(unit) + ")");
      return OptionalDouble.empty();
    }
    return positive(key, unit);
  }

  /** A number that, if present, must be strictly positive. */
  public OptionalDouble positive(String key, String unit) {
    OptionalDouble d = number(key);
    if (d.isPresent() && d.getAsDouble() <= 0) {
      error(key, "must be positive, got " + fmt(d.getAsDouble()) + unitSuffix(unit));
      return OptionalDouble.empty();
    }
    return d;
  }

  public Optional<Integer> integer(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    JsonNode v = json.get(key);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      error(key, "must be a whole number, got " + describe(v));
      return Optional.empty();
    }
    return Optional.of(v.asInt());
  }

  public Optional<Long> longValue(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    JsonNode v = json.get(key);
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return Optional.of(v.asLong());
    }
    // Accept 1.5e12-style literals when they are whole numbers.
    if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 9.0e18) {
      return Optional.of((long) v.asDouble());
    }
    error(key, "must be a whole number, got " + describe(v));
    return Optional.empty();
  }

  public Optional<Boolean> bool(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    JsonNode v = json.get(key);
    if (!v.isBoolean()) {
      error(key, "must be true or false, got " + describe(v));
      return Optional.empty();
    }
    return Optional.of(v.asBoolean());
  }

  /** An ISO date ({@code 2025-05-13}). */
  public Optional<LocalDate> date(String key) {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(s.get()));
    } catch (DateTimeParseException e) {
      error(key, s.get() + " is not a date (expected YYYY-MM-DD)");
      return Optional.empty();
    }
  }

  public Optional<LocalDate> requireDate(String key) {
    if (!has(key)) {
      error(key, "is required (a date, YYYY-MM-DD)");
      return Optional.empty();
    }
    return date(key);
  }

  /** An enum constant, written in lower case with dashes ({@code presumption-of-denial}). */
  public <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    String wanted = s.get().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return Optional.of(e);
      }
    }
    List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Node::enumText).toList();
    error(key, "'" + s.get() + "' is not one of " + String.join(", ", allowed)
        + Suggestions.didYouMean(s.get(), allowed));
    return Optional.empty();
  }

  /** The text form of an enum constant in files and on the command line. */
  public static String enumText(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String describe(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "nothing";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isTextual()) {
      return "'" + v.asText() + "'";
    }
    return v.asText();
  }

  private static String unitSuffix(String unit) {
    return unit == null || unit.isEmpty() ? "" : " " + unit;
  }

  /** Formats a number without a trailing ".0" for whole values. */
  public static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
