package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.comparison.TrainCompare;
import chipmix.comparison.TrainCompareJson;
import chipmix.comparison.TrainCompareRequest;
import chipmix.exportcontrol.ExportControl;
import chipmix.io.Node;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.engines.ComplianceScreen;
import chipmix.scenario.engines.ExportCompliance;
import chipmix.scenario.engines.TrainingSearch;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code POST /api/train/compare}: one training job across chips ({@link TrainCompare}),
 * answering with the document of {@code chipmix train compare --format json}
 * ({@link TrainCompareJson}). Fields are the CLI options in snake_case; issue paths too. The
 * model is a preset name or an inline object, never a file.
 */
final class TrainCompareRoutes implements ApiModule {
  static final Set<String> FIELDS = Set.of("model", "chips", "devices", "seq_len", "global_batch", "tokens", "start",
      "finish_by", "scale_out_gbps", "buyer_hq", "to", "date", "compliance");

  private final Catalog catalog;
  private final ExportControl rules;

  TrainCompareRoutes(Catalog catalog, ExportControl rules) {
    this.catalog = catalog;
    this.rules = rules;
  }

  /** A comparison with its {@code model} field (a preset or an inline model). */
  record Ask(TrainCompareRequest request, ModelField model) {}

  @Override
  public List<ApiRoute> routes() {
    return List.of(ApiRoute.post("/api/train/compare", ctx -> {
      Ask ask = Json.body(ctx, TrainCompareRoutes::read, a -> TrainRoutes.issuesOf(() ->
          TrainCompare.validate(a.request(), context(a.model()))));
      return Reply.ok(FieldWords.render(TrainCompareJson.of(TrainRoutes.fieldPaths(() ->
          TrainCompare.compare(ask.request(), context(ask.model()))))));
    }).longRunning());
  }

  /** A fresh training search per request (its cache holds only this request's questions). */
  private TrainCompare.Context context(ModelField model) {
    TrainingSearch search = new TrainingSearch(Calibrations.bundled());
    return new TrainCompare.Context(catalog, model,
        (m, seq, batch, chip, sys, scaleOut, n) -> search.best(m, seq, batch, chip, sys, scaleOut, n, Optional.empty()),
        new ComplianceScreen(new ExportCompliance(rules)), rules.book().asOf());
  }

  static Ask read(Node n) {
    n.expectObject(FIELDS);
    ModelField model = ModelField.read(n);
    if (!n.has("chips")) {
      n.error("chips", "is required: a list of chip ids, for example [\"h20\", \"ascend-910b\", \"h100-sxm\"]");
    }
    List<String> chips = ExportRoutes.distinct(n.strings("chips"), "chips", Limits.MAX_COMPARE_CHIPS,
        "Limits.MAX_COMPARE_CHIPS");
    long seqLen = required(n, "seq_len", "tokens per sequence, for example 4096");
    long globalBatch = required(n, "global_batch", "sequences per step, for example 512");
    return new Ask(new TrainCompareRequest(model.name(), chips,
        n.longValue("devices").orElse(TrainCompareRequest.DEFAULT_DEVICES), seqLen, globalBatch,
        optional(n.number("tokens")), n.string("start"), n.string("finish_by"), optional(n.number("scale_out_gbps")),
        new TrainCompareRequest.Screening(n.string("buyer_hq"), n.string("to"), n.string("date"),
            n.string("compliance").orElse("mark"))), model);
  }

  /*
   * A missing required field is reported here; its placeholder (0) is out of the core's range, and the
   * issue the core raises on it is dropped by Json.body as already reported.
   */
  private static long required(Node n, String key, String example) {
    if (!n.has(key)) {
      n.error(key, "is required: " + example);
    }
    return n.longValue(key).orElse(0L);
  }

  private static Optional<Double> optional(OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }
}
