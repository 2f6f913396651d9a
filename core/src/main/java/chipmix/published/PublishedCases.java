package chipmix.published;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.perfmodel.ElementwiseKernels;
import chipmix.perfmodel.Fp8ActivationCache;
import chipmix.perfmodel.GradientPrecision;
import chipmix.perfmodel.MomentPrecision;
import chipmix.perfmodel.PipelineSchedule;
import chipmix.perfmodel.Recipes;
import chipmix.perfmodel.SettingOverrides;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.Recompute;
import chipmix.perfmodel.Sharding;
import chipmix.search.PartialLayout;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Loads published cases from YAML ({@code cases:} list, each with a {@code kind}). */
public final class PublishedCases {
  public static final List<String> BUNDLED = List.of("/chipmix/validation/training-cases.yaml");
  private static final Set<String> CASE_KEYS = Set.of("id", "kind", "source", "role", "family", "model", "chip", "devices", "seq_len",
      "global_batch", "precision", "recipe", "layout", "options", "metric", "accounting", "published", "tolerance", "note");
  private static final Set<String> LAYOUT_KEYS = Set.of("tp", "pp", "dp", "cp", "ep", "vpp", "micro_batch", "recompute", "zero");
  private static final Set<String> OPTION_KEYS = Set.of("overlap_grad_reduce", "overlap_tp", "flash_attention", "overlap_ep",
      "ep_node_dedup", "ep_dispatch_precision", "scale_out_gbps", "sequence_parallel", "grad_precision", "schedule", "optimizer_moments",
      "fp8_activations", "elementwise", "fp8_param_gather");

  private PublishedCases() {}

  /** Every bundled case, in file order. */
  public static List<PublishedCase> bundled() {
    List<PublishedCase> all = new ArrayList<>();
    for (String r : BUNDLED) {
      all.addAll(parse(Yaml.parseResource(r), r));
    }
    return all;
  }

  public static List<PublishedCase> parse(JsonNode json, String name) {
    Issues issues = new Issues();
    Node root = Node.root(json, "", issues);
    root.expectObject(Set.of("cases"));
    List<PublishedCase> out = new ArrayList<>();
    List<Node> nodes = root.items("cases");
    checkAcrossCases(nodes, issues);
    for (Node n : nodes) {
      n.expectObject(CASE_KEYS);
      String kind = n.requireString("kind").orElse("");
      switch (kind) {
        case "training" -> training(n).ifPresent(out::add);
        case "" -> { }
        default -> n.error("kind", "'" + kind + "' is not a known case kind (known: training)");
      }
    }
    issues.throwIfAny();
    return out;
  }

  /**
   * The case's {@code family}: lower-case words joined by hyphens naming source and hardware
   * ({@code megatron-core-h100}); shared by every kind of case.
   */
  public static Optional<String> family(Node n) {
    Optional<String> f = n.string("family");
    if (f.isPresent() && !PublishedCase.FAMILY.matcher(f.get()).matches()) {
      n.error("family", "'" + f.get() + "' is not a family id: lower-case words joined by hyphens, naming the source and"
          + " the hardware (for example megatron-core-h100)");
      return Optional.empty();
    }
    return f;
  }

  /** Checks that the ids are unique and that every family holds cases of one chip, listing every problem. */
  static void checkAcrossCases(List<Node> nodes, Issues issues) {
    java.util.Map<String, String> chipOfFamily = new java.util.HashMap<>();
    Set<String> ids = new java.util.HashSet<>();
    for (Node n : nodes) {
      n.string("id").filter(id -> !ids.add(id)).ifPresent(id -> n.error("id", "'" + id + "' is used by an earlier case"));
      Optional<String> f = n.string("family");
      Optional<String> chip = n.string("chip");
      if (f.isPresent() && chip.isPresent()) {
        String first = chipOfFamily.putIfAbsent(f.get(), chip.get());
        if (first != null && !first.equals(chip.get())) {
          n.error("family", "family '" + f.get() + "' already holds cases on " + first + ", this case is on " + chip.get()
              + " (a family is one source on one kind of hardware; name the hardware in the family)");
        }
      }
    }
  }

