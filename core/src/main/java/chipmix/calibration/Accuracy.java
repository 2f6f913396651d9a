package chipmix.calibration;

import chipmix.catalog.Catalog;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.perfmodel.InferenceValidation;
import chipmix.published.CaseResult;
import chipmix.published.InferenceCases;
import chipmix.published.PublishedCase;
import chipmix.published.TrainingCase;
import chipmix.published.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The accuracy report of {@code chipmix validate}: every case's error in-sample (the bundled
 * calibration) and cross-validated (leave-one-family-out: the constants refitted without the
 * case's family, {@link CrossValidation}), with per-family summaries.
 *
 * <p>The full fit set maps to the bundled table without refitting: that calibration.yaml is what
 * the fit gives on all fit cases is pinned by a test that reruns it.
 */
public final class Accuracy {
  private Accuracy() {}

  /** A case of either kind, with what cross-validation needs to know about it. */
  private record Item(String id, String family, PublishedCase.Role role, Optional<TrainingCase> training,
      Optional<InferenceValidation.Case> inference) {}

  /** The outcome of predicting one case: a result, or why there is none. */
  public sealed interface Outcome permits Estimated, NoEstimate {
    String id();

    boolean withinTolerance();
  }

  public record Estimated(CaseResult result) implements Outcome {
    @Override
    public String id() {
      return result.id();
    }

    @Override
    public boolean withinTolerance() {
      return result.withinTolerance();
    }
  }

  /** The model gave no estimate (for example no layout fits): counted as outside tolerance. */
  public record NoEstimate(String id, String reason) implements Outcome {
    @Override
    public boolean withinTolerance() {
      return false;
    }
  }

  /** One case: its identity, the in-sample and the cross-validated outcome. */
  public record Row(String id, String kind, String family, PublishedCase.Role role, double tolerance, Outcome inSample,
      Outcome crossValidated) {}

  /**
   * Errors over a set of outcomes.
   *
   * @param estimated outcomes with an estimate (the median and max are over these)
   */
  public record Summary(int cases, int estimated, int withinTolerance, double medianAbsError, double maxAbsError) {
    static Summary of(List<Outcome> outcomes) {
      double[] abs = outcomes.stream().filter(o -> o instanceof Estimated).mapToDouble(o -> Math.abs(((Estimated) o).result().error()))
          .sorted().toArray();
      int n = abs.length;
      double median = n == 0 ? 0 : n % 2 == 1 ? abs[n / 2] : (abs[n / 2 - 1] + abs[n / 2]) / 2;
      return new Summary(outcomes.size(), n, (int) outcomes.stream().filter(Outcome::withinTolerance).count(), median,
          Arrays.stream(abs).max().orElse(0));
    }
  }

  /**
   * One family's summary.
   *
   * @param refitted true when the family holds fit cases, so leaving it out changed the constants
   */
  public record FamilySummary(String family, String kind, Set<PublishedCase.Role> roles, boolean refitted, Summary inSample,
      Summary crossValidated) {}

  public record Report(List<Row> rows, List<FamilySummary> families) {
    public Report {
      rows = List.copyOf(rows);
      families = List.copyOf(families);
    }

    /** Summary over the rows of {@code kind} (null: all), in-sample or cross-validated. */
    public Summary summary(String kind, boolean crossValidated, Set<PublishedCase.Role> roles) {
      return Summary.of(rows.stream().filter(r -> kind == null || r.kind().equals(kind)).filter(r -> roles.contains(r.role()))
          .map(r -> crossValidated ? r.crossValidated() : r.inSample()).toList());
    }

    /** True when every case's in-sample outcome is within its tolerance. */
    public boolean allWithinTolerance() {
      return rows.stream().allMatch(r -> r.inSample().withinTolerance());
    }
  }

  /**
   * The report over the bundled cases of the kinds asked for. Cross-validation always refits on
   * the fit cases of every kind (a family's left-out fit is the same whatever is listed).
   */
  public static Report bundled(Catalog catalog, boolean training, boolean inference) {
    List<TrainingCase> t = chipmix.published.PublishedCases.bundled().stream().map(TrainingCase.class::cast).toList();
    Report all = run(catalog, FitSpecs.bundled(), Calibrations.bundled(), t, InferenceValidation.bundledCases());
    java.util.function.Predicate<String> wanted = k -> k.equals("training") ? training : inference;
    return new Report(all.rows().stream().filter(r -> wanted.test(r.kind())).toList(),
        all.families().stream().filter(f -> wanted.test(f.kind())).toList());
  }

  public static Report run(Catalog catalog, FitSpec spec, Calibrations bundled, List<TrainingCase> training,
      List<InferenceValidation.Case> inference) {
    List<Item> items = new ArrayList<>();
    training.forEach(c -> items.add(new Item(c.id(), c.family(), c.role(), Optional.of(c), Optional.empty())));
    inference.forEach(c -> items.add(new Item(c.id(), c.family(), PublishedCase.Role.parse(c.role()).orElseThrow(),
        Optional.empty(), Optional.of(c))));
    // the whole fit set is every bundled fit case, whatever kinds the caller asked for
    List<TrainingCase> allTrainingFit = chipmix.published.PublishedCases.bundled().stream().map(TrainingCase.class::cast)
        .filter(c -> spec.fitRoles().contains(c.role())).toList();
    List<Outcome> in = items.stream().map(it -> predict(bundled, it, catalog)).toList();
    List<Outcome> cv = CrossValidation.leaveOneFamilyOut(items, Item::family, it -> spec.fitRoles().contains(it.role()),
        fitSet -> refit(spec, bundled, catalog, fitSet, allTrainingFit), (cal, it) -> predict(cal, it, catalog));
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      Item it = items.get(k);
      double tol = it.training().map(TrainingCase::tolerance).orElseGet(() -> it.inference().orElseThrow().tolerance());
      rows.add(new Row(it.id(), it.training().isPresent() ? "training" : InferenceCases.KIND, it.family(), it.role(), tol,
          in.get(k), cv.get(k)));
    }
    Map<String, List<Row>> byFamily = new LinkedHashMap<>();
    rows.forEach(r -> byFamily.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(r));
    List<FamilySummary> fams = new ArrayList<>();
    byFamily.forEach((f, rs) -> fams.add(new FamilySummary(f, rs.get(0).kind(),
        rs.stream().map(Row::role).collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(PublishedCase.Role.class))),
        rs.stream().anyMatch(r -> spec.fitRoles().contains(r.role())),
        Summary.of(rs.stream().map(Row::inSample).toList()), Summary.of(rs.stream().map(Row::crossValidated).toList()))));
    return new Report(rows, fams);
  }

  /** The constants fitted to {@code fitSet}: the bundled table when it is the whole fit set, else a refit. */
  private static Calibrations refit(FitSpec spec, Calibrations bundled, Catalog catalog, List<Item> fitSet,
      List<TrainingCase> allTrainingFit) {
    List<TrainingCase> t = fitSet.stream().flatMap(i -> i.training().stream()).toList();
    Set<String> present = fitSet.stream().map(Item::family).collect(Collectors.toSet());
    Calibrations training = t.equals(allTrainingFit) ? bundled : TrainingFit.fit(spec, t, catalog, bundled).calibrations();
    // a serving entry fitted to a family that is left out goes; the chip takes the serving default
    var inferenceChips = bundled.inferenceChips().stream().filter(e -> spec.inference().stream()
        .filter(f -> e.chipIds().stream().anyMatch(id -> id.equalsIgnoreCase(f.chip())))
        .allMatch(f -> present.containsAll(f.families()))).toList();
    return new Calibrations(training.fallback(), training.chips(), bundled.inferenceFallback(), inferenceChips);
  }

  private static Outcome predict(Calibrations cal, Item it, Catalog catalog) {
    try {
      if (it.training().isPresent()) {
        TrainingCase c = it.training().get();
        return new Estimated(Validation.training(c, HardwareProfiles.resolve(catalog, c.chip(), Optional.empty(), cal)));
      }
      InferenceValidation.Case c = it.inference().orElseThrow();
      return new Estimated(InferenceCases.run(List.of(c), id -> HardwareProfiles.resolve(catalog, id, Optional.empty(), cal), cal)
          .get(0));
    } catch (chipmix.validation.InfeasibleException | chipmix.validation.InvalidInputException e) {
      return new NoEstimate(it.id(), Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
    }
  }
}
