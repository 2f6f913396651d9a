package chipmix.perfmodel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Workload and run options of a training estimate: the framework recipe and its settings with the
 * user's explicit choices applied.
 *
 * @param seqLen tokens per sequence
 * @param globalBatch sequences per step
 * @param precision matmul precision (attention kernels run at BF16)
 * @param tokens optional token budget for days, device-hours, energy and cost
 * @param recipe the framework recipe whose settings fill what the user left out
 * @param settings the settings in force (the recipe's, with the explicit ones applied)
 * @param explicit the setting keys the user set explicitly (the rest are the recipe's)
 * @param pue facility power usage effectiveness applied to TDP energy (1.0 = device energy only)
 * @param usdPerDeviceHour optional rental price; else the catalog price amortised over {@code amortisationYears}
 */
public record TrainingOptions(
    int seqLen,
    long globalBatch,
    Precision precision,
    Optional<Double> tokens,
    Recipe recipe,
    RecipeSettings settings,
    Set<String> explicit,
    double pue,
    Optional<Double> usdPerDeviceHour,
    double amortisationYears) {

  public TrainingOptions {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(usdPerDeviceHour, "usdPerDeviceHour");
    explicit = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(explicit));
    if (seqLen < 1 || globalBatch < 1 || !(pue >= 1) || !(amortisationYears > 0)) {
      throw new IllegalArgumentException("invalid training options: seqLen=" + seqLen + " globalBatch=" + globalBatch
          + " pue=" + pue + " amortisationYears=" + amortisationYears + "\nMaybe validate user input with TrainingInput first.");
    }
  }

  /**
   * Defaults: BF16, the generic recipe (the one for vendors without their own, {@link Recipes#generic()}) with
   * no explicit setting, PUE 1.0, 4-year amortisation.
   */
  public static TrainingOptions of(int seqLen, long globalBatch) {
    return of(seqLen, globalBatch, Recipes.bundled().generic(), SettingOverrides.NONE);
  }

  /** BF16 with {@code recipe}'s settings and {@code overrides} applied. */
  public static TrainingOptions of(int seqLen, long globalBatch, Recipe recipe, SettingOverrides overrides) {
    return new TrainingOptions(seqLen, globalBatch, Precision.BF16, Optional.empty(), recipe, overrides.apply(recipe.settings()),
        new LinkedHashSet<>(overrides.keys()), 1.0, Optional.empty(), 4.0);
  }

  public boolean overlapGradReduce() {
    return settings.communication().overlapDataParallel();
  }

  public boolean overlapTensorParallel() {
    return settings.communication().overlapTensorParallel();
  }

  public boolean overlapExpertParallel() {
    return settings.expertComm().overlap();
  }

  public boolean expertNodeDedup() {
    return settings.expertComm().nodeDedup();
  }

  public Precision expertDispatchPrecision() {
    return settings.expertComm().dispatchPrecision();
  }

  public boolean sequenceParallel() {
    return settings.parallelism().sequenceParallel();
  }

  public boolean flashAttention() {
    return settings.kernels().flashAttention();
  }

  public GradientPrecision gradientPrecision() {
    return settings.numerics().gradientPrecision();
  }

  public TrainingOptions withPrecision(Precision p) {
    return new TrainingOptions(seqLen, globalBatch, p, tokens, recipe, settings, explicit, pue, usdPerDeviceHour, amortisationYears);
  }

  /** These options under {@code r}: its settings with the same explicit settings applied again is the caller's job; this keeps none. */
  public TrainingOptions withRecipe(Recipe r) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, r, r.settings(), Set.of(), pue, usdPerDeviceHour,
        amortisationYears);
  }

  public TrainingOptions withOverlap(boolean gradReduce, boolean tensorParallel) {
    return with(settings.with(settings.communication().withOverlap(gradReduce, tensorParallel)), "overlap_dp", "tp_comm_overlap");
  }

  /** Expert-parallel communication: overlap (DualPipe), node dedup (DeepEP) and dispatch precision. */
  public TrainingOptions withExpertComm(boolean overlap, boolean nodeDedup, Precision dispatch) {
    return with(settings.with(new RecipeSettings.ExpertComm(overlap, nodeDedup, dispatch)), "ep_comm_overlap", "ep_node_dedup",
        "ep_dispatch_precision");
  }

  public TrainingOptions withSequenceParallel(boolean sp) {
    return with(settings.with(settings.parallelism().withSequenceParallel(sp)), "sequence_parallel");
  }

  public TrainingOptions withFlashAttention(boolean flash) {
    return with(settings.with(settings.kernels().withFlashAttention(flash)), "attention");
  }

  public TrainingOptions withGradientPrecision(GradientPrecision g) {
    return with(settings.with(settings.numerics().withGradientPrecision(g)), "grad_precision");
  }

  public TrainingOptions withSchedule(PipelineSchedule s) {
    return with(settings.with(settings.parallelism().withSchedule(s)), "schedule");
  }

  public TrainingOptions withTokens(double t) {
    return new TrainingOptions(seqLen, globalBatch, precision, Optional.of(t), recipe, settings, explicit, pue, usdPerDeviceHour,
        amortisationYears);
  }

  private TrainingOptions with(RecipeSettings s, String... keys) {
    Set<String> e = new LinkedHashSet<>(explicit);
    e.addAll(List.of(keys));
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, recipe, s, e, pue, usdPerDeviceHour, amortisationYears);
  }

  /** The setting keys in force that came from the recipe (not set explicitly), in {@link Recipes#SETTINGS} order. */
  public List<String> fromRecipe() {
    List<String> out = new ArrayList<>();
    for (String k : Recipes.SETTINGS) {
      if (!explicit.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /** The value in force of setting {@code key}, as text (for reports). */
  public String settingText(String key) {
    RecipeSettings s = settings;
    return switch (key) {
      case "overlap_dp" -> onOff(s.communication().overlapDataParallel());
      case "tp_comm_overlap" -> onOff(s.communication().overlapTensorParallel());
      case "tp_overlap" -> s.communication().tpOverlap().text();
      case "tp_fp8_all_gather" -> onOff(s.communication().tpFp8AllGather());
      case "grad_precision" -> s.numerics().gradientPrecision().text();
      case "sequence_parallel" -> onOff(s.parallelism().sequenceParallel());
      case "attention" -> s.kernels().flashAttention() ? "fused" : "unfused";
      case "causal_skip" -> onOff(s.kernels().causalSkip());
      case "dropout" -> onOff(s.kernels().dropout());
      case "schedule" -> s.parallelism().schedule().text();
      case "interleaving" -> onOff(s.parallelism().interleaving());
      case "sharding" -> String.join("|", s.parallelism().shardings().stream().sorted().map(Sharding::text).toList());
      case "sharding_with_pipeline" -> onOff(s.parallelism().shardingWithPipeline());
      case "fp8_recipe" -> s.numerics().fp8Recipe().text();
      case "ep_comm_overlap" -> onOff(s.expertComm().overlap());
      case "ep_node_dedup" -> onOff(s.expertComm().nodeDedup());
      case "ep_dispatch_precision" -> s.expertComm().dispatchPrecision().name().toLowerCase(java.util.Locale.ROOT);
      case "dp_bucketing" -> s.communication().dpBucketing().text();
      case "optimizer_moments" -> s.numerics().optimizerMoments().text();
      case "fp8_activations" -> s.numerics().fp8Activations().text();
      case "selective_recompute" -> s.kernels().selectiveRecompute().text();
      case "elementwise" -> s.kernels().elementwise().text();
      case "fp8_param_gather" -> onOff(s.numerics().fp8ParamGather());
      case "expert_cuda_graph" -> onOff(s.kernels().expertCudaGraph());
      default -> throw new IllegalArgumentException("unknown setting " + key);
    };
  }

  private static String onOff(boolean b) {
    return b ? "on" : "off";
  }
}
