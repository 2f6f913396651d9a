package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.io.Node;
import chipmix.search.Objective;
import chipmix.search.TrainingEstimator;
import chipmix.search.TrainingInput;
import chipmix.search.TrainingJson;
import chipmix.search.TrainingRequest;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.Suggestions;
import chipmix.validation.ValidationIssue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/train}: estimate one layout or search the layouts, over {@link TrainingInput} and
 * {@link TrainingEstimator}, answering with the documents of {@code chipmix train ... --format
 * json} ({@link TrainingJson}). Fields are the CLI options in snake_case; issue paths too.
 */
final class TrainRoutes implements ApiModule {
  /** Most layouts a search returns (as {@code --top}). */
  static final int MAX_TOP = 1000;

  static final Set<String> FIELDS = Set.of("model", "chip", "system", "devices", "seq_len", "global_batch", "tp", "pp",
      "dp", "cp", "ep", "vpp", "micro_batch", "recompute", "zero", "precision", "tokens", "pue", "usd_per_device_hour",
      "amortization_years", "amortisation_years", "scale_out_gbps", "overlap_grad_reduce", "tp_comm_overlap", "ep_comm_overlap",
      "ep_node_dedup", "ep_dispatch_precision", "sequence_parallel", "flash_attention", "grad_precision", "recipe", "schedule");

  private final Catalog catalog;

  TrainRoutes(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/api/train/estimate", ctx -> {
          Input in = Json.body(ctx, n -> {
            n.expectObject(FIELDS);
            return input(n);
          }, this::problems);
          return Reply.ok(FieldWords.render(TrainingJson.estimate(fieldPaths(() ->
              TrainingEstimator.estimate(in.request(catalog))))));
        }).longRunning(),
        ApiRoute.post("/api/train/search", ctx -> {
          record Ask(Input input, int top, Objective objective) {}
          Ask ask = Json.body(ctx, n -> {
            Set<String> allowed = new TreeSet<>(FIELDS);
            allowed.addAll(Set.of("top", "objective"));
            n.expectObject(allowed);
            int top = n.integer("top").orElse(5);
            if (top < 1 || top > MAX_TOP) {
              n.error("top", "must be between 1 and " + MAX_TOP + ", got " + top);
            }
            String obj = n.string("objective").orElse("time");
            Optional<Objective> objective = Arrays.stream(Objective.values())
                .filter(o -> o.name().equalsIgnoreCase(obj)).findFirst();
            if (objective.isEmpty()) {
              n.error("objective", "'" + obj + "' is not one of time, cost" + Suggestions.didYouMean(obj, List.of("time", "cost")));
            }
            return new Ask(input(n), top, objective.orElse(Objective.TIME));
          }, a -> problems(a.input()));
          TrainingEstimator.SearchOutcome s = fieldPaths(() ->
              TrainingEstimator.search(ask.input().request(catalog), ask.top(), ask.objective()));
          return Reply.ok(FieldWords.render(TrainingJson.search(s, ask.objective().name().toLowerCase(Locale.ROOT))));
        }).longRunning());
  }

  /** A training question from a request, with its {@code model} field (a preset or an inline model, never a file). */
  record Input(TrainingInput fields, ModelField model) {
    TrainingRequest request(Catalog catalog) {
      return fields.request(catalog, model);
    }
  }

  /** Reads the fields shared by estimate and search; defaults as the CLI's. */
  static Input input(Node n) {
    ModelField model = ModelField.read(n);
    String chip = n.requireString("chip").orElse("");
    long devices = required(n, "devices", "a device count, for example 1024") ? n.longValue("devices").orElse(0L) : 0L;
    int seqLen = required(n, "seq_len", "tokens per sequence, for example 8192") ? n.integer("seq_len").orElse(0) : 0;
    long globalBatch = required(n, "global_batch", "sequences per step, for example 512")
        ? n.longValue("global_batch").orElse(0L) : 0L;
    return new Input(new TrainingInput(model.name(), chip, n.string("system"), devices, seqLen, globalBatch,
        n.integer("tp"), n.integer("pp"), n.integer("dp"), n.integer("cp"), n.integer("ep"), n.integer("vpp"),
        n.integer("micro_batch"), n.string("recompute"), n.string("zero"), n.string("precision").orElse("bf16"),
        optional(n.number("tokens")), n.number("pue").orElse(1.0), optional(n.number("usd_per_device_hour")),
        n.number("amortization_years").orElse(n.number("amortisation_years").orElse(4.0)), optional(n.number("scale_out_gbps")),
        // a setting left out takes the recipe's value (the named recipe, else the chip vendor's default)
        new TrainingInput.Settings(n.string("recipe"), n.bool("overlap_grad_reduce"), n.bool("tp_comm_overlap"),
            n.bool("ep_comm_overlap"), n.bool("ep_node_dedup"), n.string("ep_dispatch_precision"), n.bool("sequence_parallel"),
            n.bool("flash_attention"), n.string("grad_precision"), n.string("schedule"))), model);
  }

  private static boolean required(Node n, String key, String example) {
    if (!n.has(key)) {
      n.error(key, "is required: " + example);
      return false;
    }
    return true;
  }

  private static Optional<Double> optional(OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }

  /** The core's issues with {@code in} (as {@link TrainingInput#request}), under this API's field names; none if it is valid. */
  private List<ValidationIssue> problems(Input in) {
    return issuesOf(() -> in.request(catalog));
  }

  /** The issues {@code check} throws, under this API's field names; none if it returns. */
  static List<ValidationIssue> issuesOf(Runnable check) {
    try {
      fieldPaths(() -> {
        check.run();
        return null;
      });
      return List.of();
    } catch (InvalidInputException e) {
      return e.issues();
    }
  }

  /** Runs {@code work}, renaming issue paths from CLI options ({@code --seq-len}) to this API's fields ({@code seq_len}). */
  static <T> T fieldPaths(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (InvalidInputException e) {
      Issues renamed = new Issues();
      for (ValidationIssue i : e.issues()) {
        renamed.add(ApiErrors.fieldNames(i.path()), ApiErrors.fieldNames(i.message()));
      }
      throw new InvalidInputException(renamed.list());
    }
  }
}
