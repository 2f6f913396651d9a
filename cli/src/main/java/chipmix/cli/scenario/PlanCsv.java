package chipmix.cli.scenario;

import chipmix.cli.Tabular;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The plan as one spreadsheet table: the rows of one key of each plan in the JSON report
 * ({@code totals}, {@code training}, ...), each row led by the variant it belongs to. Built from
 * the JSON so that its columns are the documented JSON keys.
 */
final class PlanCsv {
  static final List<String> TABLES = List.of("totals", "training", "serving", "orders", "costs");
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanCsv() {}

  static String table(String jsonReport, String table) {
    try {
      ArrayNode rows = JSON.createArrayNode();
      for (JsonNode plan : JSON.readTree(jsonReport).get("plans")) {
        JsonNode items = plan.path(table);
        for (JsonNode item : items.isArray() ? items : List.of(items)) {
          ObjectNode row = rows.addObject();
          row.put("variant", plan.path("variant").asText());
          row.setAll((ObjectNode) item);
        }
      }
      return Tabular.of(rows).csv();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the JSON report could not be read back", e);
    }
  }
}
