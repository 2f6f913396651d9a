package chipmix.perfmodel;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The serving recipes of {@code chipmix/serving/recipes.yaml}: each framework's settings, each cited. */
public final class ServingRecipes {
  public static final String RESOURCE = "/chipmix/serving/recipes.yaml";
  private static final List<String> SETTINGS = List.of("chunked_prefill_tokens", "cuda_graphs", "cuda_graph_max_batch",
      "fp8_attention", "moe_overlap", "eplb", "overlap_schedule", "dp_attention", "gqa_shared_kv_reads",
      "draft_launch");
  /** Settings a recipe may leave out; absent, they take the value that every recipe before them implied. */
  private static final List<String> OPTIONAL = List.of("prefill_graph", "piecewise_uncaptured_share", "prefill_full_mask",
      "host_us_per_sequence");
  /** Settings whose value is true or false. */
  private static final Set<String> BOOLEANS = Set.of("cuda_graphs", "fp8_attention", "eplb", "overlap_schedule",
      "dp_attention", "gqa_shared_kv_reads", "prefill_graph", "prefill_full_mask");
  /** Settings whose value is a whole number (their ranges are checked by {@link ServingRecipe}). */
  private static final Set<String> WHOLE_NUMBERS = Set.of("chunked_prefill_tokens", "cuda_graph_max_batch");
  /** Settings whose value is a number (its range is checked by {@link ServingRecipe}). */
  private static final Set<String> NUMBERS = Set.of("piecewise_uncaptured_share", "host_us_per_sequence");
  private static final Set<String> KEYS;

  static {
    List<String> k = new ArrayList<>(SETTINGS);
    k.addAll(OPTIONAL);
    k.add("id");
    k.add("name");
    KEYS = Set.copyOf(k);
  }

  private static List<ServingRecipe> bundled;

  private ServingRecipes() {}

  /** The bundled recipes (parsed once). */
  public static synchronized List<ServingRecipe> bundled() {
    if (bundled == null) {
      bundled = parse(Yaml.parseResource(RESOURCE));
    }
    return bundled;
  }

  /** The bundled recipe {@code id}, or an input error at {@code path} naming the recipes there are. */
  public static ServingRecipe find(String path, String id) {
    return lookup(id).orElseThrow(() -> InvalidInputException.of(path, "unknown serving recipe " + id + "; known: " + ids()));
  }

  /** The bundled recipe named {@code id} (case-insensitive, surrounding blanks ignored); empty when none is. */
  public static Optional<ServingRecipe> lookup(String id) {
    return bundled().stream().filter(r -> r.id().equalsIgnoreCase(id.trim())).findFirst();
  }

  /** The ids of the bundled recipes, comma-separated. */
  public static String ids() {
    return String.join(", ", bundled().stream().map(ServingRecipe::id).toList());
  }

  public static List<ServingRecipe> parse(JsonNode json) {
    Issues issues = new Issues();
    Node root = Node.root(json, "", issues);
    root.expectObject(Set.of("recipes"));
    List<ServingRecipe> out = new ArrayList<>();
    for (Node n : root.items("recipes")) {
      n.expectObject(KEYS);
      Optional<String> id = n.requireString("id");
      Optional<String> name = n.requireString("name");
      Map<String, String> sources = new LinkedHashMap<>();
      Map<String, JsonNode> values = new LinkedHashMap<>();
      for (String key : SETTINGS) {
        setting(n, key, sources, values);
      }
      for (String key : OPTIONAL) {
        if (n.has(key)) {
          setting(n, key, sources, values);
        }
      }
      if (id.isEmpty() || name.isEmpty() || !values.keySet().containsAll(SETTINGS) || !sources.keySet().containsAll(SETTINGS)) {
        continue;
      }
      Optional<MoeOverlap> overlap = MoeOverlap.parse(values.get("moe_overlap").asText());
      if (overlap.isEmpty()) {
        n.error("moe_overlap.value", "'" + values.get("moe_overlap").asText() + "' is not one of " + MoeOverlap.choices());
        continue;
      }
      Optional<DraftLaunch> draft = DraftLaunch.parse(values.get("draft_launch").asText());
      if (draft.isEmpty()) {
        n.error("draft_launch.value", "'" + values.get("draft_launch").asText() + "' is not one of " + DraftLaunch.choices());
        continue;
      }
      try {
        // each group checks its own settings; the first failing check is the recipe's error
        ServingRecipe.Prefill prefill = new ServingRecipe.Prefill(values.get("chunked_prefill_tokens").asInt(),
            values.containsKey("prefill_full_mask") && values.get("prefill_full_mask").asBoolean());
        ServingRecipe.GraphCapture graphs = new ServingRecipe.GraphCapture(values.get("cuda_graphs").asBoolean(),
            values.get("cuda_graph_max_batch").asInt(),
            values.containsKey("prefill_graph") && values.get("prefill_graph").asBoolean(),
            values.containsKey("piecewise_uncaptured_share") ? values.get("piecewise_uncaptured_share").asDouble() : 0);
        ServingRecipe.Scheduling scheduling = new ServingRecipe.Scheduling(values.get("overlap_schedule").asBoolean(),
            values.containsKey("host_us_per_sequence") ? values.get("host_us_per_sequence").asDouble() : 0);
        ServingRecipe.Attention attention = new ServingRecipe.Attention(values.get("fp8_attention").asBoolean(),
            values.get("gqa_shared_kv_reads").asBoolean(), values.get("dp_attention").asBoolean());
        out.add(new ServingRecipe(id.get(), name.get(), prefill, graphs, attention, scheduling,
            new ServingRecipe.Moe(overlap.get(), values.get("eplb").asBoolean()), draft.get(), sources));
      } catch (IllegalArgumentException e) {
        n.error(e.getMessage());
      }
    }
    issues.throwIfAny();
    return List.copyOf(out);
  }

  /** Reads setting {@code key} of recipe {@code n} (a value and its source) into the two maps, or records what is missing. */
  private static void setting(Node n, String key, Map<String, String> sources, Map<String, JsonNode> values) {
    Optional<Node> s = n.requireChild(key);
    if (s.isEmpty() || !s.get().expectObject(Set.of("value", "source"))) {
      return;
    }
    s.get().requireString("source").ifPresent(src -> sources.put(key, src));
    if (!s.get().has("value")) {
      s.get().error("value", "is required");
    } else if (hasItsType(s.get(), key)) {
      values.put(key, s.get().json().get("value"));
    }
  }

  /**
   * True when the value of setting {@code key} is of the setting's type (true or false, a whole number, a number);
   * else records an error at {@code key.value} naming what is accepted. Choices (moe_overlap, draft_launch) are checked
   * against their keywords where they are parsed.
   */
  private static boolean hasItsType(Node setting, String key) {
    if (BOOLEANS.contains(key)) {
      return setting.bool("value").isPresent();
    }
    if (WHOLE_NUMBERS.contains(key)) {
      return setting.integer("value").isPresent();
    }
    if (NUMBERS.contains(key)) {
      return setting.number("value").isPresent();
    }
    return true;
  }
}
