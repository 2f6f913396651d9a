package chipmix.published;

import chipmix.perfmodel.Precision;
import chipmix.search.PartialLayout;
import java.util.Objects;

/**
 * A published training run.
 *
 * @param layout the layout as published; parts the source does not state are left open and filled by the search
 * @param metric what the source reports
 * @param accounting the source's FLOP accounting (for TFLOP/s metrics)
 * @param tolerance the accepted relative error for this case
 */
public record TrainingCase(
    String id,
    String source,
    Role role,
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
    Metric metric,
    Accounting accounting,
    double published,
    double tolerance,
    String note) implements PublishedCase {

  public TrainingCase {
    Objects.requireNonNull(id);
    Objects.requireNonNull(layout);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(accounting);
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
