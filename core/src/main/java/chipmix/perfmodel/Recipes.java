package chipmix.perfmodel;

import chipmix.catalog.Confidence;
import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.validation.Issues;
import chipmix.validation.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The framework recipes ({@code chipmix/perfmodel/recipes.yaml}) and which one is the default for a
 * chip vendor's software stack. Every setting of every recipe must be present with a source and a confidence.
 */
public record Recipes(List<Recipe> all, Map<String, String> defaultForVendor) {
  public static final String RESOURCE = "/chipmix/perfmodel/recipes.yaml";
  /** Setting keys, in the order results print them. */
  public static final List<String> SETTINGS = List.of("overlap_dp", "tp_comm_overlap", "tp_overlap", "tp_fp8_all_gather", "grad_precision", "sequence_parallel",
      "attention", "causal_skip", "dropout", "schedule", "interleaving", "sharding", "sharding_with_pipeline", "fp8_recipe",
      "ep_comm_overlap", "ep_node_dedup", "ep_dispatch_precision", "dp_bucketing", "optimizer_moments", "fp8_activations",
      "selective_recompute", "elementwise", "fp8_param_gather", "expert_cuda_graph");
  private static final String OTHER_VENDOR = "other";

  public Recipes {
    all = List.copyOf(all);
    defaultForVendor = Map.copyOf(defaultForVendor);
  }

  private static Recipes bundled;

  /** The bundled recipes (parsed once). */
  public static synchronized Recipes bundled() {
    if (bundled == null) {
      bundled = parse(Yaml.parseResource(RESOURCE));
    }
    return bundled;
  }

  public List<String> ids() {
    return all.stream().map(Recipe::id).toList();
  }

  public Optional<Recipe> find(String id) {
    return all.stream().filter(r -> r.id().equalsIgnoreCase(id.strip())).findFirst();
  }

  /** The recipe {@code id}, or an issue at {@code option} naming the known ones. */
  public Optional<Recipe> resolve(Issues issues, String option, String id) {
    Optional<Recipe> r = find(id);
    if (r.isEmpty()) {
      issues.add(option, "'" + id + "' is not a known recipe; known: " + String.join(", ", ids())
          + Suggestions.didYouMean(id, ids()));
    }
    return r;
  }

