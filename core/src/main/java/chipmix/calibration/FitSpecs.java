package chipmix.calibration;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.perfmodel.Calibrations;
import chipmix.published.PublishedCase;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Loads the fit specification; every problem is listed at once with its path. */
public final class FitSpecs {
  public static final String RESOURCE = "/chipmix/calibration/calibration-fit.yaml";
  private static final Set<String> TOP = Set.of("loss", "fit_roles", "rounds", "constants", "chips", "inference",
      "cross_chip");
  private static final Set<String> CROSS_CHIP = Set.of("start", "grid", "fit_cases");
  private static final Set<String> CONSTANT = Set.of("start", "conservative", "grid");
  private static final Set<String> CHIP = Set.of("chip", "start", "held", "not_exercised", "benchmarks");
  private static final Set<String> BENCHMARK = Set.of("value", "source");
  private static final Set<String> INFERENCE = Set.of("chip", "families");
  /** The one loss the fitting routine implements. */
  public static final String LOSS = "mean_abs_error";

  private FitSpecs() {}

  private static FitSpec bundled;

  /** The bundled specification (parsed once). */
  public static synchronized FitSpec bundled() {
    if (bundled == null) {
      bundled = parse(Yaml.parseResource(RESOURCE), RESOURCE);
    }
    return bundled;
  }

  public static FitSpec parse(JsonNode json, String name) {
    Issues issues = new Issues();
    Node root = Node.root(json, "", issues);
    root.expectObject(TOP);
    root.requireString("loss").filter(l -> !l.equals(LOSS))
        .ifPresent(l -> root.error("loss", "'" + l + "' is not a known loss (known: " + LOSS + ")"));
    Set<PublishedCase.Role> roles = new HashSet<>();
    for (String r : root.strings("fit_roles")) {
      PublishedCase.Role.parse(r).ifPresentOrElse(roles::add, () -> root.error("fit_roles", "'" + r
          + "' is not a role (fit, selection, development, holdout)"));
    }
    if (roles.isEmpty()) {
      root.error("fit_roles", "is required: the roles whose cases enter the loss (for example [fit])");
    }
    int rounds = root.integer("rounds").orElse(0);
    if (rounds < 1) {
      root.error("rounds", "is required: a whole number of coordinate-descent passes, at least 1");
    }
    List<FitSpec.Constant> constants = new ArrayList<>();
    Map<String, Node> byKey = new LinkedHashMap<>();
    Optional<Node> cs = root.requireChild("constants");
    cs.ifPresent(c -> {
      c.expectObject(Set.copyOf(Calibrations.CONSTANTS));
      for (String key : Calibrations.CONSTANTS) {
        if (!c.has(key)) {
          c.error(key, "is required (every training constant has a start point and a grid)");
          continue;
        }
        Node n = c.child(key).orElseThrow();
        byKey.put(key, n);
        constant(key, n).ifPresent(constants::add);
      }
    });
    List<FitSpec.ChipFit> chips = new ArrayList<>();
    for (Node n : root.items("chips")) {
      n.expectObject(CHIP);
      Optional<String> chip = n.requireString("chip");
      Map<String, Double> start = new LinkedHashMap<>();
      n.child("start").ifPresent(s -> {
        s.expectObject(Set.copyOf(Calibrations.CONSTANTS));
        for (String key : Calibrations.CONSTANTS) {
          s.number(key).ifPresent(v -> start.put(key, v));
        }
      });
      Set<String> held = keys(n, "held");
      Set<String> notExercised = keys(n, "not_exercised");
      Map<String, FitSpec.Benchmark> benchmarks = benchmarks(n, constants);
      chip.ifPresent(c -> chips.add(new FitSpec.ChipFit(c, start, held, notExercised, benchmarks)));
    }
    List<FitSpec.InferenceFit> inference = new ArrayList<>();
    for (Node n : root.items("inference")) {
      n.expectObject(INFERENCE);
      Optional<String> chip = n.requireString("chip");
      List<String> families = n.strings("families");
      if (families.isEmpty()) {
        n.error("families", "is required: the families whose fit cases the chip's serving constants rest on");
      }
      chip.ifPresent(c -> inference.add(new FitSpec.InferenceFit(c, families)));
    }
    List<FitSpec.CrossChip> crossChip = new ArrayList<>();
    root.child("cross_chip").ifPresent(cc -> {
      cc.expectObject(Set.of(Calibrations.MOE_HOST));
      if (cc.has(Calibrations.MOE_HOST)) {
        Node n = cc.child(Calibrations.MOE_HOST).orElseThrow();
        n.expectObject(CROSS_CHIP);
        var start = n.number("start");
        if (start.isEmpty()) {
          n.error("start", "is required");
        }
        List<Double> grid = grid(n);
        List<String> ids = n.strings("fit_cases");
        if (ids.isEmpty()) {
          n.error("fit_cases", "is required: the ids of the cases this constant is fitted to");
        }
        if (start.isPresent() && !grid.isEmpty() && !ids.isEmpty()) {
          crossChip.add(new FitSpec.CrossChip(Calibrations.MOE_HOST, start.getAsDouble(), grid, ids));
        }
      }
    });
    issues.throwIfAny();
    return new FitSpec(roles, rounds, constants, chips, inference, crossChip);
  }

