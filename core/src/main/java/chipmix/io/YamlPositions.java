package chipmix.io;

import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import chipmix.validation.ValidationIssue.Position;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each path of a YAML document was written, so that validation issues (which speak in
 * paths such as {@code orders[2].deliveries[0].count}) can also name a line and column. Paths are
 * spelled as {@link chipmix.io.Node} spells them.
 */
public final class YamlPositions {
  private final Map<String, Position> byPath;

  private YamlPositions(Map<String, Position> byPath) {
    this.byPath = byPath;
  }

  /**
   * The positions in {@code text}; empty when the text is not YAML that SnakeYAML can compose
   * (the parser then reports the syntax error with its own line).
   */
  public static YamlPositions of(String text) {
    Map<String, Position> out = new HashMap<>();
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(50);
      Node root = new org.yaml.snakeyaml.Yaml(options).compose(new StringReader(text));
      if (root != null) {
        walk(root, "", out);
      }
    } catch (RuntimeException e) {
      // Positions are a courtesy: a document SnakeYAML cannot compose still gets its path-only issues.
      out.clear();
    }
    return new YamlPositions(out);
  }

  /** The position of {@code path}, or of its nearest parent that was written. */
  public Optional<Position> find(String path) {
    String p = path;
    while (true) {
      Position at = byPath.get(p);
      if (at != null) {
        return Optional.of(at);
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return Optional.ofNullable(byPath.get(""));
      }
      p = p.substring(0, cut);
    }
  }

  /** Runs {@code read}; input issues it throws come back placed at their line and column in {@code text}. */
  public static <T> T placing(String text, Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      YamlPositions positions = of(text);
      List<ValidationIssue> placed = e.issues().stream()
          .map(i -> i.position().isPresent() ? i : positions.find(i.path()).map(i::at).orElse(i))
          .toList();
      throw new InvalidInputException(placed);
    }
  }

  private static void walk(Node node, String path, Map<String, Position> out) {
    out.putIfAbsent(path, new Position(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1));
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
          // A missing-value or wrong-value issue points at the key, where the reader looks.
          out.putIfAbsent(child, new Position(key.getStartMark().getLine() + 1, key.getStartMark().getColumn() + 1));
          walk(tuple.getValueNode(), child, out);
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        walk(items.get(i), path + "[" + i + "]", out);
      }
    }
  }
}
