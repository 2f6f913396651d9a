package chipmix.sweep;

import chipmix.io.Node;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One axis of a sweep: the values a scenario field takes ({@link Set}), factors a number or a
 * mapping of numbers is multiplied by ({@link Multiply}), or items added to the scenario's pools or
 * orders ({@link Add}), or several fields set together ({@link Fields}). An axis changes a copy of the scenario's tree; the result is read and
 * checked by the scenario loader like any file.
 */
public sealed interface Axis permits Axis.Set, Axis.Multiply, Axis.Add, Axis.Fields {
  /** The axis's column name in results ({@code name} in the file, else the path). */
  String name();

  /** How many values the axis takes. */
  int size();

  /** The {@code i}-th value in words, as written in result rows ({@code 0.5}, {@code x2}, {@code none}). */
  String label(int i);

  /**
   * Everything the {@code i}-th value does to the scenario, as canonical text (the path or section
   * and the whole value, not only its label): part of a result row's key, so that changing any
   * detail of an axis (its path, an added item's price, a {@code fields} value behind an unchanged
   * label) plans the point again when a sweep is resumed.
   */
  String detail(int i);

  /**
   * Applies the {@code i}-th value to {@code tree} (changed in place: pass a copy).
   *
   * @return empty, or why the value cannot be applied (a path that does not resolve, a field that is not a number)
   */
  Optional<String> apply(ObjectNode tree, int i);

  /** Sets the field at {@code path} to each of {@code values}. */
  record Set(String name, AxisPath path, List<JsonNode> values) implements Axis {
    public Set {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      values = List.copyOf(values);
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public String label(int i) {
      JsonNode v = values.get(i);
      if (v.isNumber()) {
        return Node.fmt(v.asDouble());
      }
      return v.isTextual() ? v.asText() : v.toString();
    }

    @Override
    public String detail(int i) {
      return "set " + path.text() + " = " + values.get(i);
    }

    @Override
    public Optional<String> apply(ObjectNode tree, int i) {
      AxisPath.Resolved r = path.resolve(tree);
      if (r.error().isPresent()) {
        return r.error();
      }
      r.parent().orElseThrow().set(r.key(), values.get(i).deepCopy());
      return Optional.empty();
    }
  }

  /**
   * Multiplies the number at {@code path}, or every number of the mapping there (a demand by month),
   * by each factor. A whole result stays a whole number, so counts remain counts.
   */
  record Multiply(String name, AxisPath path, List<Double> factors) implements Axis {
    public Multiply {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      factors = List.copyOf(factors);
      for (double f : factors) {
        if (!(f >= 0) || Double.isInfinite(f)) {
          throw new IllegalArgumentException("a factor must be a finite number at least 0, got " + f);
        }
      }
    }

    @Override
    public int size() {
      return factors.size();
    }

    @Override
    public String label(int i) {
      return "x" + Node.fmt(factors.get(i));
    }

    @Override
    public String detail(int i) {
      return "multiply " + path.text() + " by " + factors.get(i);
    }

    @Override
    public Optional<String> apply(ObjectNode tree, int i) {
      AxisPath.Resolved r = path.resolve(tree);
      if (r.error().isPresent()) {
        return r.error();
      }
      ObjectNode parent = r.parent().orElseThrow();
      JsonNode current = r.current();
      double f = factors.get(i);
      if (current.isNumber()) {
        parent.set(r.key(), times(current, f));
        return Optional.empty();
      }
      if (current instanceof ObjectNode map) {
        ObjectNode out = map.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getValue().isNumber()) {
            return Optional.of("'" + path + "." + e.getKey() + "' is " + e.getValue() + ", not a number, so it cannot be multiplied");
          }
          out.set(e.getKey(), times(e.getValue(), f));
        }
        parent.set(r.key(), out);
        return Optional.empty();
      }
      return Optional.of("'" + path + "' is " + (current.isMissingNode() ? "not set in the scenario" : current.toString())
          + "; multiply needs a number or a mapping of numbers");
    }

    private static JsonNode times(JsonNode n, double f) {
      double v = n.asDouble() * f;
      if (n.isIntegralNumber() && v == Math.rint(v) && Math.abs(v) < 9e15) {
        return LongNode.valueOf((long) v);
      }
      return DoubleNode.valueOf(v);
    }
  }

  /**
   * Adds items to a list of the scenario ({@code pools} or {@code orders}); an empty value adds
   * nothing (the axis's "without" point).
   *
   * @param section {@code pools} or {@code orders}
   * @param items per value, the item to add, or empty for none
   */
  record Add(String name, String section, List<Optional<ObjectNode>> items) implements Axis {
    public static final List<String> SECTIONS = List.of("pools", "orders");

    public Add {
      Objects.requireNonNull(name, "name");
      if (!SECTIONS.contains(section)) {
        throw new IllegalArgumentException("add applies to " + SECTIONS + ", got " + section);
      }
      items = List.copyOf(items);
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public String label(int i) {
      return items.get(i).map(o -> o.path("id").asText("item " + i)).orElse("none");
    }

    @Override
    public String detail(int i) {
      return "add to " + section + ": " + items.get(i).map(JsonNode::toString).orElse("nothing");
    }

    @Override
    public Optional<String> apply(ObjectNode tree, int i) {
      if (items.get(i).isEmpty()) {
        return Optional.empty();
      }
      JsonNode list = tree.get(section);
      ArrayNode target = list instanceof ArrayNode a ? a : tree.putArray(section);
      target.add(items.get(i).get().deepCopy());
      return Optional.empty();
    }
  }

  /**
   * Sets several fields together at each value (an order's quantity and a delivery's count): each
   * value is a mapping from path to value, applied in file order; an empty mapping changes nothing.
   *
   * @param labels each value's name in results
   */
  record Fields(String name, List<String> labels, List<Map<AxisPath, JsonNode>> values) implements Axis {
    public Fields {
      Objects.requireNonNull(name, "name");
      labels = List.copyOf(labels);
      values = values.stream().map(m -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m))).toList();
      if (labels.size() != values.size()) {
        throw new IllegalArgumentException(labels.size() + " labels for " + values.size() + " values");
      }
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public String label(int i) {
      return labels.get(i);
    }

    @Override
    public String detail(int i) {
      StringBuilder sb = new StringBuilder("set together:");
      values.get(i).forEach((path, v) -> sb.append(' ').append(path.text()).append(" = ").append(v).append(';'));
      return sb.toString();
    }

    @Override
    public Optional<String> apply(ObjectNode tree, int i) {
      for (Map.Entry<AxisPath, JsonNode> e : values.get(i).entrySet()) {
        AxisPath.Resolved r = e.getKey().resolve(tree);
        if (r.error().isPresent()) {
          return r.error();
        }
        r.parent().orElseThrow().set(r.key(), e.getValue().deepCopy());
      }
      return Optional.empty();
    }
  }
}
