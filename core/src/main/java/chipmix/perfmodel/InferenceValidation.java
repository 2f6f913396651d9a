package chipmix.perfmodel;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.SystemSpec;
import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The published serving results of {@code chipmix/validation/inference.yaml} and the model's
 * predictions for them. The {@code validate} command lists these next to the training cases.
 */
public final class InferenceValidation {
  public static final String RESOURCE = "/chipmix/validation/inference-cases.yaml";
  /** The accuracy the issue asks for: within 30% of the published figure. */
  public static final double TOLERANCE = 0.30;

  private static final Set<String> CASE_KEYS = Set.of("id", "kind", "source", "model", "chip", "devices", "tp", "ep",
      "weights", "kv", "prompt_tokens", "output_tokens", "phase", "metric", "batch", "prompts_per_group", "published",
      "role", "family", "tolerance", "note", "recipe", "spec", "mtp_modules", "accept_length", "scale_out_gbps");

  /** The roles a case may have (as {@code chipmix.published.PublishedCase.Role}): fit, selection, development, holdout. */
  public static final List<String> ROLES = List.of("fit", "selection", "development", "holdout");

  private InferenceValidation() {}

  /**
   * What a case measures. PREFILL: prompt tokens per second per device of one prefill pass;
   * DECODE: output tokens per second per device of a decode-only pool; STATIC: output tokens per
   * second per device of a static batch (all prompts prefilled in one pass, then every output
   * token decoded), as TensorRT-LLM's gptSessionBenchmark measures.
   */
  public enum Phase { PREFILL, DECODE, STATIC }

  /**
   * The serving stack and network a case ran on, where it differs from the chip's defaults.
   *
   * @param recipe the serving recipe id; empty for the chip's default recipe
   * @param speculation speculative decoding as published (MTP modules and acceptance length)
   * @param scaleOutGbps the per-device NIC bandwidth the source states, for chips the catalog gives none
   */
  public record Setup(Optional<String> recipe, Speculation speculation, Optional<Double> scaleOutGbps) {
    public Setup {
      Objects.requireNonNull(recipe, "recipe");
      Objects.requireNonNull(speculation, "speculation");
      Objects.requireNonNull(scaleOutGbps, "scaleOutGbps");
    }
  }

  /**
   * One published case.
   *
   * @param batch decode batch per replica; empty means "as large as memory allows"
   * @param role fit (the chip's serving constants were fitted to it: a fit residual, not a prediction),
   *     selection (it chose between fits or settings), development (a mechanism was developed on it) or holdout
   * @param family source and hardware ({@code sglang-h100}), the unit of leave-one-family-out cross-validation
   * @param note what the case assumes where the source is silent
   */
  public record Case(String id, String source, String model, String chip, ServingLayout layout, Workload workload,
      Phase phase, Optional<Integer> batch, int promptsPerGroup, double published, String role, String family,
      double tolerance, String note, Setup setup) {
    public Case {
      Objects.requireNonNull(id, "id");
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException("role must be one of " + ROLES + ", got " + role);
      }
      Objects.requireNonNull(family, "family");
      Objects.requireNonNull(batch, "batch");
      Objects.requireNonNull(setup, "setup");
    }

    /** True for {@code role: fit}. */
    public boolean fitted() {
      return role.equals("fit");
    }

