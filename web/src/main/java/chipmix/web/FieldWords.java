package chipmix.web;

import chipmix.validation.FieldRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The web API's words for the request fields core texts name ({@link FieldRef}): every text in a
 * reply body says {@code usd_per_device_hour}, the JSON field a client sends, where the CLI says
 * {@code --usd-per-device-hour}.
 */
final class FieldWords {
  private FieldWords() {}

  /** {@code body} with the field references in each of its texts rendered as JSON field names (in place). */
  static <T extends JsonNode> T render(T body) {
    if (body instanceof ObjectNode o) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      o.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> e : fields) {
        o.set(e.getKey(), rendered(e.getValue()));
      }
    } else if (body instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, rendered(a.get(i)));
      }
    }
    return body;
  }

  private static JsonNode rendered(JsonNode n) {
    return n.isTextual() ? TextNode.valueOf(ApiFieldNames.render(n.asText())) : render(n);
  }
}
