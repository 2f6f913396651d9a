package chipmix.perfmodel;

import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The calibration table: per-chip constants plus the documented default for chips without
 * data. Bundled in {@code chipmix/catalog/calibration.yaml}.
 */
public record Calibrations(Calibration fallback, List<Calibration> chips, InferenceCalibration inferenceFallback,
    List<InferenceCalibration> inferenceChips) {
  public static final String RESOURCE = "/chipmix/catalog/calibration.yaml";
  private static final Set<String> TOP = Set.of("default", "chips", "inference");
  private static final Set<String> INFERENCE_TOP = Set.of("default", "chips");
  private static final Set<String> INFERENCE_ENTRY = Set.of("chip_ids", "note", "software", "decode_memory_efficiency",
      "forward_overhead_ms", "memory_reserve_fraction", "prefill_gemm_efficiency", "prefill_attention_efficiency",
      "prefill_attention_half_tokens", "kernel_latency_us", "layer_overhead_us", "layer_overhead_eager_us", "decode_attention_efficiency", "all_to_all_latency_us",
      "all_to_all_latency_per_doubling_us", "grouped_gemm_block_rows", "expert_load_imbalance", "default_recipe", "calibrated",
      "decode_gemm_half_dim");
  /**
   * The residual expert-parallel load imbalance (StepCosts#expertLoadImbalance): optional; a chip entry without it takes
   * the inference default's, a default without it means uniform routing.
   */
  private static final String EXPERT_LOAD_IMBALANCE = "expert_load_imbalance";
  /** The per-step constants in {@link StepCosts}' order; a chip entry may leave any out and take the inference default's. */
  private static final List<String> STEP_CONSTANTS = List.of("kernel_latency_us", "layer_overhead_us", "layer_overhead_eager_us",
      "decode_attention_efficiency", "all_to_all_latency_us", "all_to_all_latency_per_doubling_us", "grouped_gemm_block_rows");
  /** The training constants' keys in {@link Calibration}'s order (the calibration file's keys). */
  public static final List<String> CONSTANTS = List.of("gemm_max_efficiency", "gemm_half_dim", "attention_efficiency",
      "unfused_attention_efficiency", "memory_efficiency", "scale_up_bus_efficiency", "scale_up_latency_us",
      "scale_out_bus_efficiency", "scale_out_latency_us");
  /** The MoE host constant's key: fitted across chips (calibration-fit.yaml {@code cross_chip}); a chip entry may leave it out. */
  public static final String MOE_HOST = "moe_host_per_local_expert_us";
  private static final Set<String> ENTRY = java.util.stream.Stream.concat(Stream.of("chip_ids", "note", "calibrated", MOE_HOST), CONSTANTS.stream())
      .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Set<String> CONSTANT = Set.of("value", "source", "confidence");

  public Calibrations {
    chips = List.copyOf(chips);
    inferenceChips = List.copyOf(inferenceChips);
  }

  /** The inference constants for {@code chip}: the first inference entry naming it, else the inference default. */
  public InferenceCalibration inferenceFor(Chip chip) {
    return inferenceChips.stream().filter(c -> c.chipIds().stream().anyMatch(chip::answersTo)).findFirst()
        .orElse(inferenceFallback);
  }

  /** The inference constants for a canonical chip id (as {@link Hardware#chipId()} holds it). */
  public InferenceCalibration inferenceFor(String chipId) {
    return inferenceChips.stream().filter(c -> c.chipIds().stream().anyMatch(chipId::equalsIgnoreCase)).findFirst()
        .orElse(inferenceFallback);
  }

  /**
   * The constants for {@code chip}: the first entry naming its id or an alias, else the default. The entry's
   * {@code chip_ids} that name {@code chip} (its id or an alias) read as its id, once, so that an alias is not taken
   * for another chip sharing the entry (the A100's entry lists {@code a100-sxm4-80gb}, its own alias).
   */
  public Calibration forChip(Chip chip) {
    return find(chip).map(c -> c.withChipIds(c.chipIds().stream().map(id -> chip.answersTo(id) ? chip.id() : id)
        .distinct().toList())).orElse(fallback);
  }

  public Optional<Calibration> find(Chip chip) {
    return chips.stream().filter(c -> c.chipIds().stream().anyMatch(chip::answersTo)).findFirst();
  }

  private static Calibrations bundled;

  /** The bundled table (parsed once). */
  public static synchronized Calibrations bundled() {
    if (bundled == null) {
      bundled = parse(Yaml.parseResource(RESOURCE), RESOURCE);
    }
    return bundled;
  }

  public static Calibrations parse(JsonNode json, String name) {
    Issues issues = new Issues();
    Node root = Node.root(json, "", issues);
    root.expectObject(TOP);
    Optional<Calibration> def = root.requireChild("default").flatMap(n -> entry(n, Optional.empty()));
    List<Calibration> list = new ArrayList<>();
    for (Node n : root.items("chips")) {
      entry(n, def).ifPresent(list::add);
    }
    Optional<InferenceCalibration> infDef = Optional.empty();
    List<InferenceCalibration> infList = new ArrayList<>();
    Optional<Node> inf = root.requireChild("inference");
    if (inf.isPresent() && inf.get().expectObject(INFERENCE_TOP)) {
      infDef = inf.get().requireChild("default").flatMap(n -> inferenceEntry(n, false, Optional.empty(), name));
      for (Node n : inf.get().items("chips")) {
        inferenceEntry(n, true, infDef, name).ifPresent(infList::add);
      }
    }
    issues.throwIfAny();
    return new Calibrations(def.orElseThrow(), list, infDef.orElseThrow(), infList);
  }

  /** The entry's {@code calibrated} flag, as stated; only chip entries may state it (an issue on the default). */
  private static Optional<Boolean> statedCalibrated(Node n, boolean defaultEntry) {
    Optional<Boolean> stated = n.bool("calibrated");
    if (defaultEntry && stated.isPresent()) {
      n.error("calibrated", "is only for chip entries (the default applies to chips without an entry and is never"
          + " calibrated on one chip's runs); remove it here");
    }
    return stated;
  }

  /** The entry's {@code chip_ids}; an issue when {@code required} and there are none. */
  private static List<String> chipIds(Node n, boolean required) {
    List<String> ids = n.strings("chip_ids");
    if (required && ids.isEmpty()) {
      n.error("chip_ids", "is required (the catalog ids or aliases these constants apply to)");
    }
    return ids;
  }

  /**
   * A chip entry that says {@code calibrated: false} must say in {@code note} where its constants come from: every
   * estimate on the chip shows that note as the reason it is not calibrated.
   */
  private static void requireNoteWhenUncalibrated(Node n, boolean uncalibratedChipEntry, String note) {
    if (uncalibratedChipEntry && note.isBlank()) {
      n.error("note", "is required when calibrated is false: say where the constants come from (kernel benchmarks,"
          + " the default; estimates on the chip show it)");
    }
  }

  private static Optional<InferenceCalibration> inferenceEntry(Node n, boolean chipEntry,
      Optional<InferenceCalibration> fallback, String file) {
    n.expectObject(INFERENCE_ENTRY);
    // a chip entry is fitted to the chip's own published serving runs unless it says calibrated: false (constants taken
    // from the chip's kernel benchmarks and the default, none fitted to its runs)
    Optional<Boolean> stated = statedCalibrated(n, fallback.isEmpty());
    boolean calibrated = chipEntry && stated.orElse(true);
    List<String> ids = chipIds(n, calibrated || fallback.isPresent());
    String note = n.string("note").orElse("");
    requireNoteWhenUncalibrated(n, chipEntry && stated.isPresent() && !stated.get(), note);
    Optional<String> software = n.requireString("software");
    Calibrated mem = constant(n, "decode_memory_efficiency");
    Calibrated overhead = constant(n, "forward_overhead_ms");
    Calibrated reserve = constant(n, "memory_reserve_fraction");
    List<Calibrated> step = new ArrayList<>();
    for (String key : STEP_CONSTANTS) {
      step.add(fallback.isPresent() && !n.has(key) ? fallback.get().stepConstant(STEP_CONSTANTS.indexOf(key)) : constant(n, key));
    }
    Optional<String> recipe = fallback.isPresent() && !n.has("default_recipe")
        ? Optional.of(fallback.get().defaultRecipe()) : n.requireString("default_recipe");
    if (n.has("default_recipe") && recipe.isPresent() && ServingRecipes.lookup(recipe.get()).isEmpty()) {
      n.error("default_recipe", "unknown serving recipe '" + recipe.get() + "' in " + file + "; accepted: "
          + ServingRecipes.ids() + " (" + ServingRecipes.RESOURCE + ")");
    }
    if (mem == null || overhead == null || reserve == null || software.isEmpty() || step.contains(null) || recipe.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<Calibrated> prefillGemm = n.has("prefill_gemm_efficiency")
          ? Optional.ofNullable(constant(n, "prefill_gemm_efficiency")) : Optional.empty();
      Optional<Calibrated> prefillAttention = n.has("prefill_attention_efficiency")
          ? Optional.ofNullable(constant(n, "prefill_attention_efficiency")) : Optional.empty();
      Optional<Calibrated> prefillAttentionHalf = n.has("prefill_attention_half_tokens")
          ? Optional.ofNullable(constant(n, "prefill_attention_half_tokens")) : Optional.empty();
      // a chip's own GEMM benchmark, never the default's: absent, decode GEMMs run at the ceiling at every size
      Optional<Calibrated> decodeGemmHalf = n.has("decode_gemm_half_dim")
          ? Optional.ofNullable(constant(n, "decode_gemm_half_dim")) : Optional.empty();
      Calibrated imbalance = n.has(EXPERT_LOAD_IMBALANCE) ? constant(n, EXPERT_LOAD_IMBALANCE)
          : fallback.map(f -> f.steps().expertLoadImbalance()).orElse(StepCosts.UNIFORM_ROUTING);
      if (imbalance == null) {
        return Optional.empty();
      }
      StepCosts steps = new StepCosts(step.get(0), step.get(1), step.get(2), step.get(3), step.get(4), step.get(5),
          step.get(6), imbalance);
      return Optional.of(new InferenceCalibration(ids, calibrated, mem, overhead, reserve, prefillGemm, prefillAttention,
          prefillAttentionHalf, decodeGemmHalf, steps, recipe.get(), software.get(), note));
    } catch (IllegalArgumentException e) {
      n.error(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * One entry: the default ({@code fallback} empty, every constant required) or a chip's. A chip
   * entry may leave out a kernel class its published runs do not exercise (fused attention on the
   * A100, unfused on the H100); it then takes the default's value, marked as such.
   */
  private static Optional<Calibration> entry(Node n, Optional<Calibration> fallback) {
    n.expectObject(ENTRY);
    // a chip entry is calibrated on the chip's own published runs unless it says calibrated: false (the transfer rule's
    // entries: kernel benchmarks scaled by the fitted chips' ratio, calibration-fit.yaml)
    Optional<Boolean> stated = statedCalibrated(n, fallback.isEmpty());
    boolean calibrated = (fallback.isPresent() || n.has("chip_ids")) && stated.orElse(true);
    List<String> ids = chipIds(n, calibrated || fallback.isPresent());
    String note = n.string("note").orElse("");
    requireNoteWhenUncalibrated(n, fallback.isPresent() && stated.isPresent() && !stated.get(), note);
    List<Calibrated> c = new ArrayList<>();
    for (int i = 0; i < CONSTANTS.size(); i++) {
      String key = CONSTANTS.get(i);
      if (fallback.isPresent() && !n.has(key)) {
        Calibrated d = fallback.get().constants().get(i);
        c.add(new Calibrated(d.value(), "default, this chip's published runs do not exercise this kernel class (" + d.source() + ")",
            Confidence.LOW));
      } else {
        c.add(constant(n, key));
      }
    }
    // the MoE host constant: the default's unless the chip entry states its own
    Calibrated moeHost = fallback.isPresent() && !n.has(MOE_HOST) ? fallback.get().moeHostPerLocalExpertUs() : constant(n, MOE_HOST);
    if (c.contains(null) || moeHost == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Calibration(ids, calibrated, c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5),
          c.get(6), c.get(7), c.get(8), moeHost, note));
    } catch (IllegalArgumentException e) {
      n.error(e.getMessage());
      return Optional.empty();
    }
  }

  private static Calibrated constant(Node parent, String key) {
    Optional<Node> n = parent.requireChild(key);
    if (n.isEmpty() || !n.get().expectObject(CONSTANT)) {
      return null;
    }
    var v = n.get().number("value");
    if (!n.get().has("value")) {
      n.get().error("value", "is required");
    }
    Optional<String> src = n.get().requireString("source");
    Optional<Confidence> conf = n.get().enumValue("confidence", Confidence.class);
    if (!n.get().has("confidence")) {
      n.get().error("confidence", "is required (high, medium or low)");
    }
    if (v.isEmpty() || src.isEmpty() || conf.isEmpty()) {
      return null;
    }
    if (v.getAsDouble() < 0) {
      n.get().error("value", "must not be negative, got " + v.getAsDouble());
      return null;
    }
    return new Calibrated(v.getAsDouble(), src.get(), conf.get());
  }
}
