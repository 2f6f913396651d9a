package chipmix.search;

import chipmix.perfmodel.Layout;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One costed layout, ready for a view: throughput, FLOP accounting, memory and the step-time
 * breakdown (seconds per step; the parts add up to the step time).
 *
 * @param chosen the layout parts the search filled in (empty when the user fixed them all)
 * @param gradPrecision the gradient buffer's precision (fp32, bf16 or fp16)
 * @param ranges the step time and what follows from it at both ends of the catalog ranges, when any figure is a range
 * @param memoryGiB memory per device by part, GiB
 * @param breakdownSeconds step-time breakdown, seconds
 * @param shortfallGiB how much more memory the layout needs than the device has (0 when it fits)
 * @param mfu model FLOPs over the dense BF16 peak (the MFU convention, whatever the matmul precision)
 * @param recipe the framework recipe and the settings in force
 * @param mfuAtPrecisionPeak for FP8 runs, model FLOPs over the FP8 peak (as DeepSeek and NeMo also report)
 * @param scaleOutBasis the per-device scale-out figure the estimate rests on, with its source and confidence, when used
 */
public record TrainingEstimate(
    String model,
    String chip,
    long devices,
    int seqLen,
    long globalBatch,
    String precision,
    String gradPrecision,
    Layout layout,
    boolean sequenceParallel,
    List<String> chosen,
    double stepSeconds,
    Optional<Ranges> ranges,
    double tokensPerSecond,
    double tokensPerSecondPerDevice,
    double modelFlopsPerToken,
    double modelTflopsPerDevice,
    double mfu,
    double hardwareTflopsPerDevice,
    double hfu,
    double microBatches,
    Map<String, Double> memoryGiB,
    double memoryPerDeviceGiB,
    double capacityGiB,
    boolean fits,
    double shortfallGiB,
    Map<String, Double> breakdownSeconds,
    boolean calibrated,
    String calibrationNote,
    Optional<Budget> budget,
    RecipeUse recipe,
    Optional<Double> mfuAtPrecisionPeak,
    Optional<String> scaleOutBasis) {

  public TrainingEstimate {
    Objects.requireNonNull(layout);
    chosen = List.copyOf(chosen);
    memoryGiB = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(memoryGiB));
    breakdownSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(breakdownSeconds));
  }

  /**
   * The recipe an estimate used: its id and name, every setting in force (key as in {@code recipes.yaml}) and which
   * of them were set explicitly (the rest are the recipe's defaults).
   */
  public record RecipeUse(String id, String name, Map<String, String> settings, List<String> explicit) {
    public RecipeUse {
      Objects.requireNonNull(id);
      Objects.requireNonNull(name);
      settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
      explicit = List.copyOf(explicit);
    }
  }

  /**
   * Whether the device's memory peak is the optimizer step (16-bit gradients copied to FP32 while
   * the activations are freed) rather than the backward pass; then the parts of {@link #memoryGiB}
   * add up to less than {@link #memoryPerDeviceGiB}.
   */
  public boolean peakAtOptimizerStep() {
    double parts = memoryGiB.values().stream().mapToDouble(Double::doubleValue).sum();
    return memoryPerDeviceGiB > parts * (1 + 1e-9);
  }

  /**
   * Low and high ends, each {@code {low, high}}, of the figures that depend on catalog values given as
   * ranges (peak, bandwidth, memory). The step time's ends come from the fast and slow ends of every
   * range; MFU and HFU use each end's own peak, so a range in the peak widens them both ways.
   */
  public record Ranges(double[] stepSeconds, double[] tokensPerSecond, double[] tokensPerSecondPerDevice,
      double[] modelTflopsPerDevice, double[] mfu, double[] hardwareTflopsPerDevice, double[] hfu) {

    public Ranges {
      for (double[] r : new double[][] {stepSeconds, tokensPerSecond, tokensPerSecondPerDevice, modelTflopsPerDevice, mfu,
          hardwareTflopsPerDevice, hfu}) {
        if (r == null || r.length != 2 || !(r[0] <= r[1])) {
          throw new IllegalArgumentException("a range is {low, high} with low <= high");
        }
      }
    }
  }

  /**
   * What a token budget costs.
   *
   * @param energyKwh TDP x devices x time x PUE, when the catalog has the TDP
   * @param costUsd device-hours x $/device-hour, when a price is known
   * @param costBasis how the $/device-hour was obtained
   * @param daysRange days at the fast and slow ends of the catalog ranges (device-hours scale alike), when any
   *     figure the step time uses is a range
   * @param energyKwhRange energy at the low and high ends, from the step-time range and the TDP range
   * @param costUsdRange cost at the low and high ends, from the step-time range and the catalog price range
   */
  public record Budget(double tokens, double days, double deviceHours, Optional<Double> energyKwh, double pue,
      Optional<Double> costUsd, Optional<Double> usdPerDeviceHour, String costBasis, Optional<double[]> daysRange,
      Optional<double[]> energyKwhRange, Optional<double[]> costUsdRange) {}
}