  private static Optional<FitSpec.Constant> constant(String key, Node n) {
    if (!n.expectObject(CONSTANT)) {
      return Optional.empty();
    }
    var start = n.number("start");
    if (start.isEmpty()) {
      n.error("start", "is required");
    }
    Optional<FitSpec.Conservative> dir = n.enumValue("conservative", FitSpec.Conservative.class);
    if (!n.has("conservative")) {
      n.error("conservative", "is required (lower or higher)");
    }
    List<Double> grid = grid(n);
    if (start.isEmpty() || dir.isEmpty() || grid.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FitSpec.Constant(key, start.getAsDouble(), dir.get(), grid));
  }

  private static List<Double> grid(Node n) {
    List<Double> grid = new ArrayList<>();
    Optional<Node> g = n.child("grid");
    if (g.isEmpty() || !g.get().json().isArray() || g.get().json().isEmpty()) {
      n.error("grid", "is required: a non-empty list of the values the fit tries");
    } else {
      for (JsonNode v : g.get().json()) {
        if (!v.isNumber() || v.asDouble() < 0) {
          n.error("grid", "must hold non-negative numbers, got " + v);
        } else {
          grid.add(v.asDouble());
        }
      }
    }
    return grid;
  }

  /**
   * A chip's kernel benchmarks: per efficiency constant (conservative: lower, a fraction of the peak) its value in (0, 1]
   * and its source.
   */
  private static Map<String, FitSpec.Benchmark> benchmarks(Node n, List<FitSpec.Constant> constants) {
    Map<String, FitSpec.Benchmark> out = new LinkedHashMap<>();
    Optional<Node> b = n.child("benchmarks");
    if (b.isEmpty()) {
      return out;
    }
    List<String> fractions = constants.stream().filter(c -> c.conservative() == FitSpec.Conservative.LOWER)
        .map(FitSpec.Constant::key).toList();
    b.get().expectObject(Set.copyOf(fractions));
    for (String key : fractions) {
      Optional<Node> e = b.get().child(key);
      if (e.isEmpty() || !e.get().expectObject(BENCHMARK)) {
        continue;
      }
      var value = e.get().number("value");
      Optional<String> source = e.get().requireString("source");
      if (value.isEmpty()) {
        e.get().error("value", "is required: the fraction of the peak the benchmark reaches");
      } else if (!(value.getAsDouble() > 0 && value.getAsDouble() <= 1)) {
        e.get().error("value", "must be a fraction of the peak in (0, 1], got " + value.getAsDouble());
      } else if (source.isPresent() && source.get().isBlank()) {
        e.get().error("source", "must name where the benchmark was published");
      } else if (source.isPresent()) {
        out.put(key, new FitSpec.Benchmark(value.getAsDouble(), source.get()));
      }
    }
    return out;
  }

  private static Set<String> keys(Node n, String key) {
    Set<String> out = new HashSet<>();
    for (String k : n.strings(key)) {
      if (Calibrations.CONSTANTS.contains(k)) {
        out.add(k);
      } else {
        n.error(key, "'" + k + "' is not a training constant" + chipmix.validation.Suggestions.didYouMean(k, Calibrations.CONSTANTS)
            + " (constants: " + String.join(", ", Calibrations.CONSTANTS) + ")");
      }
    }
    return out;
  }
}
