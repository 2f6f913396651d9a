package chipmix.sweep;

import chipmix.scenario.Plan;
import chipmix.scenario.Scenario;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * point's axis values, is loaded and checked like any scenario file, and planned; the row is read
 * off the plan. Every engine (local threads, a cluster) calls this and nothing else.
 *
 * @param base the base scenario's tree (never changed: each point works on a copy)
 * @param load reads a tree into a scenario, throwing an input error when it is not valid
 * @param plan plans a scenario (the variant of the spec, if any)
 * @param fingerprint what the rows rest on besides the point (scenario text, data versions,
 *     samples and seed), part of each row's key
 */
public record SweepJob(SweepSpec spec, ObjectNode base, Function<JsonNode, Scenario> load,
    BiFunction<Scenario, Optional<String>, Plan> plan, String fingerprint) {
  public SweepJob {
    Objects.requireNonNull(spec, "spec");
    base = base.deepCopy();
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /** The row key of a point and sample: the first 16 hex digits of a SHA-256 over axis names and values, sample and fingerprint. */
  public String key(Grid.Point point, int sample) {
    StringBuilder s = new StringBuilder(fingerprint).append('\n');
    List<String> labels = point.labels(spec.axes());
    for (int a = 0; a < spec.axes().size(); a++) {
      s.append(spec.axes().get(a).name()).append('=').append(labels.get(a)).append('\n');
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
   * The sample is recorded; the plan does not depend on it until the planner samples.
   */
  public Row run(Grid.Point point, int sample) {
    String key = key(point, sample);
    List<String> labels = point.labels(spec.axes());
    Scenario scenario;
    try {
      scenario = load.apply(treeOf(point));
    } catch (InvalidInputException e) {
      return Row.failed(point.index(), sample, key, labels,
          e.issues().stream().map(ValidationIssue::toString).collect(Collectors.joining("; ")));
    }
    Plan p = plan.apply(scenario, spec.variant());
    return rowOf(point.index(), sample, key, labels, p);
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
