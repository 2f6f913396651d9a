package chipmix.sweep;

import chipmix.io.Node;
import chipmix.validation.Issues;
import chipmix.validation.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a sweep file's tree strictly: unknown keys with a suggestion, every problem at once with its
 * path ({@code axes[1].values[2]}), then checks each axis against the base scenario: the path must
 * lead somewhere in the scenario, and the scenario with each value applied must load cleanly (its
 * problems are listed under the axis value that causes them).
 */
public final class SweepReader {
  static final Set<String> TOP = Set.of("name", "scenario", "variant", "samples", "seed", "axes", "keep");
  static final Set<String> AXIS = Set.of("name", "path", "values", "multiply", "add", "fields", "labels");

  private SweepReader() {}

  /** Reads the sweep file's own structure; {@code fallbackName} names it when it has no {@code name}. */
  public static SweepSpec read(JsonNode tree, String fallbackName) {
    Issues issues = new Issues();
    Node root = Node.root(tree, "", issues);
    if (!root.expectObject(TOP)) {
      issues.throwIfAny();
    }
    String name = root.string("name").orElse(fallbackName);
    Optional<String> scenario = root.requireString("scenario");
    Optional<String> variant = root.string("variant");
    int samples = root.integer("samples").orElse(1);
    if (samples < 1) {
      root.error("samples", "must be at least 1, got " + samples);
    }
    Optional<Long> seed = root.longValue("seed");
    List<Outcome.Group> keep = new ArrayList<>();
    List<String> groupNames = Arrays.stream(Outcome.Group.values()).map(Outcome.Group::text).toList();
    List<String> keepGiven = root.strings("keep");
    for (int i = 0; i < keepGiven.size(); i++) {
      String k = keepGiven.get(i);
      if (groupNames.contains(k)) {
        keep.add(Outcome.Group.values()[groupNames.indexOf(k)]);
      } else {
        issues.add(root.pathOf("keep") + "[" + i + "]", "unknown outcome group '" + k + "'" + Suggestions.didYouMean(k, groupNames)
            + " (groups: " + String.join(", ", groupNames) + ")");
      }
    }
    if (keepGiven.isEmpty()) {
      keep.addAll(List.of(Outcome.Group.values()));
    }
    if (!root.has("axes")) {
      root.error("axes", "is required (a list of axes, each with path and values or multiply, or add and values)");
    }
    List<Axis> axes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Node> axisNodes = root.items("axes");
    if (root.has("axes") && root.json().get("axes").isArray() && axisNodes.isEmpty()) {
      root.error("axes", "must list at least one axis");
    }
    for (Node a : axisNodes) {
      axis(a).ifPresent(axis -> {
        if (!names.add(axis.name())) {
          a.error("name", "axis name '" + axis.name() + "' is used twice; give one of them a name");
        }
        axes.add(axis);
      });
    }
    issues.throwIfAny();
    return new SweepSpec(name, scenario.orElseThrow(), variant, axes, samples, seed, keep);
  }

  private static Optional<Axis> axis(Node a) {
    if (!a.expectObject(AXIS)) {
      return Optional.empty();
    }
    boolean hasPath = a.has("path");
    boolean hasAdd = a.has("add");
    boolean hasMultiply = a.has("multiply");
    boolean hasValues = a.has("values");
    boolean hasFields = a.has("fields");
    int kinds = (hasPath ? 1 : 0) + (hasAdd ? 1 : 0) + (hasFields ? 1 : 0);
    if (kinds != 1) {
      a.error("give one of path (a scenario field), add (pools or orders) or fields (several fields set together), not "
          + (kinds == 0 ? "none" : "more than one"));
      return Optional.empty();
    }
    if (hasFields) {
      return fields(a);
    }
    if (a.has("labels")) {
      a.error("labels", "names the values of a fields axis only (the other axes name their values themselves)");
    }
    if (hasAdd) {
      Optional<String> section = a.requireString("add");
      if (section.isPresent() && !Axis.Add.SECTIONS.contains(section.get())) {
        a.error("add", "cannot add to '" + section.get() + "'" + Suggestions.didYouMean(section.get(), Axis.Add.SECTIONS)
            + " (add applies to: " + String.join(", ", Axis.Add.SECTIONS) + ")");
        return Optional.empty();
      }
      if (hasMultiply) {
        a.error("multiply", "an add axis takes values (items, or ~ for none), not multiply");
      }
      List<Optional<ObjectNode>> items = new ArrayList<>();
      for (Node v : values(a, "values")) {
        if (v.json().isNull()) {
          items.add(Optional.empty());
        } else if (v.json() instanceof ObjectNode o) {
          if (!o.path("id").isTextual()) {
            v.error("id", "is required: the item added needs an id");
          }
          items.add(Optional.of(o));
        } else {
          v.error("must be a " + section.orElse("list") + " item (a mapping) or ~ for none, got " + v.json());
        }
      }
      String name = a.string("name").orElse(section.orElse("add") + "+");
      return section.isPresent() && items.size() == values(a, "values").size() && !items.isEmpty()
          ? Optional.of(new Axis.Add(name, section.get(), items)) : Optional.empty();
    }
    Optional<String> pathText = a.requireString("path");
    Optional<AxisPath> path = pathText.flatMap(AxisPath::parse);
    if (pathText.isPresent() && path.isEmpty()) {
      a.error("path", "'" + pathText.get() + "' is not a scenario path: keys joined by dots, a list item by [id] or [index],"
          + " such as orders[ascend-910b].slip.delivered_fraction");
    }
    String name = a.string("name").orElse(pathText.orElse("axis"));
    if (hasMultiply == hasValues) {
      a.error("give either values (what the field is set to) or multiply (factors), not " + (hasValues ? "both" : "neither"));
      return Optional.empty();
    }
    if (hasMultiply) {
      List<Double> factors = new ArrayList<>();
      List<Node> fs = values(a, "multiply");
      for (Node f : fs) {
        if (!f.json().isNumber() || !Double.isFinite(f.json().asDouble()) || f.json().asDouble() < 0) {
          f.error("must be a number at least 0 (a factor such as 2), got " + f.json());
        } else {
          factors.add(f.json().asDouble());
        }
      }
      return path.isPresent() && !fs.isEmpty() && factors.size() == fs.size()
          ? Optional.of(new Axis.Multiply(name, path.get(), factors)) : Optional.empty();
    }
    List<Node> vs = values(a, "values");
    List<JsonNode> values = new ArrayList<>();
    for (Node v : vs) {
      values.add(v.json());
    }
    return path.isPresent() && !values.isEmpty() ? Optional.of(new Axis.Set(name, path.get(), values)) : Optional.empty();
  }

