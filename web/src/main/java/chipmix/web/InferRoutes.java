package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.io.Node;
import chipmix.perfmodel.Precision;
import chipmix.serving.EstimateInput;
import chipmix.serving.ServingJson;
import chipmix.serving.ServingOptions;
import chipmix.serving.SizingInput;
import chipmix.serving.WeightsRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code /api/infer}: inference estimates ({@link EstimateInput}) and serving sizing
 * ({@link SizingInput}), answering with the documents of {@code chipmix infer estimate|size
 * --format json} ({@link ServingJson}). Fields are the
 * CLI options in snake_case; issue paths too.
 */
final class InferRoutes implements ApiModule {
  static final Set<String> SIZE_FIELDS = Set.of("model", "prompt_tokens", "output_tokens", "weights", "kv",
      "scale_out_gbps", "demand_rps", "demand_tokens_per_day", "ttft_ms", "tpot_ms", "chips", "disaggregated",
      "amortization_years", "usd_per_kwh", "recipe", "spec", "accept_length", "draft_model", "draft_tokens",
      "kv_transfer_gbps");

  private final Catalog catalog;

  InferRoutes(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/api/infer/estimate", ctx -> {
          Estimate in = Json.body(ctx, InferRoutes::estimate, i -> TrainRoutes.issuesOf(() -> i.fields().validate(catalog, i.model())));
          EstimateInput.Result r = TrainRoutes.fieldPaths(() -> in.fields().estimate(catalog, in.model()));
          var body = ServingJson.estimate(r.estimate(), r.device(), r.range());
          body.set("curve", ServingJson.curve(r.curve()));
          return Reply.ok(FieldWords.render(body));
        }).longRunning(),
        ApiRoute.post("/api/infer/size", ctx -> {
          Sizing in = Json.body(ctx, InferRoutes::sizing, i -> TrainRoutes.issuesOf(() -> i.fields().validate(catalog, i.model())));
          return Reply.ok(FieldWords.render(ServingJson.size(TrainRoutes.fieldPaths(() -> in.fields().size(catalog, in.model())))));
        }).longRunning());
  }

  static final Set<String> ESTIMATE_FIELDS = Set.of("model", "chip", "prompt_tokens", "output_tokens", "weights", "kv",
      "scale_out_gbps", "devices", "tp", "ep", "batch", "tpot_ms", "recipe", "spec", "accept_length", "draft_model",
      "draft_tokens");

  /** An estimate question with its {@code model} field (a preset or an inline model, never a file). */
  record Estimate(EstimateInput fields, ModelField model) {}

  /** A sizing question with its {@code model} field (a preset or an inline model, never a file). */
  record Sizing(SizingInput fields, ModelField model) {}

  static Estimate estimate(Node n) {
    n.expectObject(ESTIMATE_FIELDS);
    ModelField model = ModelField.read(n);
    String chip = n.requireString("chip").orElse("");
    long prompt = requiredLong(n, "prompt_tokens", "tokens per prompt, for example 2048");
    long output = requiredLong(n, "output_tokens", "tokens generated per request, for example 512");
    WeightsRequest weights = n.enumValue("weights", WeightsRequest.class).orElse(WeightsRequest.AUTO);
    Precision kv = n.enumValue("kv", Precision.class).orElse(Precision.BF16);
    return new Estimate(new EstimateInput(model.name(), chip, prompt, output, weights, kv, optional(n.number("scale_out_gbps")),
        n.integer("devices"), n.integer("tp"), n.integer("ep"), n.integer("batch"), optional(n.number("tpot_ms")),
        serving(n)), model);
  }

  static Sizing sizing(Node n) {
    n.expectObject(SIZE_FIELDS);
    ModelField model = ModelField.read(n);
    long prompt = requiredLong(n, "prompt_tokens", "tokens per prompt, for example 2048");
    long output = requiredLong(n, "output_tokens", "tokens generated per request, for example 512");
    double ttft = requiredNumber(n, "ttft_ms", "the time-to-first-token target in ms, for example 2000");
    double tpot = requiredNumber(n, "tpot_ms", "the time-per-output-token target in ms, for example 50");
    WeightsRequest weights = n.enumValue("weights", WeightsRequest.class).orElse(WeightsRequest.AUTO);
    Precision kv = n.enumValue("kv", Precision.class).orElse(Precision.BF16);
    return new Sizing(new SizingInput(model.name(), prompt, output, weights, kv, optional(n.number("scale_out_gbps")),
        optional(n.number("demand_rps")), optional(n.number("demand_tokens_per_day")), ttft, tpot,
        ExportRoutes.distinct(n.strings("chips"), "chips", Limits.MAX_LIST_ITEMS, "Limits.MAX_LIST_ITEMS"),
        n.bool("disaggregated").orElse(false), n.number("amortization_years").orElse(4.0),
        n.number("usd_per_kwh").orElse(0.10), serving(n)), model);
  }

  /** The serving-stack fields shared by both routes. */
  static ServingOptions serving(Node n) {
    return new ServingOptions(n.string("recipe"), n.string("spec"), optional(n.number("accept_length")),
        n.string("draft_model"), n.integer("draft_tokens"), optional(n.number("kv_transfer_gbps")));
  }

  /*
   * A missing or malformed required field is reported by the reader; its placeholder (0, NaN) is out of
   * the core's range, so the core's checks leave it out of the checks that depend on it, and the issue
   * the core raises on it is dropped by Json.body as already reported.
   */
  private static long requiredLong(Node n, String key, String example) {
    if (!n.has(key)) {
      n.error(key, "is required: " + example);
    }
    return n.longValue(key).orElse(0L);
  }

  private static double requiredNumber(Node n, String key, String example) {
    if (!n.has(key)) {
      n.error(key, "is required: " + example);
    }
    return n.number(key).orElse(Double.NaN);
  }

  private static Optional<Double> optional(OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }
}
