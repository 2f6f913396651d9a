package chipmix.scenario;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.scenario.ModelErrorTable.ChipFamily;
import chipmix.scenario.ModelErrorTable.Figure;
import chipmix.scenario.ModelErrorTable.Kind;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The bundled {@link ModelErrorTable} ({@value #RESOURCE}), how it is derived from the
 * cross-validated validation results, and the file's text. The chip families (which chips, and
 * why they share cases) are written by hand in the file; every figure is derived: {@code
 * ModelErrorTableTest} recomputes them from {@code chipmix validate}'s leave-one-family-out
 * results and fails when the file disagrees (regenerate with {@code -Dchipmix.modelerror.update=true}).
 */
public final class ModelErrors {
  public static final String RESOURCE = "/chipmix/scenario/model-error.yaml";
  /** A normal's median absolute value in standard deviations (the 75th percentile of the standard normal). */
  public static final double MEDIAN_ABS_Z = 0.6745;

  private static final Set<String> TOP = Set.of("min_cases", "min_case_families", "pooled", "families");
  private static final Set<String> FAMILY = Set.of("id", "chips", "why", "training", "serving");
  private static final Set<String> FIGURE = Set.of("cases", "case_families", "median_abs_log_error", "sigma");

  private ModelErrors() {}

  private static ModelErrorTable bundled;

  /** The bundled table (parsed once). */
  public static synchronized ModelErrorTable bundled() {
    if (bundled == null) {
      bundled = parse(Yaml.parseResource(RESOURCE));
    }
    return bundled;
  }

  /**
   * One case's cross-validated outcome.
   *
   * @param chip the chip id the case ran on
   * @param caseFamily its validation family
   * @param error (predicted - published) / published, leave-one-family-out
   */
  public record Sample(String chip, Kind kind, String caseFamily, double error) {
    public Sample {
      if (!(error > -1) || !Double.isFinite(error)) {
        throw new IllegalArgumentException("a relative error must be finite and above -1, got " + error);
      }
    }
  }

  /** The figures of {@code samples}, over the chip families (and thresholds) of {@code template}. */
  public static ModelErrorTable derive(List<Sample> samples, ModelErrorTable template) {
    List<ChipFamily> families = new ArrayList<>();
    for (ChipFamily f : template.families()) {
      families.add(new ChipFamily(f.id(), f.chips(), f.why(),
          figure(samples.stream().filter(s -> s.kind() == Kind.TRAINING && f.chips().contains(s.chip())).toList()),
          figure(samples.stream().filter(s -> s.kind() == Kind.SERVING && f.chips().contains(s.chip())).toList())));
    }
    return new ModelErrorTable(template.minCases(), template.minCaseFamilies(),
        figure(samples.stream().filter(s -> s.kind() == Kind.TRAINING).toList()).orElseThrow(),
        figure(samples.stream().filter(s -> s.kind() == Kind.SERVING).toList()).orElseThrow(), families);
  }

  private static Optional<Figure> figure(List<Sample> samples) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    double[] abs = samples.stream().mapToDouble(s -> Math.abs(Math.log1p(s.error()))).sorted().toArray();
    int n = abs.length;
    double median = n % 2 == 1 ? abs[n / 2] : (abs[n / 2 - 1] + abs[n / 2]) / 2;
    List<String> families = new ArrayList<>(new LinkedHashSet<>(samples.stream().map(Sample::caseFamily).toList()));
    return Optional.of(new Figure(n, families, round(median), round(median / MEDIAN_ABS_Z)));
  }

  /** Four decimals, as the file writes them. */
  static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  public static ModelErrorTable parse(JsonNode json) {
    Issues issues = new Issues();
    Node root = Node.root(json, "", issues);
    root.expectObject(TOP);
    int minCases = root.integer("min_cases").orElse(0);
    int minCaseFamilies = root.integer("min_case_families").orElse(0);
    Optional<Figure> training = Optional.empty();
    Optional<Figure> serving = Optional.empty();
    Optional<Node> pooled = root.requireChild("pooled");
    if (pooled.isPresent()) {
      pooled.get().expectObject(Set.of("training", "serving"));
      training = pooled.get().requireChild("training").flatMap(ModelErrors::figure);
      serving = pooled.get().requireChild("serving").flatMap(ModelErrors::figure);
    }
    List<ChipFamily> families = new ArrayList<>();
    for (Node f : root.items("families")) {
      f.expectObject(FAMILY);
      Optional<String> id = f.requireString("id");
      List<String> chips = f.strings("chips");
      Optional<String> why = f.requireString("why");
      Optional<Figure> t = f.child("training").flatMap(ModelErrors::figure);
      Optional<Figure> s = f.child("serving").flatMap(ModelErrors::figure);
      if (id.isPresent() && why.isPresent()) {
        families.add(new ChipFamily(id.get(), chips, why.get(), t, s));
      }
    }
    if (minCases < 1 || minCaseFamilies < 1) {
      root.error("min_cases", "min_cases and min_case_families are required, whole numbers of at least 1");
    }
    issues.throwIfAny();
    return new ModelErrorTable(minCases, minCaseFamilies, training.orElseThrow(), serving.orElseThrow(), families);
  }

  private static Optional<Figure> figure(Node n) {
    n.expectObject(FIGURE);
    Optional<Integer> cases = n.integer("cases");
    List<String> families = n.strings("case_families");
    double median = n.number("median_abs_log_error").orElse(-1);
    double sigma = n.number("sigma").orElse(-1);
    if (cases.isEmpty() || cases.get() < 1 || median < 0 || sigma < 0) {
      n.error("cases, median_abs_log_error and sigma are required (at least one case; non-negative errors)");
      return Optional.empty();
    }
    return Optional.of(new Figure(cases.get(), families, median, sigma));
  }

  /** The file's text for {@code t}, under {@code header} (the comment block that explains the file). */
  public static String yaml(ModelErrorTable t, String header) {
    StringBuilder sb = new StringBuilder(header);
    sb.append("min_cases: ").append(t.minCases()).append('\n');
    sb.append("min_case_families: ").append(t.minCaseFamilies()).append('\n');
    sb.append("pooled:\n");
    sb.append("  training: ").append(flow(t.pooledTraining())).append('\n');
    sb.append("  serving: ").append(flow(t.pooledServing())).append('\n');
    sb.append("families:\n");
    for (ChipFamily f : t.families()) {
      sb.append("  - id: ").append(f.id()).append('\n');
      sb.append("    chips: [").append(String.join(", ", f.chips())).append("]\n");
      sb.append("    why: \"").append(f.why().replace("\"", "\\\"")).append("\"\n");
      f.training().ifPresent(x -> sb.append("    training: ").append(flow(x)).append('\n'));
      f.serving().ifPresent(x -> sb.append("    serving: ").append(flow(x)).append('\n'));
    }
    return sb.toString();
  }

  private static String flow(Figure f) {
    return String.format(Locale.ROOT, "{cases: %d, case_families: [%s], median_abs_log_error: %.4f, sigma: %.4f}", f.cases(),
        String.join(", ", f.caseFamilies()), f.medianAbsLogError(), f.sigma());
  }
}
