package chipmix.perfmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recipe settings a user (CLI option, web field, scenario key, published case) set explicitly;
 * empty ones take the recipe's value. Keys in {@link #keys()} are the {@code recipes.yaml} setting names.
 */
public record SettingOverrides(
    Optional<Boolean> overlapDataParallel,
    Optional<Boolean> overlapTensorParallel,
    Optional<GradientPrecision> gradientPrecision,
    Optional<Boolean> sequenceParallel,
    Optional<Boolean> flashAttention,
    Optional<PipelineSchedule> schedule,
    Optional<Boolean> overlapExpertParallel,
    Optional<Boolean> expertNodeDedup,
    Optional<Precision> expertDispatchPrecision,
    Optional<MomentPrecision> optimizerMoments,
    Optional<Fp8ActivationCache> fp8Activations,
    Optional<ElementwiseKernels> elementwise,
    Optional<Boolean> fp8ParamGather) {

  public static final SettingOverrides NONE = new SettingOverrides(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  /** Every setting but the FP8 weight gather, which stays the recipe's (the CLI). */
  public SettingOverrides(Optional<Boolean> overlapDataParallel, Optional<Boolean> overlapTensorParallel,
      Optional<GradientPrecision> gradientPrecision, Optional<Boolean> sequenceParallel, Optional<Boolean> flashAttention,
      Optional<PipelineSchedule> schedule, Optional<Boolean> overlapExpertParallel, Optional<Boolean> expertNodeDedup,
      Optional<Precision> expertDispatchPrecision, Optional<MomentPrecision> optimizerMoments,
      Optional<Fp8ActivationCache> fp8Activations, Optional<ElementwiseKernels> elementwise) {
    this(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention, schedule,
        overlapExpertParallel, expertNodeDedup, expertDispatchPrecision, optimizerMoments, fp8Activations, elementwise,
        Optional.empty());
  }

  /** The eleven settings of a published case: all but the element-wise kernels, which stay the recipe's. */
  public SettingOverrides(Optional<Boolean> overlapDataParallel, Optional<Boolean> overlapTensorParallel,
      Optional<GradientPrecision> gradientPrecision, Optional<Boolean> sequenceParallel, Optional<Boolean> flashAttention,
      Optional<PipelineSchedule> schedule, Optional<Boolean> overlapExpertParallel, Optional<Boolean> expertNodeDedup,
      Optional<Precision> expertDispatchPrecision, Optional<MomentPrecision> optimizerMoments,
      Optional<Fp8ActivationCache> fp8Activations) {
    this(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention, schedule,
        overlapExpertParallel, expertNodeDedup, expertDispatchPrecision, optimizerMoments, fp8Activations, Optional.empty(),
        Optional.empty());
  }

  /** The nine settings the CLI, the web form and scenarios can set; the optimizer moments, FP8 caching and element-wise kernels stay the recipe's. */
  public SettingOverrides(Optional<Boolean> overlapDataParallel, Optional<Boolean> overlapTensorParallel,
      Optional<GradientPrecision> gradientPrecision, Optional<Boolean> sequenceParallel, Optional<Boolean> flashAttention,
      Optional<PipelineSchedule> schedule, Optional<Boolean> overlapExpertParallel, Optional<Boolean> expertNodeDedup,
      Optional<Precision> expertDispatchPrecision) {
    this(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention, schedule,
        overlapExpertParallel, expertNodeDedup, expertDispatchPrecision, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public SettingOverrides {
    Objects.requireNonNull(overlapDataParallel);
    Objects.requireNonNull(overlapTensorParallel);
    Objects.requireNonNull(gradientPrecision);
    Objects.requireNonNull(sequenceParallel);
    Objects.requireNonNull(flashAttention);
    Objects.requireNonNull(schedule);
    Objects.requireNonNull(overlapExpertParallel);
    Objects.requireNonNull(expertNodeDedup);
    Objects.requireNonNull(expertDispatchPrecision);
    Objects.requireNonNull(optimizerMoments);
    Objects.requireNonNull(fp8Activations);
    Objects.requireNonNull(elementwise);
    Objects.requireNonNull(fp8ParamGather);
  }

  /** {@code base} with every present override applied. */
  public RecipeSettings apply(RecipeSettings base) {
    RecipeSettings.Communication comm = base.communication();
    RecipeSettings.ExpertComm expert = base.expertComm();
    RecipeSettings.Parallelism par = base.parallelism();
    RecipeSettings.Numerics num = base.numerics();
    RecipeSettings.Kernels kern = base.kernels();
    return base
        .with(comm.withOverlap(overlapDataParallel.orElse(comm.overlapDataParallel()),
            overlapTensorParallel.orElse(comm.overlapTensorParallel())))
        .with(new RecipeSettings.ExpertComm(overlapExpertParallel.orElse(expert.overlap()),
            expertNodeDedup.orElse(expert.nodeDedup()), expertDispatchPrecision.orElse(expert.dispatchPrecision())))
        .with(par.withSequenceParallel(sequenceParallel.orElse(par.sequenceParallel()))
            .withSchedule(schedule.orElse(par.schedule())))
        .with(num.withGradientPrecision(gradientPrecision.orElse(num.gradientPrecision()))
            .withMemorySavings(optimizerMoments.orElse(num.optimizerMoments()), fp8Activations.orElse(num.fp8Activations()))
            .withFp8ParamGather(fp8ParamGather.orElse(num.fp8ParamGather())))
        .with((flashAttention.isPresent() ? kern.withFlashAttention(flashAttention.get()) : kern)
            .withElementwise(elementwise.orElse(kern.elementwise())));
  }

  /** The setting keys given explicitly, in {@link Recipes#SETTINGS} order. */
  public List<String> keys() {
    List<String> out = new ArrayList<>();
    add(out, "overlap_dp", overlapDataParallel);
    add(out, "tp_comm_overlap", overlapTensorParallel);
    add(out, "grad_precision", gradientPrecision);
    add(out, "sequence_parallel", sequenceParallel);
    add(out, "attention", flashAttention);
    add(out, "schedule", schedule);
    add(out, "ep_comm_overlap", overlapExpertParallel);
    add(out, "ep_node_dedup", expertNodeDedup);
    add(out, "ep_dispatch_precision", expertDispatchPrecision);
    add(out, "optimizer_moments", optimizerMoments);
    add(out, "fp8_activations", fp8Activations);
    add(out, "elementwise", elementwise);
    add(out, "fp8_param_gather", fp8ParamGather);
    return out;
  }

  private static void add(List<String> out, String key, Optional<?> v) {
    if (v.isPresent()) {
      out.add(key);
    }
  }
}
