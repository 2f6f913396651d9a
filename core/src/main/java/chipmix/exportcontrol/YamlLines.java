package chipmix.exportcontrol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line on which each value of a YAML text starts, by path ({@code rules[2].scope.destinations[0]}),
 * so that a problem found in a user's rule file can name its line. Paths use the same form as
 * {@link chipmix.io.Node}. Text that does not parse yields what was read before the error.
 */
final class YamlLines {
  private YamlLines() {}

  private static final class Frame {
    final boolean array;
    final String path;
    String field;
    int index = -1;

    Frame(boolean array, String path) {
      this.array = array;
      this.path = path;
    }

    String child() {
      if (array) {
        index++;
        return path + "[" + index + "]";
      }
      return path.isEmpty() ? field : path + "." + field;
    }
  }

  static Map<String, Integer> index(String text) {
    Map<String, Integer> lines = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          stack.peek().field = p.currentName();
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          continue;
        }
        String path = stack.isEmpty() ? "" : stack.peek().child();
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(t == JsonToken.START_ARRAY, path));
        }
      }
    } catch (IOException e) {
      // A syntax error is reported by the parser proper, with its own line; keep what was indexed.
    }
    return lines;
  }

  /** The line of {@code path}, or of its nearest enclosing value that has one. */
  static int lineOf(Map<String, Integer> lines, String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer l = lines.get(p);
      if (l != null) {
        return l;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return lines.getOrDefault("", 1);
  }
}
