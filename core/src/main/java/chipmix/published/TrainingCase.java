package chipmix.published;

import chipmix.perfmodel.SettingOverrides;
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
 * @param recipe the framework recipe the run used ({@code recipes.yaml} id); empty: the chip vendor's default
 * @param settings the settings the source states explicitly (overlaps, gradient precision, sequence parallel,
 *     attention kernel, schedule, expert communication); the rest are the recipe's
 * @param scaleOutGbps per-device network bandwidth the source states, where the catalog system has none
 * @param family the source and hardware the case belongs to (leave-one-family-out unit)
 */
public record TrainingCase(
    String id,
    String source,
    Role role,
    String family,
    String model,
    String chip,
    long devices,
    int seqLen,
    long globalBatch,
    Precision precision,
    PartialLayout layout,
    Optional<String> recipe,
    SettingOverrides settings,
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
    Objects.requireNonNull(recipe);
    Objects.requireNonNull(settings);
    Objects.requireNonNull(scaleOutGbps);
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
