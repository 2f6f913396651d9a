package chipmix.published;

import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.Recipe;
import chipmix.perfmodel.Recipes;
import chipmix.perfmodel.TrainingOptions;
import chipmix.search.TrainingEstimate;
import chipmix.search.TrainingEstimator;
import chipmix.search.TrainingRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Runs published cases through the models and compares, each in the source's own accounting. */
public final class Validation {
  private Validation() {}

  /** Summary over a set of results. */
  public record Summary(int cases, int withinTolerance, double medianAbsError, double maxAbsError) {}

  /** {@code hardware} maps a case's chip id to a device profile (the catalog plus calibration). */
  public static List<CaseResult> run(List<PublishedCase> cases, Function<String, Hardware> hardware) {
    List<CaseResult> out = new ArrayList<>();
    for (PublishedCase c : cases) {
      out.add(switch (c) {
        case TrainingCase t -> training(t, hardware.apply(t.chip()));
      });
    }
    return out;
  }

  public static CaseResult training(TrainingCase c, Hardware hw) {
    TrainingRequest req = request(c, hw);
    TransformerModel model = req.model();
    TrainingEstimate e = TrainingEstimator.estimate(req);
    double predicted = switch (c.metric()) {
      case ITERATION_TIME_S -> e.stepSeconds();
      case TOKENS_PER_S_PER_DEVICE -> e.tokensPerSecondPerDevice();
      case TFLOPS_PER_DEVICE -> c.accounting().flopsPerIteration(model, c.globalBatch(), c.seqLen())
          / e.stepSeconds() / c.devices() / 1e12;
    };
    String detail = e.layout() + (e.chosen().isEmpty() ? "" : " (filled: " + String.join(", ", e.chosen()) + ")")
        + (c.metric() == TrainingCase.Metric.TFLOPS_PER_DEVICE ? "; " + c.accounting().name().toLowerCase().replace('_', '-') : "")
        + "; recipe " + e.recipe().id();
    return new CaseResult(c.id(), c.kind(), c.role(), c.family(), c.source(), c.metric().name().toLowerCase(), c.metric().unit(),
        c.published(), predicted, (predicted - c.published()) / c.published(), c.tolerance(), detail);
  }

  /** The request a case stands for: its model, options and published layout on {@code hw} (with the case's network figure). */
  public static TrainingRequest request(TrainingCase c, Hardware hw) {
    String vendor = hw.vendor();
    Recipe recipe = c.recipe().flatMap(r -> Recipes.bundled().find(r)).orElseGet(() -> Recipes.bundled().defaultFor(vendor));
    TrainingOptions o = TrainingOptions.of(c.seqLen(), c.globalBatch(), recipe, c.settings()).withPrecision(c.precision());
    if (c.scaleOutGbps().isPresent()) {
      double g = c.scaleOutGbps().get();
      hw = hw.withScaleOutGbps(Spec.exact(g, "case " + c.id(), Confidence.MEDIUM, "stated by the case's source"));
    }
    return new TrainingRequest(Models.resolve("model", c.model()), hw, c.devices(), o, c.layout());
  }

  public static Summary summarize(List<CaseResult> results) {
    if (results.isEmpty()) {
      return new Summary(0, 0, 0, 0);
    }
    double[] abs = results.stream().mapToDouble(r -> Math.abs(r.error())).sorted().toArray();
    int n = abs.length;
    double median = n % 2 == 1 ? abs[n / 2] : (abs[n / 2 - 1] + abs[n / 2]) / 2;
    return new Summary(n, (int) results.stream().filter(CaseResult::withinTolerance).count(), median,
        Arrays.stream(abs).max().orElse(0));
  }

  public static Optional<CaseResult> find(List<CaseResult> results, String id) {
    return results.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
