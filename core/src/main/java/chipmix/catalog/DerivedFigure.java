package chipmix.catalog;

import java.util.Optional;
import java.util.function.Function;

/**
 * The figures computed from a chip's specs (never stored), with the stable keys used in JSON
 * output. Each is absent when an input is unknown. Computation lives in {@link ChipFigures}.
 */
public enum DerivedFigure {
  TPP("tpp", "TPP", "bit-TOPS", "max over precisions of dense rate x bit length (TF32 not counted)",
      ChipFigures::tpp),
  PERFORMANCE_DENSITY("performance_density", "Performance density", "TPP/mm²", "TPP / die area",
      ChipFigures::performanceDensity),
  RIDGE_POINT("ridge_point_flop_per_byte", "Ridge point", "FLOP/B", "dense BF16 / memory bandwidth",
      ChipFigures::ridgePoint),
  BF16_GFLOPS_PER_WATT("bf16_gflops_per_watt", "BF16 per watt", "GFLOP/s/W", "dense BF16 / TDP",
      ChipFigures::bf16GflopsPerWatt),
  BF16_GFLOPS_PER_USD("bf16_gflops_per_usd", "BF16 per dollar", "GFLOP/s/USD", "dense BF16 / price",
      ChipFigures::bf16GflopsPerDollar);

  private final String key;
  private final String label;
  private final String unit;
  private final String formula;
  private final Function<Chip, Optional<Spec>> compute;

  DerivedFigure(String key, String label, String unit, String formula, Function<Chip, Optional<Spec>> compute) {
    this.key = key;
    this.label = label;
    this.unit = unit;
    this.formula = formula;
    this.compute = compute;
  }

  /** The key in JSON output. */
  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public String unit() {
    return unit;
  }

  /** How it is computed, in words. */
  public String formula() {
    return formula;
  }

  public Optional<Spec> of(Chip chip) {
    return compute.apply(chip);
  }
}