  private static Optional<Axis> fields(Node a) {
    for (String k : List.of("values", "multiply", "add")) {
      if (a.has(k)) {
        a.error(k, "a fields axis lists its values under fields (each a mapping from path to value), not " + k);
      }
    }
    List<Map<AxisPath, JsonNode>> values = new ArrayList<>();
    List<Node> given = values(a, "fields");
    boolean ok = true;
    for (Node v : given) {
      if (!(v.json() instanceof ObjectNode o)) {
        v.error("must be a mapping from scenario path to value ({} for no change), got " + v.json());
        ok = false;
        continue;
      }
      Map<AxisPath, JsonNode> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        Optional<AxisPath> p = AxisPath.parse(e.getKey());
        if (p.isEmpty()) {
          v.error(e.getKey(), "'" + e.getKey() + "' is not a scenario path: keys joined by dots, a list item by [id] or [index]");
          ok = false;
        } else {
          m.put(p.get(), e.getValue());
        }
      }
      values.add(m);
    }
    List<String> labels = a.strings("labels");
    if (a.has("labels") && labels.size() != given.size()) {
      a.error("labels", "names " + labels.size() + " value(s), but fields lists " + given.size());
      ok = false;
    }
    if (!a.has("labels")) {
      labels = new ArrayList<>();
      for (Map<AxisPath, JsonNode> m : values) {
        labels.add(m.isEmpty() ? "none" : m.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue().isTextual()
            ? e.getValue().asText() : e.getValue().toString())).reduce((x, y) -> x + ";" + y).orElseThrow());
      }
    }
    if (new HashSet<>(labels).size() != labels.size()) {
      a.error("labels", "two values have one label; give each its own");
      ok = false;
    }
    String name = a.string("name").orElse("fields");
    return ok && !values.isEmpty() ? Optional.of(new Axis.Fields(name, labels, values)) : Optional.empty();
  }

  private static List<Node> values(Node a, String key) {
    List<Node> out = a.items(key);
    if (a.has(key) && a.json().get(key).isArray() && out.isEmpty()) {
      a.error(key, "must list at least one value");
    }
    return out;
  }

  /**
   * Checks every axis value against the base scenario's tree: each value alone is applied to a
   * copy and the copy loaded with {@code load} (which throws an input error listing its problems).
   * Problems are reported as {@code axes[i].values[j]: <scenario path>: <problem>}; the variant,
   * if named, must exist.
   *
   * @param scenarioNames the variant names the base declares
   */
  public static void check(SweepSpec spec, JsonNode base, List<String> scenarioNames, Function<JsonNode, ?> load) {
    Issues issues = new Issues();
    if (spec.variant().isPresent() && !scenarioNames.contains(spec.variant().get())) {
      issues.add("variant", "the scenario has no variant '" + spec.variant().get() + "'"
          + Suggestions.didYouMean(spec.variant().get(), scenarioNames)
          + (scenarioNames.isEmpty() ? " (it declares none)" : " (variants: " + String.join(", ", scenarioNames) + ")"));
    }
    for (int i = 0; i < spec.axes().size(); i++) {
      Axis axis = spec.axes().get(i);
      String key = switch (axis) {
        case Axis.Set s -> "values";
        case Axis.Multiply m -> "multiply";
        case Axis.Add ad -> "values";
        case Axis.Fields fs -> "fields";
      };
      for (int j = 0; j < axis.size(); j++) {
        String at = "axes[" + i + "]." + key + "[" + j + "]";
        ObjectNode copy = ((ObjectNode) base).deepCopy();
        Optional<String> problem = axis.apply(copy, j);
        if (problem.isPresent()) {
          // A path that does not resolve fails for every value: say it once, at the path.
          issues.add(axis instanceof Axis.Add || axis instanceof Axis.Fields ? at : "axes[" + i + "].path", problem.get());
          if (axis instanceof Axis.Set || axis instanceof Axis.Multiply) {
            break;
          }
          continue;
        }
        List<chipmix.validation.ValidationIssue> found = new ArrayList<>();
        try {
          load.apply(copy);
        } catch (chipmix.validation.InvalidInputException e) {
          found.addAll(e.issues());
        }
        for (chipmix.validation.ValidationIssue vi : found) {
          issues.add(at, "with " + axis.name() + " = " + axis.label(j) + ", the scenario is invalid at "
              + (vi.path().isEmpty() ? "its top" : vi.path()) + ": " + vi.message());
        }
      }
    }
    issues.throwIfAny();
  }
}
