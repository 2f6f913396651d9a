package chipmix.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The output boundary's guard: no JSON answer may carry a NaN or an infinity, nor a negative
 * count. Inputs are range-checked ({@link chipmix.validation.Limits}), so such a value is a bug in
 * chipmix: it is thrown as an {@link IllegalStateException} naming the field (exit code 4, HTTP
 * 500), never printed as {@code "NaN"} or {@code "Infinity"} in a number field.
 */
public final class OutputCheck {
  /** Fields that count things (devices, replicas, sequences, tokens, layout degrees): never negative. */
  static final Set<String> COUNTS = Set.of("devices", "count", "replicas", "quantity", "received", "blocked", "at_risk",
      "scheduled", "arriving", "promised_count", "lost_to_slip", "never_scheduled", "peak_devices", "devices_at_risk",
      "devices_blocked", "devices_per_replica", "batch", "max_batch", "micro_batch", "micro_batches", "tp", "pp", "dp",
      "cp", "ep", "vpp", "evaluated", "pruned_by_memory", "device_hours", "tokens", "global_batch", "seq_len",
      "prompt_tokens", "output_tokens", "energy_kwh");

  private OutputCheck() {}

  /** {@code tree}, after checking every number in it; throws naming the first bad value's path. */
  public static <T extends JsonNode> T checked(T tree) {
    check(tree, "$", null);
    return tree;
  }

  private static void check(JsonNode n, String path, String field) {
    if (n.isNumber()) {
      double d = n.asDouble();
      if (n.isFloatingPointNumber() && !Double.isFinite(d)) {
        throw new IllegalStateException("an output value is not finite: " + path + " = " + d
            + " (a bug in chipmix: no answer may hold NaN or Infinity)");
      }
      if (d < 0 && field != null && COUNTS.contains(field)) {
        throw new IllegalStateException("an output count is negative: " + path + " = " + n.asText()
            + " (a bug in chipmix: counts are never negative)");
      }
    } else if (n.isTextual() && field != null && COUNTS.contains(field)) {
      String t = n.asText();
      if (t.equals("NaN") || t.endsWith("Infinity")) {
        throw new IllegalStateException("an output count is not finite: " + path + " = " + t);
      }
    } else if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        check(e.getValue(), path + "." + e.getKey(), e.getKey());
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        check(n.get(i), path + "[" + i + "]", field);
      }
    }
  }
}
