package chipmix.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import chipmix.validation.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path to a field of a scenario, as a sweep axis names it: keys joined by dots, and a list item
 * chosen by its {@code id} ({@code orders[ascend-910b]}) or by its index ({@code pools[2]}), as in
 * {@code orders[ascend-910b].slip.delivered_fraction}.
 */
public record AxisPath(String text, List<Step> steps) {
  private static final Pattern STEP = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[[^\\]]+\\])*)");
  private static final Pattern SELECTOR = Pattern.compile("\\[([^\\]]+)\\]");

  public AxisPath {
    Objects.requireNonNull(text, "text");
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("an axis path has at least one step");
    }
  }

  /** One step of a path: a key of a mapping, or an item of a list. */
  public sealed interface Step permits Key, ById, ByIndex {}

  public record Key(String name) implements Step {}

  public record ById(String id) implements Step {}

  public record ByIndex(int index) implements Step {}

  /** Parses {@code text}; empty when it is not a path (the caller reports it). */
  public static Optional<AxisPath> parse(String text) {
    List<Step> steps = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      Matcher m = STEP.matcher(part);
      if (!m.matches()) {
        return Optional.empty();
      }
      steps.add(new Key(m.group(1)));
      Matcher sel = SELECTOR.matcher(m.group(2));
      while (sel.find()) {
        String s = sel.group(1).trim();
        steps.add(s.matches("[0-9]+") ? new ByIndex(Integer.parseInt(s)) : new ById(s));
      }
    }
    return Optional.of(new AxisPath(text, steps));
  }

  /**
   * Where this path leads in {@code tree}: the mapping holding the last key and that key. Every
   * list item selected must exist; a missing key of a mapping is created (an empty mapping on the
   * way, the value itself at the end), so that an axis can set a field the base leaves out (a
   * slip); the scenario loader then rejects a key the scenario does not know, with a suggestion.
   *
   * @return the parent mapping and the last key, or a message saying which step does not resolve
   */
  public Resolved resolve(JsonNode tree) {
    JsonNode at = tree;
    StringBuilder walked = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      boolean last = i == steps.size() - 1;
      switch (step) {
        case Key k -> {
          if (!(at instanceof ObjectNode obj)) {
            return Resolved.error("'" + walked + "' is not a mapping, so it has no key '" + k.name() + "'");
          }
          if (last) {
            return new Resolved(Optional.of(obj), k.name(), Optional.empty());
          }
          JsonNode next = obj.get(k.name());
          if (next == null || next.isNull()) {
            if (steps.get(i + 1) instanceof Key) {
              next = obj.putObject(k.name());
            } else {
              return Resolved.error("the scenario has no '" + join(walked, k.name()) + "'"
                  + Suggestions.didYouMean(k.name(), fieldNames(obj)));
            }
          }
          walked.append(walked.isEmpty() ? "" : ".").append(k.name());
          at = next;
        }
        case ById b -> {
          if (!(at instanceof ArrayNode list)) {
            return Resolved.error("'" + walked + "' is not a list, so [" + b.id() + "] selects nothing");
          }
          JsonNode found = null;
          List<String> ids = new ArrayList<>();
          for (JsonNode item : list) {
            JsonNode id = item.get("id");
            if (id != null && id.isTextual()) {
              ids.add(id.asText());
              if (id.asText().equals(b.id())) {
                found = item;
              }
            }
          }
          if (found == null) {
            return Resolved.error("'" + walked + "' has no item with id '" + b.id() + "'" + Suggestions.didYouMean(b.id(), ids)
                + (ids.isEmpty() ? "" : " (ids: " + String.join(", ", ids) + ")"));
          }
          if (last) {
            return Resolved.error("'" + text + "' selects a whole item; name a field of it, such as " + text + ".count");
          }
          walked.append("[").append(b.id()).append("]");
          at = found;
        }
        case ByIndex x -> {
          if (!(at instanceof ArrayNode list)) {
            return Resolved.error("'" + walked + "' is not a list, so [" + x.index() + "] selects nothing");
          }
          if (x.index() >= list.size()) {
            return Resolved.error("'" + walked + "' has " + list.size() + " item(s), so index " + x.index()
                + " is out of range (indices start at 0)");
          }
          if (last) {
            return Resolved.error("'" + text + "' selects a whole item; name a field of it");
          }
          walked.append("[").append(x.index()).append("]");
          at = list.get(x.index());
        }
      }
    }
    throw new IllegalStateException("unreachable: a path ends in a step that returns");
  }

  private static String join(StringBuilder walked, String key) {
    return walked.isEmpty() ? key : walked + "." + key;
  }

  private static List<String> fieldNames(JsonNode obj) {
    List<String> out = new ArrayList<>();
    obj.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The mapping that holds the field and the field's key, or why the path does not resolve. */
  public record Resolved(Optional<ObjectNode> parent, String key, Optional<String> error) {
    static Resolved error(String message) {
      return new Resolved(Optional.empty(), "", Optional.of(message));
    }

    /** The field's current value (missing when the base leaves it out). */
    public JsonNode current() {
      return parent.map(p -> p.path(key)).orElse(JsonNodeFactory.instance.missingNode());
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
