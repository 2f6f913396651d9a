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

  /** The note of a chip whose constants come from the transfer rule ({@link #transferred}), not from its own runs. */
  public static final String TRANSFERRED = "uncalibrated: no published run of this chip in the fit; its kernel benchmarks scaled by"
      + " the fitted chips' ratio to theirs (calibration-fit.yaml benchmarks), other constants the default's";

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
  public record Result(List<ChipResult> chips, List<CrossChipResult> crossChip, Calibrations calibrations) {
    public Result {
      chips = List.copyOf(chips);
      crossChip = List.copyOf(crossChip);
      if (calibrations.chips().size() < chips.size()) {
        throw new IllegalArgumentException("the table has " + calibrations.chips().size() + " chip entries for "
            + chips.size() + " fitted chips\nMaybe the table is not the one this fit built.");
      }
    }

    /**
     * The entries of the transfer rule: chips of the spec with kernel benchmarks but no fit cases in this fit. The table
     * lists them after the fitted chips' entries, which come first in {@link #chips()} order ({@link #fit}).
     */
    public List<Calibration> transferred() {
      return calibrations.chips().subList(chips.size(), calibrations.chips().size());
    }
  }

  /**
   * One cross-chip constant's fit.
   *
   * @param caseIds its fit cases present in this fit (none: the constant stays at its start and {@code loss} is empty)
   */
  public record CrossChipResult(String key, double value, Optional<Double> loss, List<String> caseIds) {
    public CrossChipResult {
      caseIds = List.copyOf(caseIds);
    }
  }

  /**
   * @param cases candidate fit cases; those whose role is not in the spec's fit roles are ignored
   * @param base supplies the serving constants, carried over unchanged
   */
  public static Result fit(FitSpec spec, List<TrainingCase> cases, Catalog catalog, Calibrations base) {
    List<TrainingCase> fitCases = cases.stream().filter(c -> spec.fitRoles().contains(c.role())).toList();
    List<TrainingCase> chipCases = fitCases.stream().filter(c -> !spec.crossChipCase(c.id())).toList();
    List<ChipResult> results = new ArrayList<>();
    List<FitSpec.ChipFit> fitted = new ArrayList<>();
    for (FitSpec.ChipFit cf : spec.chips()) {
      Chip chip = catalog.chip("chips[].chip", cf.chip());
      List<TrainingCase> mine = chipCases.stream().filter(c -> catalog.chip("chip", c.chip()).id().equals(chip.id())).toList();
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
    for (FitSpec.ChipFit cf : spec.chips()) {
      if (!cf.benchmarks().isEmpty() && !fitted.contains(cf)) {
        entries.add(transferred(spec, cf, results, fitted, fallback, catalog));
      }
    }
    Calibrations table = new Calibrations(fallback, entries, base.inferenceFallback(), base.inferenceChips());
    List<CrossChipResult> cross = new ArrayList<>();
    for (FitSpec.CrossChip k : spec.crossChip()) {
      List<TrainingCase> mine = fitCases.stream().filter(c -> k.fitCases().contains(c.id())).toList();
      CrossChipResult r = fitCrossChip(k, mine, table, catalog);
      cross.add(r);
      table = withMoeHost(table, crossChipConstant(r));
    }
    return new Result(results, cross, table);
  }

  /**
   * A cross-chip constant's grid search: every grid value in order, kept when the mean absolute error of its fit cases
   * falls strictly (ties keep the earlier value). Without fit cases it stays at its start.
   */
  static CrossChipResult fitCrossChip(FitSpec.CrossChip k, List<TrainingCase> cases, Calibrations table, Catalog catalog) {
    if (cases.isEmpty()) {
      return new CrossChipResult(k.key(), k.start(), Optional.empty(), List.of());
    }
    double best = k.start();
    double bestLoss = crossLoss(cases, withMoeHost(table, new Calibrated(best, "fit in progress", Confidence.LOW)), catalog);
    for (double v : k.grid()) {
      double l = crossLoss(cases, withMoeHost(table, new Calibrated(v, "fit in progress", Confidence.LOW)), catalog);
      if (l < bestLoss) {
        best = v;
        bestLoss = l;
      }
    }
    if (Double.isInfinite(bestLoss)) {
      throw new IllegalStateException("the fit of " + k.key() + " has no grid value at which every fit case can be estimated");
    }
    return new CrossChipResult(k.key(), best, Optional.of(bestLoss), cases.stream().map(TrainingCase::id).toList());
  }

  private static double crossLoss(List<TrainingCase> cases, Calibrations table, Catalog catalog) {
    double sum = 0;
    for (TrainingCase t : cases) {
      try {
        sum += Math.abs(Validation.training(t, HardwareProfiles.resolve(catalog, t.chip(), Optional.empty(), table)).error());
      } catch (RuntimeException e) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return sum / cases.size();
  }

  /** The constant as calibration.yaml states it, with the fit's source. */
  static Calibrated crossChipConstant(CrossChipResult r) {
    String source = r.loss().map(l -> String.format(Locale.ROOT, "fit across chips on role: fit cases %s; grid search on mean abs error (%.1f%%)",
        String.join(", ", r.caseIds()), 100 * l)).orElse("the fit's start point: none of its fit cases is in this fit");
    return new Calibrated(r.value(), source, Confidence.LOW);
  }

  /** {@code table} with the MoE host constant set to {@code v} for the default and every chip. */
  private static Calibrations withMoeHost(Calibrations table, Calibrated v) {
    return new Calibrations(table.fallback().withMoeHostPerLocalExpertUs(v),
        table.chips().stream().map(c -> c.withMoeHostPerLocalExpertUs(v)).toList(), table.inferenceFallback(),
        table.inferenceChips());
  }

  /** The MoE host constant's start, which the chip fits hold (their dense fit cases do not exercise it). */
  private static Calibrated moeHostStart(FitSpec spec) {
    double start = spec.crossChip().stream().filter(k -> k.key().equals(Calibrations.MOE_HOST)).mapToDouble(FitSpec.CrossChip::start)
        .findFirst().orElse(0);
    return new Calibrated(start, "the fit's start point", Confidence.LOW);
  }

  static ChipResult fitChip(FitSpec spec, FitSpec.ChipFit cf, Chip chip, List<TrainingCase> cases, Catalog catalog,
      Calibrations base) {
    List<String> keys = Calibrations.CONSTANTS;
    boolean[] frozen = new boolean[keys.size()];
    for (int i = 0; i < frozen.length; i++) {
      frozen[i] = cf.frozen(keys.get(i));
    }
    List<List<Double>> grids = spec.constants().stream().map(FitSpec.Constant::grid).toList();
    Calibrated moeHost = moeHostStart(spec);
    GridDescent.Result r = GridDescent.minimise(spec.start(cf), grids, frozen, x -> loss(chip, x, cases, catalog, base, moeHost),
        spec.rounds());
    if (Double.isInfinite(r.loss())) {
      // every point the descent tried left some fit case without an estimate: there is no fit to report
      double[] x = r.x();
      String why = cases.stream().map(t -> refusal(chip, x, t, catalog, base, moeHost)).flatMap(Optional::stream).findFirst()
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
  static double loss(Chip chip, double[] x, List<TrainingCase> cases, Catalog catalog, Calibrations base, Calibrated moeHost) {
    Optional<Calibrations> table = table(chip, x, base, moeHost);
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
  private static Optional<Calibrations> table(Chip chip, double[] x, Calibrations base, Calibrated moeHost) {
    List<Calibrated> c = new ArrayList<>();
    for (double v : x) {
      c.add(new Calibrated(v, "fit in progress", Confidence.LOW));
    }
    try {
      Calibration cal = Calibration.of(List.of(chip.id()), true, c, moeHost, "fit in progress");
      return Optional.of(new Calibrations(base.fallback(), List.of(cal), base.inferenceFallback(), base.inferenceChips()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Why {@code t} cannot be estimated at {@code x}, or empty when it can. */
  private static Optional<String> refusal(Chip chip, double[] x, TrainingCase t, Catalog catalog, Calibrations base,
      Calibrated moeHost) {
    Optional<Calibrations> table = table(chip, x, base, moeHost);
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
    return Calibration.of(List.of(), false, out, moeHostStart(spec), Calibration.UNCALIBRATED);
  }

  /**
   * The transfer rule: the constants of a chip with kernel benchmarks but none of its fit cases in this fit (leaving its
   * family out). Per constant with a benchmark b on this chip: b times the lowest ratio fitted value / benchmark over the
   * fitted chips with a benchmark of that constant whose fit cases exercise it (how far below its kernel benchmark the
   * end-to-end runs put a chip, carried over); every other constant, or one no such fitted chip has, the default's.
   */
  static Calibration transferred(FitSpec spec, FitSpec.ChipFit cf, List<ChipResult> results, List<FitSpec.ChipFit> fitted,
      Calibration fallback, Catalog catalog) {
    List<Calibrated> out = new ArrayList<>();
    for (int i = 0; i < spec.constants().size(); i++) {
      String key = spec.constants().get(i).key();
      FitSpec.Benchmark mine = cf.benchmarks().get(key);
      Optional<Double> ratio = Optional.empty();
      List<String> from = new ArrayList<>();
      for (int j = 0; j < results.size(); j++) {
        FitSpec.Benchmark theirs = fitted.get(j).benchmarks().get(key);
        if (mine == null || theirs == null || fitted.get(j).notExercised().contains(key)) {
          continue;
        }
        double r = results.get(j).values().get(i) / theirs.value();
        ratio = Optional.of(ratio.map(a -> Math.min(a, r)).orElse(r));
        from.add(results.get(j).chipId());
      }
      if (ratio.isEmpty()) {
        out.add(fallback.constants().get(i));
        continue;
      }
      double value = Math.min(1, mine.value() * ratio.get());
      out.add(new Calibrated(value, String.format(Locale.ROOT,
          "transfer rule: kernel benchmark %.3f (%s) x %.3f, the lowest fitted value / benchmark of the %s fits", mine.value(),
          mine.source(), ratio.get(), String.join(", ", from)), Confidence.LOW));
    }
    Chip chip = catalog.chip("chips[].chip", cf.chip());
    return Calibration.of(List.of(chip.id()), false, out, moeHostStart(spec), TRANSFERRED);
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
    return Calibration.of(List.of(chip.id()), true, out, moeHostStart(spec), "refit by chipmix.calibration.TrainingFit");
  }
}
