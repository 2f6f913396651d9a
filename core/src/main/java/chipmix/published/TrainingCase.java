package chipmix.published;

import chipmix.perfmodel.GradientPrecision;
import chipmix.perfmodel.Precision;
import chipmix.search.PartialLayout;
import java.util.Objects;
import java.util.Optional;

/**
 * A published training run.
 *
 * @param layout the layout as published; parts the source does not state are left open and filled by the search
 * @param metric what the source reports
 * @param accounting the source's FLOP accounting (for TFLOP/s metrics)
 * @param tolerance the accepted relative error for this case
 * @param sequenceParallel the run split norms and dropout over the tensor-parallel ranks (false for Megatron runs before 2022)
 * @param gradientPrecision the gradient buffer's precision (FP16 for Megatron --fp16 runs, FP32 for its BF16 default)
 * @param scaleOutGbps per-device network bandwidth the source states, where the catalog system has none
 * @param expertComm expert-parallel communication as the source describes it
 * @param family the source and hardware the case belongs to (leave-one-family-out unit)
 * @param recipe the framework recipe the run used ({@code megatron-2021}, {@code megatron-core-2024},
 *     {@code megatron-bridge-2025}, {@code torchtitan}, {@code deepspeed}, {@code mindspeed}), where known;
 *     recorded with the case, the estimate takes its settings from the case's own options
 */
public record TrainingCase(
    String id,
    String source,
    Role role,
    String family,
    Optional<String> recipe,
    String model,
    String chip,
    long devices,
    int seqLen,
    long globalBatch,
    Precision precision,
    PartialLayout layout,
    boolean overlapGradReduce,
    boolean overlapTensorParallel,
    boolean flashAttention,
    boolean sequenceParallel,
    GradientPrecision gradientPrecision,
    ExpertComm expertComm,
    Optional<Double> scaleOutGbps,
    Metric metric,
    Accounting accounting,
    double published,
    double tolerance,
    String note) implements PublishedCase {

  public TrainingCase {
    Objects.requireNonNull(id);
    Objects.requireNonNull(role);
    Objects.requireNonNull(recipe);
    if (!FAMILY.matcher(family).matches()) {
      throw new IllegalArgumentException("family '" + family + "' must be lower-case words joined by hyphens");
    }
    Objects.requireNonNull(layout);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(accounting);
    Objects.requireNonNull(expertComm);
    Objects.requireNonNull(gradientPrecision);
    Objects.requireNonNull(scaleOutGbps);
  }

  /** Expert all-to-all as published: DualPipe-style overlap, node dedup, dispatch precision. */
  public record ExpertComm(boolean overlap, boolean nodeDedup, Precision dispatchPrecision) {
    public static final ExpertComm PLAIN = new ExpertComm(false, false, Precision.BF16);

    public ExpertComm {
      Objects.requireNonNull(dispatchPrecision);
    }
  }

  @Override
  public String kind() {
    return "training";
  }

  /** Training metrics a source may report. */
  public enum Metric {
    TFLOPS_PER_DEVICE("TFLOP/s/dev"),
    ITERATION_TIME_S("s/iter"),
    TOKENS_PER_S_PER_DEVICE("tok/s/dev");

    private final String unit;

    Metric(String unit) {
      this.unit = unit;
    }

    public String unit() {
      return unit;
    }
  }
}
