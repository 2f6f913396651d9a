package chipmix.sweep;

import chipmix.scenario.MonteCarlo;
import chipmix.scenario.Plan;
import chipmix.scenario.Scenario;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pure function of a sweep: (point, sample) to a result row. The base scenario's tree gets the
 * point's axis values, is loaded and checked like any scenario file, and planned; when the sweep
 * samples ({@link SweepSpec#sampled()}), sample {@code i} of the planner's Monte Carlo from the
 * sweep's seed is drawn for that plan and the row is read off the draw, otherwise off the plan.
 * Every engine (local threads, Apache Spark) calls this and nothing else, so the rows do not
 * depend on the engine or the number of threads.
 *
 * @param base the base scenario's tree (never changed: each point works on a copy)
 * @param load reads a tree into a scenario, throwing an input error when it is not valid
 * @param plan plans a scenario (the variant of the spec, if any)
 * @param sampler draws one Monte Carlo sample of a plan ({@code Planner::draw})
 * @param fingerprint what the rows rest on besides the point (scenario text, data versions,
 *     samples and seed), part of each row's key
 */
public record SweepJob(SweepSpec spec, ObjectNode base, Function<JsonNode, Scenario> load,
    BiFunction<Scenario, Optional<String>, Plan> plan, Sampler sampler, String fingerprint, PointPlans<Planned> plans) {
  public SweepJob {
    Objects.requireNonNull(spec, "spec");
    base = base.deepCopy();
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(plans, "plans");
  }

  /** A job whose points' samples share each point's plan (see {@link PointPlans}). */
  public SweepJob(SweepSpec spec, ObjectNode base, Function<JsonNode, Scenario> load,
      BiFunction<Scenario, Optional<String>, Plan> plan, Sampler sampler, String fingerprint) {
    this(spec, base, load, plan, sampler, fingerprint, new PointPlans<>());
  }

  /** A point's scenario and plan, or why its scenario is not valid. */
  record Planned(Optional<Scenario> scenario, Optional<Plan> plan, Optional<String> problem) {}

  /** Draws sample {@code sample} of a plan of {@code scenario} (the variant not yet applied) from {@code seed}. */
  @FunctionalInterface
  public interface Sampler {
    MonteCarlo.Draw draw(Scenario scenario, Plan plan, long seed, int sample);
  }

  /**
   * The row key of a point and sample: the first 16 hex digits of a SHA-256 over the fingerprint,
   * whether and from which seed the point is sampled, each axis's name, label and whole value
   * ({@link Axis#detail}) in axis order, and the sample number. The sample count is not part of it:
   * sample {@code i} does not depend on how many are drawn, so asking for more samples plans only
   * the new ones.
   */
  public String key(Grid.Point point, int sample) {
    StringBuilder s = new StringBuilder(fingerprint).append('\n');
    s.append(spec.sampled() ? "monte-carlo seed " + spec.seedOrDefault() : "deterministic plan").append('\n');
    List<String> labels = point.labels(spec.axes());
    for (int a = 0; a < spec.axes().size(); a++) {
      Axis axis = spec.axes().get(a);
      int v = point.values().get(a);
      s.append(axis.name()).append('=').append(labels.get(a)).append(" (").append(axis.detail(v)).append(")\n");
    }
    s.append("sample=").append(sample);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The scenario tree of a point: the base with each axis's value applied, in axis order. */
  public ObjectNode treeOf(Grid.Point point) {
    ObjectNode tree = base.deepCopy();
    for (int a = 0; a < spec.axes().size(); a++) {
      Optional<String> problem = spec.axes().get(a).apply(tree, point.values().get(a));
      if (problem.isPresent()) {
        throw InvalidInputException.of("axes[" + a + "]", problem.get());
      }
    }
    return tree;
  }

  /**
   * Plans one point and sample. A point whose scenario is not valid (values each accepted alone
   * that clash together) gives a row with the problem, so that the rest of the sweep still runs.
   * Without sampling the sample number is 0 and the row is the plan's.
   */
  public Row run(Grid.Point point, int sample) {
    String key = key(point, sample);
    List<String> labels = point.labels(spec.axes());
    Planned planned = plans.get(point.index(), () -> planPoint(point));
    if (planned.problem().isPresent()) {
      return Row.failed(point.index(), sample, key, labels, planned.problem().get());
    }
    Scenario scenario = planned.scenario().orElseThrow();
    Plan p = planned.plan().orElseThrow();
    if (!spec.sampled()) {
      return rowOf(point.index(), sample, key, labels, p);
    }
    return rowOf(point.index(), sample, key, labels, p, sampler.draw(scenario, p, spec.seedOrDefault(), sample));
  }

  private Planned planPoint(Grid.Point point) {
    Scenario scenario;
    try {
      scenario = load.apply(treeOf(point));
    } catch (InvalidInputException e) {
      return new Planned(Optional.empty(), Optional.empty(),
          Optional.of(e.issues().stream().map(ValidationIssue::toString).collect(Collectors.joining("; "))));
    }
    return new Planned(Optional.of(scenario), Optional.of(plan.apply(scenario, spec.variant())), Optional.empty());
  }

  /**
   * The outcomes of one Monte Carlo draw of a plan as a row: finish dates, unmet demand and cost
   * from the draw; blocked and at-risk devices are the plan's export findings (a draw may stop an
   * at-risk delivery, which shows in its dates and demand, but the finding stays what it is).
   */
  public static Row rowOf(int point, int sample, String key, List<String> labels, Plan p, MonteCarlo.Draw d) {
    List<Row.TrainingOutcome> training = new ArrayList<>();
    for (int r = 0; r < p.training().size(); r++) {
      Plan.TrainingResult t = p.training().get(r);
      Optional<LocalDate> finish = d.finish().get(r);
      Optional<Boolean> met = t.deadline().map(dl -> finish.map(f -> !f.isAfter(dl)).orElse(false));
      Optional<Long> late = t.deadline().flatMap(dl -> finish.map(f -> ChronoUnit.DAYS.between(dl, f)));
      training.add(new Row.TrainingOutcome(t.id(), finish, late, met));
    }
    List<Row.ServingOutcome> serving = new ArrayList<>();
    for (int i = 0; i < p.serving().size(); i++) {
      serving.add(new Row.ServingOutcome(p.serving().get(i).id(), d.maxUnmetRps().get(i)));
    }
    long blocked = p.orders().stream().mapToLong(Plan.OrderResult::blocked).sum();
    long atRisk = p.orders().stream().mapToLong(Plan.OrderResult::atRisk).sum();
    return new Row(point, sample, key, labels, training, serving, d.costUsd(), blocked, atRisk, Optional.empty());
  }

  /** The outcomes of a plan as a row. */
  public static Row rowOf(int point, int sample, String key, List<String> labels, Plan p) {
    List<Row.TrainingOutcome> training = new ArrayList<>();
    for (Plan.TrainingResult t : p.training()) {
      Optional<Boolean> met = t.deadline().map(d -> t.placement().map(pl -> !pl.finish().isAfter(d)).orElse(false));
      training.add(new Row.TrainingOutcome(t.id(), t.placement().map(Plan.Placement::finish), t.daysLate(), met));
    }
    List<Row.ServingOutcome> serving = p.serving().stream()
        .map(s -> new Row.ServingOutcome(s.id(), s.maxUnmet())).toList();
    long blocked = p.orders().stream().mapToLong(Plan.OrderResult::blocked).sum();
    long atRisk = p.orders().stream().mapToLong(Plan.OrderResult::atRisk).sum();
    return new Row(point, sample, key, labels, training, serving, p.totalCost(), blocked, atRisk, Optional.empty());
  }
}
