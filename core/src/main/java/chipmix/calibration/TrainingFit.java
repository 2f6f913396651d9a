package chipmix.calibration;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.perfmodel.Calibrated;
import chipmix.perfmodel.Calibration;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.published.TrainingCase;
import chipmix.published.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Fits the per-chip training constants to published runs as {@link FitSpec} says: per chip,
 * {@link GridDescent} on the mean absolute relative error over the chip's fit cases; then the
 * default for other chips by the conservative rule. The cases are given by the caller, so the same
 * routine reproduces calibration.yaml (all fit cases) and serves cross-validation (all but one
 * family's).
 */
public final class TrainingFit {
  private TrainingFit() {}

  /**
   * One chip's fit.
   *
   * @param values the constants in {@link Calibrations#CONSTANTS} order (not-exercised ones at their start)
   * @param loss mean absolute relative error over {@code caseIds}
   */
  public record ChipResult(String chipId, List<Double> values, double loss, List<String> caseIds, int evaluations) {
    public ChipResult {
      values = List.copyOf(values);
      caseIds = List.copyOf(caseIds);
    }
  }

  /**
   * The fit: each fitted chip and the resulting table (fitted chips, the default by the
   * conservative rule, the serving constants of {@code base}).
   */
  public record Result(List<ChipResult> chips, Calibrations calibrations) {
    public Result {
      chips = List.copyOf(chips);
    }
  }

  /**
   * @param cases candidate fit cases; those whose role is not in the spec's fit roles are ignored
   * @param base supplies the serving constants, carried over unchanged
   */
  public static Result fit(FitSpec spec, List<TrainingCase> cases, Catalog catalog, Calibrations base) {
    List<TrainingCase> fitCases = cases.stream().filter(c -> spec.fitRoles().contains(c.role())).toList();
    List<ChipResult> results = new ArrayList<>();
    List<FitSpec.ChipFit> fitted = new ArrayList<>();
    for (FitSpec.ChipFit cf : spec.chips()) {
      Chip chip = catalog.chip("chips[].chip", cf.chip());
      List<TrainingCase> mine = fitCases.stream().filter(c -> catalog.chip("chip", c.chip()).id().equals(chip.id())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      results.add(fitChip(spec, cf, chip, mine, catalog, base));
      fitted.add(cf);
    }
    Calibration fallback = fallback(spec, results, fitted);
    List<Calibration> entries = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      entries.add(entry(spec, fitted.get(i), results.get(i), fallback, catalog));
    }
    return new Result(results, new Calibrations(fallback, entries, base.inferenceFallback(), base.inferenceChips()));
  }

  static ChipResult fitChip(FitSpec spec, FitSpec.ChipFit cf, Chip chip, List<TrainingCase> cases, Catalog catalog,
      Calibrations base) {
    List<String> keys = Calibrations.CONSTANTS;
    boolean[] frozen = new boolean[keys.size()];
    for (int i = 0; i < frozen.length; i++) {
      frozen[i] = cf.frozen(keys.get(i));
    }
    List<List<Double>> grids = spec.constants().stream().map(FitSpec.Constant::grid).toList();
    GridDescent.Result r = GridDescent.minimise(spec.start(cf), grids, frozen, x -> loss(chip, x, cases, catalog, base),
        spec.rounds());
    if (Double.isInfinite(r.loss())) {
      // every point the descent tried left some fit case without an estimate: there is no fit to report
      double[] x = r.x();
      String why = cases.stream().map(t -> refusal(chip, x, t, catalog, base)).flatMap(Optional::stream).findFirst()
          .orElse("the constants are outside their valid range");
      throw new IllegalStateException("the fit of chip " + chip.id() + " has no point at which every fit case can be estimated: "
          + why + "\nMaybe the case's layout does not suit the chip, or the fit's start point is outside the grid.");
    }
    return new ChipResult(chip.id(), IntStream.range(0, keys.size()).mapToObj(i -> r.x()[i]).toList(), r.loss(),
        cases.stream().map(TrainingCase::id).toList(), r.evaluations());
  }

  /**
   * Mean absolute relative error of {@code cases} with {@code chip} at constants {@code x}; positive infinity when the
   * constants are not valid or a case cannot be estimated under them. That point is refused: {@link GridDescent} keeps
   * a point only when its loss falls strictly, so it never moves to an infinite one, and a fit that ends on one fails
   * ({@link #fitChip}) instead of reporting a loss.
   */
  static double loss(Chip chip, double[] x, List<TrainingCase> cases, Catalog catalog, Calibrations base) {
    Optional<Calibrations> table = table(chip, x, base);
    if (table.isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    double sum = 0;
    for (TrainingCase t : cases) {
      try {
        sum += Math.abs(Validation.training(t, HardwareProfiles.resolve(catalog, t.chip(), Optional.empty(), table.get())).error());
      } catch (RuntimeException e) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return sum / cases.size();
  }

  /** The calibration table with {@code chip}'s constants at {@code x}; empty when they are not valid constants. */
  private static Optional<Calibrations> table(Chip chip, double[] x, Calibrations base) {
    List<Calibrated> c = new ArrayList<>();
    for (double v : x) {
      c.add(new Calibrated(v, "fit in progress", Confidence.LOW));
    }
    try {
      Calibration cal = Calibration.of(List.of(chip.id()), true, c, "fit in progress");
      return Optional.of(new Calibrations(base.fallback(), List.of(cal), base.inferenceFallback(), base.inferenceChips()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Why {@code t} cannot be estimated at {@code x}, or empty when it can. */
  private static Optional<String> refusal(Chip chip, double[] x, TrainingCase t, Catalog catalog, Calibrations base) {
    Optional<Calibrations> table = table(chip, x, base);
    if (table.isEmpty()) {
      return Optional.empty();
    }
    try {
      Validation.training(t, HardwareProfiles.resolve(catalog, t.chip(), Optional.empty(), table.get()));
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("case " + t.id() + ": " + e.getMessage());
    }
  }

  /** Per constant the most conservative value over the fitted chips that exercise it; else the constant's start. */
  static Calibration fallback(FitSpec spec, List<ChipResult> results, List<FitSpec.ChipFit> fitted) {
    List<Calibrated> out = new ArrayList<>();
    for (int i = 0; i < spec.constants().size(); i++) {
      FitSpec.Constant k = spec.constants().get(i);
      Optional<Double> v = Optional.empty();
      List<String> from = new ArrayList<>();
      for (int j = 0; j < results.size(); j++) {
        if (fitted.get(j).notExercised().contains(k.key())) {
          continue;
        }
        double x = results.get(j).values().get(i);
        v = Optional.of(v.map(a -> k.conservative().of(a, x)).orElse(x));
        from.add(results.get(j).chipId());
      }
      String source = from.isEmpty() ? "default: the fit's start point, no fitted chip exercises this kernel class"
          : "default: the most conservative (" + k.conservative().name().toLowerCase(Locale.ROOT) + ") of the " + String.join(", ", from)
              + " fits";
      out.add(new Calibrated(v.orElse(k.start()), source, Confidence.LOW));
    }
    return Calibration.of(List.of(), false, out, Calibration.UNCALIBRATED);
  }

  private static Calibration entry(FitSpec spec, FitSpec.ChipFit cf, ChipResult r, Calibration fallback, Catalog catalog) {
    List<Calibrated> out = new ArrayList<>();
    String source = String.format(Locale.ROOT, "fit: %s; coordinate descent on mean abs error (%.1f%%)",
        String.join(", ", r.caseIds()), 100 * r.loss());
    for (int i = 0; i < spec.constants().size(); i++) {
      String key = spec.constants().get(i).key();
      if (cf.notExercised().contains(key)) {
        out.add(new Calibrated(fallback.constants().get(i).value(), "default, this chip's fit cases do not exercise this kernel class",
            Confidence.LOW));
      } else {
        out.add(new Calibrated(r.values().get(i), cf.held().contains(key) ? "held at the fit's start point; " + source : source,
            Confidence.MEDIUM));
      }
    }
    Chip chip = catalog.chip("chips[].chip", cf.chip());
    return Calibration.of(List.of(chip.id()), true, out, "refit by chipmix.calibration.TrainingFit");
  }
}
