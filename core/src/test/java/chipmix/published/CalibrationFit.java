package chipmix.published;

import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.perfmodel.Calibrated;
import chipmix.perfmodel.Calibration;
import chipmix.perfmodel.Hardware;
import chipmix.testing.TestChips;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How the per-chip constants in calibration.yaml were obtained: coordinate descent over the
 * nine constants, minimising the mean absolute error over the chip's {@code role: fit} cases
 * only. Opt-in (it prints, it does not assert):
 * {@code mvn -pl core test -Dtest=CalibrationFit -Dchipmix.fit=a100-sxm4-80gb}; {@code -Dchipmix.fit.start=...}
 * sets the start point and {@code -Dchipmix.fit.fixed=7,8} holds constants the fit cases barely determine (a
 * kernel class no fit case exercises, like fused attention on the A100, does not move and is left to the default).
 */
class CalibrationFit {
  static final String[] NAMES = {"gemm_max_efficiency", "gemm_half_dim", "attention_efficiency", "unfused_attention_efficiency",
      "memory_efficiency",
      "scale_up_bus_efficiency", "scale_up_latency_us", "scale_out_bus_efficiency", "scale_out_latency_us"};
  static final double[][] GRID = {
      {0.5, 0.55, 0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9, 0.92, 0.95},
      {16, 32, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048},
      {0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7},
      {0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5},
      {0.5, 0.6, 0.7, 0.8, 0.9},
      {0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
      {2, 5, 10, 20},
      {0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
      {5, 10, 20, 40}};

  @Test
  @EnabledIfSystemProperty(named = "chipmix.fit", matches = ".+")
  void fit() {
    String chipId = System.getProperty("chipmix.fit");
    Chip chip = TestChips.CATALOG.chip("--chip", chipId);
    List<PublishedCase> cases = PublishedCases.bundled().stream()
        .filter(c -> c instanceof TrainingCase t && t.chip().equals(chipId)).toList();
    List<PublishedCase> fit = cases.stream().filter(c -> c.role() == PublishedCase.Role.FIT).toList();
    double[] x = start();
    double best = loss(chip, fit, x);
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < x.length; i++) {
        if (fixed().contains(i)) {
          continue;
        }
        for (double v : GRID[i]) {
          double old = x[i];
          x[i] = v;
          double l = loss(chip, fit, x);
          if (l < best) {
            best = l;
          } else {
            x[i] = old;
          }
        }
      }
      System.out.printf(Locale.ROOT, "round %d mean abs error %.4f %s%n", round, best, java.util.Arrays.toString(x));
    }
    for (CaseResult r : Validation.run(cases, id -> hardware(chip, x))) {
      System.out.printf(Locale.ROOT, "%-40s %-8s published %9.3f predicted %9.3f error %+6.1f%%  %s%n", r.id(), r.role(),
          r.published(), r.predicted(), 100 * r.error(), r.detail());
    }
  }

  /** Constants held at their start value: -Dchipmix.fit.fixed=comma-separated indexes into NAMES. */
  static java.util.Set<Integer> fixed() {
    String s = System.getProperty("chipmix.fit.fixed", "");
    return s.isBlank() ? java.util.Set.of()
        : java.util.Arrays.stream(s.split(",")).map(String::strip).map(Integer::valueOf).collect(java.util.stream.Collectors.toSet());
  }

  /** Start point: -Dchipmix.fit.start=comma-separated values, else the grid's middle. */
  static double[] start() {
    String s = System.getProperty("chipmix.fit.start", "0.7,128,0.4,0.3,0.7,0.7,10,0.7,20");
    return java.util.Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  static double loss(Chip chip, List<PublishedCase> fit, double[] x) {
    try {
      return Validation.run(fit, id -> hardware(chip, x)).stream().mapToDouble(r -> Math.abs(r.error())).average().orElse(9);
    } catch (RuntimeException e) {
      return 9;
    }
  }

  static Hardware hardware(Chip chip, double[] x) {
    Calibrated[] c = new Calibrated[x.length];
    for (int i = 0; i < x.length; i++) {
      c[i] = new Calibrated(x[i], "fit", Confidence.MEDIUM);
    }
    Calibration cal = new Calibration(List.of(chip.id()), true, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], "fit");
    return Hardware.of(chip, TestChips.CATALOG.defaultSystemFor(chip).orElseThrow(), cal);
  }
}
