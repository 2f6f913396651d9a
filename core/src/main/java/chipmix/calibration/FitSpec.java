package chipmix.calibration;

import chipmix.published.PublishedCase;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The calibration fit as data ({@code chipmix/calibration/calibration-fit.yaml}).
 *
 * @param fitRoles the case roles whose errors enter the loss
 * @param rounds coordinate-descent passes over the constants
 * @param constants every training constant, in {@link chipmix.perfmodel.Calibrations#CONSTANTS} order
 * @param chips the chips with fitted constants
 * @param inference serving entries fitted by hand, with the families they rest on
 * @param crossChip constants fitted across chips to their own fit cases, after the chip fits
 */
public record FitSpec(Set<PublishedCase.Role> fitRoles, int rounds, List<Constant> constants, List<ChipFit> chips,
    List<InferenceFit> inference, List<CrossChip> crossChip) {

  public FitSpec {
    fitRoles = Set.copyOf(fitRoles);
    constants = List.copyOf(constants);
    chips = List.copyOf(chips);
    inference = List.copyOf(inference);
    crossChip = List.copyOf(crossChip);
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
  }

  /** Which way a constant is conservative: a lower efficiency, a larger half-size or latency. */
  public enum Conservative {
    LOWER, HIGHER;

    /** The more conservative of two values. */
    public double of(double a, double b) {
      return this == LOWER ? Math.min(a, b) : Math.max(a, b);
    }
  }

  /** One constant: its start point, the values coordinate descent tries, and its conservative direction. */
  public record Constant(String key, double start, Conservative conservative, List<Double> grid) {
    public Constant {
      Objects.requireNonNull(key);
      Objects.requireNonNull(conservative);
      grid = List.copyOf(grid);
      if (grid.isEmpty()) {
        throw new IllegalArgumentException(key + ": grid is empty");
      }
    }
  }

  /**
   * One chip's fit.
   *
   * @param start start values that differ from the constants' {@code start}
   * @param held constants kept at their start value although the fit cases exercise them, or set there from a cited kernel benchmark where no fit case does (with the reason in the file)
   * @param notExercised kernel classes none of the chip's fit cases run: held, and left to the default in calibration.yaml
   * @param benchmarks published kernel benchmarks of the chip, per efficiency constant (a fraction of the peak), which
   *     carry a fit over to the chip when a fit has none of its cases ({@link TrainingFit}: the transfer rule)
   */
  public record ChipFit(String chip, Map<String, Double> start, Set<String> held, Set<String> notExercised,
      Map<String, Benchmark> benchmarks) {
    public ChipFit {
      Objects.requireNonNull(chip);
      start = Map.copyOf(start);
      held = Set.copyOf(held);
      notExercised = Set.copyOf(notExercised);
      benchmarks = Map.copyOf(benchmarks);
    }

    public ChipFit(String chip, Map<String, Double> start, Set<String> held, Set<String> notExercised) {
      this(chip, start, held, notExercised, Map.of());
    }

    /** True when the fit does not move {@code key}. */
    public boolean frozen(String key) {
      return held.contains(key) || notExercised.contains(key);
    }
  }

  /**
   * A published kernel benchmark of one chip: the fraction of the chip's peak a kernel class reaches (in the model's
   * accounting) and where it was published.
   */
  public record Benchmark(double value, String source) {
    public Benchmark {
      Objects.requireNonNull(source);
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("a benchmark is a fraction of the peak in (0, 1], got " + value);
      }
      if (source.isBlank()) {
        throw new IllegalArgumentException("a benchmark needs its source");
      }
    }
  }

  /** A chip's serving constants and the families whose fit cases they were fitted to. */
  public record InferenceFit(String chip, List<String> families) {
    public InferenceFit {
      Objects.requireNonNull(chip);
      families = List.copyOf(families);
    }
  }

  /**
   * A constant with one value for every chip (the data do not allow one per chip), fitted by a grid search on the
   * mean absolute error of its own fit cases with every other constant as the chip fits left it. Its fit cases take no
   * part in the chip fits.
   *
   * @param fitCases the ids of its fit cases (each must have a fit role)
   */
  public record CrossChip(String key, double start, List<Double> grid, List<String> fitCases) {
    public CrossChip {
      Objects.requireNonNull(key);
      grid = List.copyOf(grid);
      fitCases = List.copyOf(fitCases);
      if (grid.isEmpty()) {
        throw new IllegalArgumentException(key + ": grid is empty");
      }
    }
  }

  /** Whether case {@code id} is a fit case of a cross-chip constant (and so not of any chip fit). */
  public boolean crossChipCase(String id) {
    return crossChip.stream().anyMatch(c -> c.fitCases().contains(id));
  }

  /** The start point of {@code chip}'s fit, in constant order. */
  public double[] start(ChipFit chip) {
    return constants.stream().mapToDouble(c -> chip.start().getOrDefault(c.key(), c.start())).toArray();
  }
}