  private static Optional<TrainingCase> training(Node n) {
    Optional<String> id = n.requireString("id");
    Optional<String> source = n.requireString("source");
    Optional<PublishedCase.Role> role = n.enumValue("role", PublishedCase.Role.class);
    Optional<String> family = family(n);
    Optional<String> model = n.requireString("model");
    Optional<String> chip = n.requireString("chip");
    Optional<Long> devices = n.longValue("devices");
    Optional<Integer> seq = n.integer("seq_len");
    Optional<Long> batch = n.longValue("global_batch");
    Precision precision = n.enumValue("precision", Precision.class).orElse(Precision.BF16);
    Optional<TrainingCase.Metric> metric = n.enumValue("metric", TrainingCase.Metric.class);
    Accounting accounting = n.enumValue("accounting", Accounting.class).orElse(Accounting.PALM);
    var published = n.requirePositive("published", "");
    var tolerance = n.requirePositive("tolerance", "(relative error, e.g. 0.10)");
    PartialLayout layout = PartialLayout.OPEN;
    Optional<Node> l = n.child("layout");
    if (l.isPresent() && l.get().expectObject(LAYOUT_KEYS)) {
      Node ln = l.get();
      layout = new PartialLayout(ln.integer("tp"), ln.integer("pp"), ln.integer("dp"), ln.integer("cp"), ln.integer("ep"),
          ln.integer("vpp"), ln.integer("micro_batch"), ln.enumValue("recompute", Recompute.class),
          ln.string("zero").flatMap(z -> {
            Optional<Sharding> s = Sharding.parse(z);
            if (s.isEmpty()) {
              ln.error("zero", "'" + z + "' is not one of 0, 1, 2, 3, dist-opt");
            }
            return s;
          }));
    }
    // the recipe the run used; every option the case states overrides the recipe's setting
    Optional<String> recipe = n.string("recipe");
    recipe.ifPresent(r -> {
      if (Recipes.bundled().find(r).isEmpty()) {
        n.error("recipe", "'" + r + "' is not a known recipe" + chipmix.validation.Suggestions.didYouMean(r, Recipes.bundled().ids())
            + "; known: " + String.join(", ", Recipes.bundled().ids()));
      }
    });
    SettingOverrides settings = SettingOverrides.NONE;
    Optional<Double> scaleOut = Optional.empty();
    Optional<Node> o = n.child("options");
    if (o.isPresent() && o.get().expectObject(OPTION_KEYS)) {
      Node on = o.get();
      Optional<String> g = on.string("grad_precision");
      Optional<GradientPrecision> grads = g.flatMap(GradientPrecision::parse);
      if (g.isPresent() && grads.isEmpty()) {
        on.error("grad_precision", "'" + g.get() + "' is not one of " + GradientPrecision.choices());
      }
      Optional<String> sc = on.string("schedule");
      Optional<PipelineSchedule> schedule = sc.flatMap(PipelineSchedule::parse);
      if (sc.isPresent() && schedule.isEmpty()) {
        on.error("schedule", "'" + sc.get() + "' is not one of 1f1b, dualpipe");
      }
      Optional<String> mo = on.string("optimizer_moments");
      Optional<MomentPrecision> moments = mo.flatMap(MomentPrecision::parse);
      if (mo.isPresent() && moments.isEmpty()) {
        on.error("optimizer_moments", "'" + mo.get() + "' is not one of " + MomentPrecision.choices());
      }
      Optional<String> fa = on.string("fp8_activations");
      Optional<Fp8ActivationCache> fp8Acts = fa.flatMap(Fp8ActivationCache::parse);
      if (fa.isPresent() && fp8Acts.isEmpty()) {
        on.error("fp8_activations", "'" + fa.get() + "' is not one of " + Fp8ActivationCache.choices());
      }
      Optional<String> ew = on.string("elementwise");
      Optional<ElementwiseKernels> elementwise = ew.flatMap(ElementwiseKernels::parse);
      if (ew.isPresent() && elementwise.isEmpty()) {
        on.error("elementwise", "'" + ew.get() + "' is not one of " + ElementwiseKernels.choices());
      }
      settings = new SettingOverrides(on.bool("overlap_grad_reduce"), on.bool("overlap_tp"), grads, on.bool("sequence_parallel"),
          on.bool("flash_attention"), schedule, on.bool("overlap_ep"), on.bool("ep_node_dedup"),
          on.enumValue("ep_dispatch_precision", Precision.class), moments, fp8Acts, elementwise, on.bool("fp8_param_gather"));
      scaleOut = on.child("scale_out_gbps").isPresent()
          ? on.requirePositive("scale_out_gbps", "(Gb/s per device)").stream().boxed().findFirst() : Optional.empty();
    }
    for (String k : List.of("role", "family", "devices", "seq_len", "global_batch", "metric")) {
      if (!n.has(k)) {
        n.error(k, "is required");
      }
    }
    if (id.isEmpty() || source.isEmpty() || role.isEmpty() || family.isEmpty() || model.isEmpty() || chip.isEmpty() || devices.isEmpty()
        || seq.isEmpty() || batch.isEmpty() || metric.isEmpty() || published.isEmpty() || tolerance.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TrainingCase(id.get(), source.get(), role.get(), family.get(), model.get(), chip.get(), devices.get(), seq.get(),
        batch.get(), precision, layout, recipe, settings, scaleOut, metric.get(), accounting, published.getAsDouble(),
        tolerance.getAsDouble(), n.string("note").orElse("")));
  }
}