  /** The current recipe of a vendor's software stack (NVIDIA, Huawei; others get the {@code other} entry). */
  public Recipe defaultFor(String vendor) {
    String id = defaultForVendor.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(vendor)).map(Map.Entry::getValue)
        .findFirst().orElse(defaultForVendor.get(OTHER_VENDOR));
    return find(id).orElseThrow();
  }

  /** The recipe {@link TrainingOptions#of} uses when no chip is known: the {@code other} vendors' default. */
  public Recipe generic() {
    return find(defaultForVendor.get(OTHER_VENDOR)).orElseThrow();
  }

  static Recipes parse(JsonNode json) {
    Issues issues = new Issues();
    Node root = Node.root(json, "", issues);
    root.expectObject(Set.of("default_for_vendor", "recipes"));
    List<Recipe> list = new ArrayList<>();
    for (Node n : root.items("recipes")) {
      recipe(n).ifPresent(list::add);
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Node.Entry e : root.entries("default_for_vendor")) {
      String id = e.node().json().asText();
      if (list.stream().noneMatch(r -> r.id().equals(id))) {
        root.error("default_for_vendor", e.name() + " names unknown recipe '" + id + "'");
      }
      defaults.put(e.name(), id);
    }
    if (!defaults.containsKey(OTHER_VENDOR)) {
      root.error("default_for_vendor", "needs an '" + OTHER_VENDOR + "' entry");
    }
    issues.throwIfAny();
    return new Recipes(list, defaults);
  }

  private static Optional<Recipe> recipe(Node n) {
    Set<String> keys = new java.util.HashSet<>(SETTINGS);
    keys.addAll(List.of("id", "name", "note"));
    n.expectObject(keys);
    Optional<String> id = n.requireString("id");
    Optional<String> name = n.requireString("name");
    Map<String, Recipe.Citation> citations = new LinkedHashMap<>();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (String k : SETTINGS) {
      Optional<Node> s = n.requireChild(k);
      if (s.isEmpty() || !s.get().expectObject(Set.of("value", "source", "confidence"))) {
        continue;
      }
      Optional<String> src = s.get().requireString("source");
      Optional<Confidence> conf = s.get().enumValue("confidence", Confidence.class);
      if (!s.get().has("confidence")) {
        s.get().error("confidence", "is required (high, medium or low)");
      }
      if (!s.get().has("value")) {
        s.get().error("value", "is required");
      }
      if (src.isPresent() && conf.isPresent() && s.get().has("value")) {
        citations.put(k, new Recipe.Citation(src.get(), conf.get()));
        values.put(k, s.get().json().get("value"));
      }
    }
    if (id.isEmpty() || name.isEmpty() || values.size() != SETTINGS.size()) {
      return Optional.empty();
    }
    Optional<GradientPrecision> grads = GradientPrecision.parse(values.get("grad_precision").asText());
    Optional<PipelineSchedule> schedule = PipelineSchedule.parse(values.get("schedule").asText());
    Optional<Fp8Recipe> fp8 = Fp8Recipe.parse(values.get("fp8_recipe").asText());
    Optional<Precision> dispatch = Optional.of(values.get("ep_dispatch_precision").asText()).flatMap(s ->
        s.equalsIgnoreCase("bf16") ? Optional.of(Precision.BF16) : s.equalsIgnoreCase("fp8") ? Optional.of(Precision.FP8) : Optional.empty());
    String attention = values.get("attention").asText();
    Optional<TpOverlap> tpOverlap = TpOverlap.parse(values.get("tp_overlap").asText());
    check(n, tpOverlap.isPresent(), "tp_overlap", TpOverlap.choices());
    Optional<DpBucketing> bucketing = DpBucketing.parse(values.get("dp_bucketing").asText());
    check(n, bucketing.isPresent(), "dp_bucketing", "whole, megatron, deepspeed, per-layer");
    Optional<MomentPrecision> moments = MomentPrecision.parse(values.get("optimizer_moments").asText());
    check(n, moments.isPresent(), "optimizer_moments", MomentPrecision.choices());
    Optional<Fp8ActivationCache> fp8Acts = Fp8ActivationCache.parse(values.get("fp8_activations").asText());
    check(n, fp8Acts.isPresent(), "fp8_activations", Fp8ActivationCache.choices());
    Optional<SelectiveRecompute> selective = SelectiveRecompute.parse(values.get("selective_recompute").asText());
    check(n, selective.isPresent(), "selective_recompute", SelectiveRecompute.choices());
    Optional<ElementwiseKernels> elementwise = ElementwiseKernels.parse(values.get("elementwise").asText());
    check(n, elementwise.isPresent(), "elementwise", ElementwiseKernels.choices());
    Set<Sharding> shardings = EnumSet.noneOf(Sharding.class);
    for (JsonNode z : values.get("sharding")) {
      Sharding.parse(z.asText()).ifPresentOrElse(shardings::add,
          () -> n.error("sharding", "'" + z.asText() + "' is not one of 0, 1, 2, 3, dist-opt"));
    }
    check(n, grads.isPresent(), "grad_precision", GradientPrecision.choices());
    check(n, schedule.isPresent(), "schedule", "1f1b, dualpipe");
    check(n, fp8.isPresent(), "fp8_recipe", "delayed, current, blockwise, mxfp8");
    check(n, dispatch.isPresent(), "ep_dispatch_precision", "bf16, fp8");
    check(n, attention.equals("fused") || attention.equals("unfused"), "attention", "fused, unfused");
    check(n, !shardings.isEmpty(), "sharding", "a non-empty list");
    for (String b : List.of("overlap_dp", "tp_comm_overlap", "tp_fp8_all_gather", "sequence_parallel", "causal_skip", "dropout", "interleaving",
        "sharding_with_pipeline", "ep_comm_overlap", "ep_node_dedup", "fp8_param_gather", "expert_cuda_graph")) {
      check(n, values.get(b).isBoolean(), b, "true or false");
    }
    if (grads.isEmpty() || schedule.isEmpty() || fp8.isEmpty() || dispatch.isEmpty() || shardings.isEmpty() || bucketing.isEmpty()
        || tpOverlap.isEmpty() || moments.isEmpty() || fp8Acts.isEmpty() || selective.isEmpty() || elementwise.isEmpty()) {
      return Optional.empty();
    }
    boolean fused = attention.equals("fused");
    RecipeSettings s = new RecipeSettings(
        new RecipeSettings.Communication(values.get("overlap_dp").asBoolean(), values.get("tp_comm_overlap").asBoolean(),
            tpOverlap.get(), values.get("tp_fp8_all_gather").asBoolean(), bucketing.get()),
        new RecipeSettings.ExpertComm(values.get("ep_comm_overlap").asBoolean(), values.get("ep_node_dedup").asBoolean(),
            dispatch.get()),
        new RecipeSettings.Parallelism(schedule.get(), values.get("interleaving").asBoolean(), shardings,
            values.get("sharding_with_pipeline").asBoolean(), values.get("sequence_parallel").asBoolean()),
        new RecipeSettings.Numerics(grads.get(), fp8.get(), moments.get(), fp8Acts.get(),
            values.get("fp8_param_gather").asBoolean()),
        new RecipeSettings.Kernels(fused, fused && values.get("causal_skip").asBoolean(), values.get("dropout").asBoolean(),
            selective.get(), elementwise.get(), values.get("expert_cuda_graph").asBoolean()));
    return Optional.of(new Recipe(id.get(), name.get(), n.string("note").orElse(""), s, citations));
  }

  private static void check(Node n, boolean ok, String key, String accepted) {
    if (!ok) {
      n.error(key, "value is not one of " + accepted);
    }
  }
}
