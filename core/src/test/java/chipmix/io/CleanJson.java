package chipmix.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Test assertion, independent of {@link OutputCheck}: a JSON answer holds no NaN or infinity (as
 * a number or as the strings Jackson would write for one) and no negative count.
 */
public final class CleanJson {
  private static final Pattern COUNT = Pattern.compile(
      "(.*_)?(devices|count|replicas|quantity|received|blocked|at_risk|scheduled|arriving|batch|tokens|tp|pp|dp|ep|cp)(_.*)?");

  private CleanJson() {}

  public static void assertClean(JsonNode tree) {
    walk(tree, "$", "");
  }

  private static void walk(JsonNode n, String path, String field) {
    if (n.isNumber()) {
      assertThat(Double.isFinite(n.asDouble())).as("%s = %s is finite", path, n.asText()).isTrue();
      if (COUNT.matcher(field).matches() && !field.startsWith("days_")) {
        assertThat(n.asDouble()).as("%s is a count, never negative", path).isGreaterThanOrEqualTo(0);
      }
    } else if (n.isTextual()) {
      assertThat(n.asText()).as(path).isNotIn("NaN", "Infinity", "-Infinity");
    } else if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), path + "." + e.getKey(), e.getKey());
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), path + "[" + i + "]", field);
      }
    }
  }
}
