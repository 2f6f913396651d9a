package chipmix.io;

import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds a JSON tree from YAML text with SnakeYAML's event parser, so that chipmix decides what
 * the tree may hold: scalars resolve as YAML 1.1 does ({@code 1e12} a number, {@code yes} true,
 * {@code .nan} and {@code .inf} a non-finite number that the loaders then report with the file's
 * other problems); a key written twice, an alias ({@code *name}: anchors and aliases are not
 * supported, so no "billion laughs"), an explicit tag other than the standard scalar ones, a
 * second document and nesting deeper than {@value #MAX_DEPTH} are problems at their line and column.
 */
final class YamlTree {
  /** Deepest nesting of mappings and lists accepted (chipmix's own formats need fewer than ten). */
  static final int MAX_DEPTH = 64;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Resolver RESOLVER = new Resolver();

  private final String name;
  private final Issues issues = new Issues();
  private final ParserImpl parser;

  private YamlTree(String text, String name) {
    this.name = name;
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(false);
    options.setCodePointLimit(Integer.MAX_VALUE); // the caller caps the text's size
    this.parser = new ParserImpl(new StreamReader(text), options);
  }

  /** The tree of the first (only) document of {@code text}; a missing node for an empty text. */
  static JsonNode build(String text, String name) {
    YamlTree t = new YamlTree(text, name);
    try {
      JsonNode tree = t.stream();
      t.issues.throwIfAny();
      return tree;
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw InvalidInputException.of(name, "not valid YAML" + where(m) + ": " + problem);
    } catch (YAMLException e) {
      throw InvalidInputException.of(name, "not valid YAML: " + e.getMessage());
    }
  }

  private JsonNode stream() {
    parser.getEvent(); // stream start
    if (parser.checkEvent(Event.ID.StreamEnd)) {
      return MissingNode.getInstance();
    }
    parser.getEvent(); // document start
    JsonNode root = node(0);
    parser.getEvent(); // document end
    if (!parser.checkEvent(Event.ID.StreamEnd)) {
      Event next = parser.peekEvent();
      problem(next.getStartMark(), "holds a second YAML document (after '---'); put everything in one document");
    }
    return root == null ? MissingNode.getInstance() : root;
  }

  /** The node that starts with the next event (consumed up to its end); null for an alias (reported). */
  private JsonNode node(int depth) {
    Event e = parser.getEvent();
    if (depth > MAX_DEPTH) {
      problem(e.getStartMark(), "nests mappings and lists more than " + MAX_DEPTH + " deep");
      skipRest(e);
      return F.nullNode();
    }
    if (e instanceof AliasEvent a) {
      problem(a.getStartMark(), "uses the alias *" + a.getAnchor() + ": YAML anchors and aliases are not supported;"
          + " write the value out");
      return F.nullNode();
    }
    if (e instanceof ScalarEvent s) {
      return scalar(s);
    }
    if (e instanceof MappingStartEvent m) {
      checkTag(m, "tag:yaml.org,2002:map");
      ObjectNode o = F.objectNode();
      while (!parser.checkEvent(Event.ID.MappingEnd)) {
        Event keyEvent = parser.peekEvent();
        JsonNode key = node(depth + 1);
        JsonNode value = node(depth + 1);
        if (!key.isValueNode()) {
          problem(keyEvent.getStartMark(), "has a key that is not plain text (a mapping or list as key)");
          continue;
        }
        String k = key.isNull() ? "null" : key.asText();
        if (o.has(k)) {
          problem(keyEvent.getStartMark(), "has the key '" + k + "' twice in one mapping (Duplicate field '" + k + "')");
          continue;
        }
        o.set(k, value);
      }
      parser.getEvent();
      return o;
    }
    if (e instanceof CollectionStartEvent c) { // a sequence
      checkTag(c, "tag:yaml.org,2002:seq");
      ArrayNode a = F.arrayNode();
      while (!parser.checkEvent(Event.ID.SequenceEnd)) {
        a.add(node(depth + 1));
      }
      parser.getEvent();
      return a;
    }
    throw new IllegalStateException("unexpected YAML event " + e);
  }

  /** Consumes the rest of a collection whose start event {@code e} was read, without building it. */
  private void skipRest(Event e) {
    if (!(e instanceof CollectionStartEvent)) {
      return;
    }
    int open = 1;
    while (open > 0) {
      Event n = parser.getEvent();
      if (n instanceof CollectionStartEvent) {
        open++;
      } else if (n.is(Event.ID.MappingEnd) || n.is(Event.ID.SequenceEnd)) {
        open--;
      }
    }
  }

  private void checkTag(CollectionStartEvent e, String standard) {
    String tag = e.getTag();
    if (tag != null && !tag.equals(standard) && !tag.equals("!")) {
      problem(e.getStartMark(), "uses the YAML tag " + tag + ", which chipmix does not support; remove it");
    }
  }

  private JsonNode scalar(ScalarEvent s) {
    String v = s.getValue();
    String tag = s.getTag();
    if (tag == null || tag.equals("!")) {
      tag = s.isPlain() ? RESOLVER.resolve(NodeId.scalar, v, true).getValue() : Tag.STR.getValue();
    }
    if (tag.equals(Tag.NULL.getValue())) {
      return F.nullNode();
    }
    if (tag.equals(Tag.BOOL.getValue())) {
      String b = v.toLowerCase(Locale.ROOT);
      if (b.equals("true") || b.equals("yes") || b.equals("on") || b.equals("y")) {
        return F.booleanNode(true);
      }
      if (b.equals("false") || b.equals("no") || b.equals("off") || b.equals("n")) {
        return F.booleanNode(false);
      }
      return badScalar(s, "true or false");
    }
    if (tag.equals(Tag.INT.getValue())) {
      BigInteger i = integer(v);
      if (i == null) {
        return v.contains(":") && s.getTag() == null ? F.textNode(v) : badScalar(s, "a whole number");
      }
      return i.bitLength() < 32 ? F.numberNode(i.intValue()) : i.bitLength() < 64 ? F.numberNode(i.longValue()) : F.numberNode(i);
    }
    if (tag.equals(Tag.FLOAT.getValue())) {
      String f = v.replace("_", "");
      String lower = f.toLowerCase(Locale.ROOT);
      if (lower.equals(".nan")) {
        return F.numberNode(Double.NaN);
      }
      if (lower.endsWith(".inf")) {
        return F.numberNode(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      }
      try {
        return F.numberNode(Double.parseDouble(f));
      } catch (NumberFormatException ex) {
        return v.contains(":") && s.getTag() == null ? F.textNode(v) : badScalar(s, "a number");
      }
    }
    if (tag.equals(Tag.STR.getValue()) || tag.equals(Tag.TIMESTAMP.getValue()) || tag.equals(Tag.MERGE.getValue())) {
      return F.textNode(v);
    }
    if (s.getTag() != null) {
      problem(s.getStartMark(), "uses the YAML tag " + s.getTag() + ", which chipmix does not support; remove it");
      return F.nullNode();
    }
    return F.textNode(v);
  }

  private JsonNode badScalar(ScalarEvent s, String what) {
    problem(s.getStartMark(), "'" + s.getValue() + "' is tagged " + s.getTag() + " but is not " + what);
    return F.nullNode();
  }

  /** A YAML 1.1 integer ({@code 1_000}, {@code 0x1f}, {@code 0b11}, {@code 014} octal), or null. */
  private static BigInteger integer(String text) {
    String t = text.replace("_", "");
    int sign = 1;
    if (t.startsWith("-") || t.startsWith("+")) {
      sign = t.startsWith("-") ? -1 : 1;
      t = t.substring(1);
    }
    try {
      BigInteger v;
      if (t.startsWith("0x") || t.startsWith("0X")) {
        v = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0b") || t.startsWith("0B")) {
        v = new BigInteger(t.substring(2), 2);
      } else if (t.length() > 1 && t.startsWith("0")) {
        v = new BigInteger(t.substring(1), 8);
      } else {
        v = new BigInteger(t);
      }
      return sign < 0 ? v.negate() : v;
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** A problem at {@code m}: the file's name as path, the line and column as its position. */
  private void problem(Mark m, String message) {
    ValidationIssue issue = new ValidationIssue(name, message);
    issues.addAll(List.of(m == null ? issue : issue.at(new ValidationIssue.Position(m.getLine() + 1, m.getColumn() + 1))));
  }

  private static String where(Mark m) {
    return m == null ? "" : " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")";
  }
}