    /** The metric's JSON key. */
    public String metric() {
      return switch (phase) {
        case DECODE -> "decode_tokens_per_s_per_device";
        case PREFILL -> "prefill_tokens_per_s_per_device";
        case STATIC -> "output_tokens_per_s_per_device";
      };
    }
  }

  /**
   * A case with the model's prediction.
   *
   * @param batch the decode batch used (prompts per group for prefill)
   */
  public record Result(Case c, double predicted, StepTime.Bound bound, int batch) {
    /** What the prediction used: layout, batch, bound and the case's assumptions. */
    public String detail() {
      return c.layout() + (c.phase() != Phase.PREFILL ? ", batch " + batch + (c.batch().isEmpty() ? " (largest that fits)" : "")
          : ", " + batch + " prompt(s) per attention group") + "; " + bound.key() + "-bound"
          + (c.note().isEmpty() ? "" : "; " + c.note());
    }

    public double error() {
      return predicted / c.published() - 1;
    }

    public boolean withinTolerance() {
      return Math.abs(error()) <= c.tolerance();
    }
  }

  public static List<Case> bundledCases() {
    return parse(Yaml.parseResource(RESOURCE));
  }

  public static List<Case> parse(JsonNode json) {
    Issues issues = new Issues();
    Node root = Node.root(json, "", issues);
    root.expectObject(Set.of("cases"));
    List<Case> out = new ArrayList<>();
    for (Node n : root.items("cases")) {
      parseCase(n).ifPresent(out::add);
    }
    issues.throwIfAny();
    return out;
  }

  /**
   * One {@code kind: inference} case of a {@code cases:} list; problems go to the node's issues
   * (so a loader reading several kinds from one file reports them all at once).
   */
  public static Optional<Case> parseCase(Node n) {
    n.expectObject(CASE_KEYS);
    Optional<String> id = n.requireString("id");
    Optional<String> kind = n.requireString("kind");
    kind.filter(k -> !k.equals("inference")).ifPresent(k -> n.error("kind", "must be inference in this file, got " + k));
    Optional<String> phase = n.requireString("phase");
    Optional<Integer> devices = n.integer("devices");
    Optional<Integer> tp = n.integer("tp");
    Optional<Integer> ep = n.integer("ep");
    Optional<Precision> weights = n.enumValue("weights", Precision.class);
    Optional<Precision> kv = n.enumValue("kv", Precision.class);
    Optional<Integer> prompt = n.integer("prompt_tokens");
    Optional<Integer> output = n.integer("output_tokens");
    var published = n.requirePositive("published", "tokens/s per device");
    Optional<Integer> batch = Optional.empty();
    if (n.has("batch") && !"max_memory".equals(n.json().get("batch").asText())) {
      batch = n.integer("batch");
    }
    int perGroup = n.integer("prompts_per_group").orElse(1);
    Optional<String> role = n.requireString("role");
    role.filter(r -> !ROLES.contains(r))
        .ifPresent(r -> n.error("role", "'" + r + "' is not one of " + String.join(", ", ROLES)
            + chipmix.validation.Suggestions.didYouMean(r, ROLES)));
    Optional<String> family = n.requireString("family");
    family.filter(f -> !f.matches("[a-z0-9]+(?:[.-][a-z0-9]+)*")).ifPresent(f -> n.error("family", "'" + f
        + "' is not a family id: lower-case words joined by hyphens, naming the source and the hardware (for example sglang-h100)"));
    double tolerance = n.positive("tolerance", "fraction").orElse(TOLERANCE);
    Optional<String> metric = n.requireString("metric");
    try {
      Case added = new Case(id.orElseThrow(), n.string("source").orElse(""), n.requireString("model").orElseThrow(),
          n.requireString("chip").orElseThrow(), new ServingLayout(devices.orElseThrow(), tp.orElseThrow(), ep.orElseThrow()),
          new Workload(prompt.orElseThrow(), output.orElseThrow(), weights.orElseThrow(), kv.orElseThrow()),
          Phase.valueOf(phase.orElseThrow().toUpperCase(Locale.ROOT)), batch, perGroup, published.orElseThrow(),
          role.filter(ROLES::contains).orElseThrow(), family.orElseThrow(), tolerance, n.string("note").orElse(""),
          setup(n));
      metric.filter(x -> !x.equals(added.metric())).ifPresent(x -> n.error("metric", "must be " + added.metric()
          + " for phase " + added.phase().name().toLowerCase(Locale.ROOT) + ", got " + x));
      return Optional.of(added);
    } catch (RuntimeException e) {
      n.error("case is incomplete or invalid: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The case's serving stack and network, problems to the node's issues. */
  private static Setup setup(Node n) {
    Optional<String> recipe = n.string("recipe");
    recipe.ifPresent(r -> {
      if (ServingRecipes.bundled().stream().noneMatch(x -> x.id().equals(r))) {
        n.error("recipe", "unknown serving recipe " + r + "; known: " + ServingRecipes.ids());
      }
    });
    Speculation spec = new Speculation.None();
    Optional<String> kind = n.string("spec");
    if (kind.isPresent() && kind.get().equals("mtp")) {
      int modules = n.integer("mtp_modules").orElse(1);
      double accept = n.positive("accept_length", "tokens per pass").orElse(1.0);
      try {
        spec = new Speculation.Mtp(modules, accept);
      } catch (IllegalArgumentException e) {
        n.error("accept_length", e.getMessage());
      }
    } else if (kind.isPresent() && !kind.get().equals("none")) {
      n.error("spec", "must be none or mtp in a case, got " + kind.get());
    }
    var gbps = n.positive("scale_out_gbps", "Gb/s");
    return new Setup(recipe, spec, gbps.isPresent() ? Optional.of(gbps.getAsDouble()) : Optional.empty());
  }

  /** {@code dev} with the case's recipe, speculation and stated NIC bandwidth. */
  static InferenceDevice onSetup(Setup setup, InferenceDevice dev) {
    InferenceDevice out = dev;
    if (setup.scaleOutGbps().isPresent() && dev.hardware().scaleOutPerDevice().isEmpty()) {
      out = out.on(dev.hardware().withScaleOutGbps(chipmix.catalog.Spec.exact(setup.scaleOutGbps().get(),
          "the case's source", chipmix.catalog.Confidence.MEDIUM, "stated by the case's source")));
    }
    ServingRecipe recipe = setup.recipe().map(r -> ServingRecipes.find("recipe", r)).orElse(dev.recipe());
    return out.with(new ServingStack(recipe, setup.speculation()));
  }

  /**
   * Decode steps of a static batch: the prefill pass samples the first output token, so {@code O}
   * output tokens take {@code O − 1} decode steps (TensorRT-LLM's gptSessionBenchmark: the context
   * phase returns the first generated token, generation runs for the rest).
   */
  static int staticDecodeSteps(Workload w) {
    return w.outputTokens() - 1;
  }

  /** Predicts every case with the chips of {@code catalog} (first system listed for each) and the calibration table. */
  public static List<Result> run(List<Case> cases, Catalog catalog, Calibrations calibrations) {
    List<Result> out = new ArrayList<>();
    for (Case c : cases) {
      Chip chip = catalog.chip("chip", c.chip());
      SystemSpec system = catalog.defaultSystemFor(chip).orElseThrow(() -> InvalidInputException.of("chip",
          "the catalog has no system for " + chip.id() + " (the case needs its node topology)"));
      InferenceDevice dev = new InferenceDevice(Hardware.of(chip, system, calibrations.forChip(chip)),
          calibrations.inferenceFor(chip));
      out.add(predict(c, dev));
    }
    return out;
  }

  /** The model's prediction for one case on {@code dev} (the case's chip as a device profile with its serving constants). */
  public static Result predict(Case c, InferenceDevice plain) {
    TransformerModel m = Models.resolve("model", c.model());
    InferenceDevice dev = onSetup(c.setup(), plain);
    if (c.phase() == Phase.PREFILL) {
      StepTime t = InferenceModel.prefill(dev, m, c.layout(), c.workload(), c.promptsPerGroup());
      double tokens = (double) c.promptsPerGroup() * c.layout().attentionGroups() * c.workload().promptTokens();
      return new Result(c, tokens / t.total().seconds() / c.layout().devices(), t.bound(), c.promptsPerGroup());
    }
    int batch = c.batch().orElseGet(() -> InferenceModel.maxBatch(dev, m, c.layout(), c.workload()));
    if (c.phase() == Phase.STATIC) {
      // one pass prefills every prompt of the batch (per attention group) and yields its first output token;
      // each of the other output tokens is a decode step
      StepTime pre = InferenceModel.prefill(dev, m, c.layout(), c.workload(),
          Math.max(1, batch / c.layout().attentionGroups()));
      double decode = staticDecodeSteps(c.workload())
          * InferenceModel.decodeTokenTime(dev, m, c.layout(), c.workload(), batch).seconds();
      double seconds = pre.total().seconds() + decode;
      return new Result(c, (double) batch * c.workload().outputTokens() / seconds / c.layout().devices(),
          InferenceModel.decodeStep(dev, m, c.layout(), c.workload(), batch).bound(), batch);
    }
    StepTime t = InferenceModel.decodeStep(dev, m, c.layout(), c.workload(), batch);
    double perToken = InferenceModel.decodeTokenTime(dev, m, c.layout(), c.workload(), batch).seconds();
    return new Result(c, batch / perToken / c.layout().devices(), t.bound(), batch);
  }
}
