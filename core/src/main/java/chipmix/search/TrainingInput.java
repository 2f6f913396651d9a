package chipmix.search;

import chipmix.catalog.Catalog;
import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.ElementwiseKernels;
import chipmix.perfmodel.GradientPrecision;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.perfmodel.PipelineSchedule;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.Recipe;
import chipmix.perfmodel.RecipeSettings;
import chipmix.perfmodel.Recipes;
import chipmix.perfmodel.SettingOverrides;
import chipmix.perfmodel.Recompute;
import chipmix.perfmodel.Sharding;
import chipmix.perfmodel.TrainingOptions;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.Limits;
import java.util.List;
import java.util.Optional;

/**
 * A training question as the user types it (the {@code train} command's options, the web API's
 * JSON fields): names and numbers, not yet checked. {@link #request(Catalog)} validates every
 * field against the catalog and the model and builds the {@link TrainingRequest}, reporting
 * every problem at once; issue paths are the CLI option names ({@code --seq-len}), which the
 * web layer maps to its field names ({@code seq_len}).
 *
 * @param model a preset name, or a model YAML file path (resolved by a {@link Models.Resolver})
 * @param system a catalog system of the chip; empty for the chip's first (or a standalone node)
 */
public record TrainingInput(
    String model,
    String chip,
    Optional<String> system,
    long devices,
    int seqLen,
    long globalBatch,
    Optional<Integer> tp,
    Optional<Integer> pp,
    Optional<Integer> dp,
    Optional<Integer> cp,
    Optional<Integer> ep,
    Optional<Integer> vpp,
    Optional<Integer> microBatch,
    Optional<String> recompute,
    Optional<String> zero,
    String precision,
    Optional<Double> tokens,
    double pue,
    Optional<Double> usdPerDeviceHour,
    double amortisationYears,
    Optional<Double> scaleOutGbps,
    Settings settings) {

  /**
   * The framework recipe and the settings given explicitly; each empty one takes the recipe's value.
   *
   * @param recipe a recipe id ({@code recipes.yaml}); empty: the chip vendor's default
   */
  public record Settings(Optional<String> recipe, Optional<Boolean> overlapGradReduce, Optional<Boolean> tpCommOverlap,
      Optional<Boolean> epCommOverlap, Optional<Boolean> epNodeDedup, Optional<String> epDispatchPrecision,
      Optional<Boolean> sequenceParallel, Optional<Boolean> flashAttention, Optional<String> gradPrecision,
      Optional<String> schedule, Optional<String> elementwise) {
    /** Nothing explicit: the chip vendor's recipe as it is. */
    public static final Settings DEFAULT = new Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** The settings without the element-wise kernels (the web form and scenarios: the recipe's). */
    public Settings(Optional<String> recipe, Optional<Boolean> overlapGradReduce, Optional<Boolean> tpCommOverlap,
        Optional<Boolean> epCommOverlap, Optional<Boolean> epNodeDedup, Optional<String> epDispatchPrecision,
        Optional<Boolean> sequenceParallel, Optional<Boolean> flashAttention, Optional<String> gradPrecision,
        Optional<String> schedule) {
      this(recipe, overlapGradReduce, tpCommOverlap, epCommOverlap, epNodeDedup, epDispatchPrecision, sequenceParallel,
          flashAttention, gradPrecision, schedule, Optional.empty());
    }

    public Settings {
      java.util.Objects.requireNonNull(recipe);
      java.util.Objects.requireNonNull(overlapGradReduce);
      java.util.Objects.requireNonNull(tpCommOverlap);
      java.util.Objects.requireNonNull(epCommOverlap);
      java.util.Objects.requireNonNull(epNodeDedup);
      java.util.Objects.requireNonNull(epDispatchPrecision);
      java.util.Objects.requireNonNull(sequenceParallel);
      java.util.Objects.requireNonNull(flashAttention);
      java.util.Objects.requireNonNull(gradPrecision);
      java.util.Objects.requireNonNull(schedule);
      java.util.Objects.requireNonNull(elementwise);
    }
  }

  /** Validates the input and builds the request; every problem is reported at once. {@code model} is a preset or a file. */
  public TrainingRequest request(Catalog catalog) {
    return request(catalog, Models::resolve);
  }

  /** As {@link #request(Catalog)}, with {@code model} resolved by {@code models} (the web API: presets or an inline model). */
  public TrainingRequest request(Catalog catalog, Models.Resolver models) {
    Issues issues = new Issues();
    Optional<Precision> p = enumOption(issues, "`precision`", precision, Precision.class, List.of("bf16", "fp8"));
    Optional<Precision> dispatch = settings.epDispatchPrecision().flatMap(d -> enumOption(issues, "`ep_dispatch_precision`", d,
        Precision.class, List.of("bf16", "fp8")));
    Optional<GradientPrecision> grads = settings.gradPrecision().flatMap(g -> {
      Optional<GradientPrecision> parsed = GradientPrecision.parse(g);
      if (parsed.isEmpty()) {
        issues.add("`grad_precision`", "'" + g + "' is not one of " + GradientPrecision.choices()
            + chipmix.validation.Suggestions.didYouMean(g,
                java.util.Arrays.stream(GradientPrecision.values()).map(GradientPrecision::text).toList()));
      }
      return parsed;
    });
    Optional<PipelineSchedule> schedule = settings.schedule().flatMap(s -> {
      Optional<PipelineSchedule> parsed = PipelineSchedule.parse(s);
      if (parsed.isEmpty()) {
        issues.add("`schedule`", "'" + s + "' is not one of 1f1b, dualpipe" + chipmix.validation.Suggestions.didYouMean(s,
            List.of("1f1b", "dualpipe")));
      }
      return parsed;
    });
    Optional<ElementwiseKernels> elementwise = settings.elementwise().flatMap(e -> {
      Optional<ElementwiseKernels> parsed = ElementwiseKernels.parse(e);
      if (parsed.isEmpty()) {
        issues.add("`elementwise`", "'" + e + "' is not one of " + ElementwiseKernels.choices()
            + chipmix.validation.Suggestions.didYouMean(e,
                java.util.Arrays.stream(ElementwiseKernels.values()).map(ElementwiseKernels::text).toList()));
      }
      return parsed;
    });
    Optional<Recipe> explicitRecipe = settings.recipe().flatMap(r -> Recipes.bundled().resolve(issues, "`recipe`", r));
    Optional<Recompute> r = recompute.isEmpty() ? Optional.empty()
        : enumOption(issues, "`recompute`", recompute.get(), Recompute.class, List.of("none", "selective", "full"));
    Optional<Sharding> z = Optional.empty();
    if (zero.isPresent()) {
      z = Sharding.parse(zero.get());
      if (z.isEmpty()) {
        issues.add("`zero`", "'" + zero.get() + "' is not one of 0, 1, 2, 3, dist-opt");
      }
    }
    if (seqLen < 1) {
      issues.add("`seq_len`", "must be at least 1, got " + seqLen);
    }
    if (globalBatch < 1) {
      issues.add("`global_batch`", "must be at least 1 sequence, got " + globalBatch);
    }
    Limits.PUE.check(issues, "`pue`", pue);
    Limits.AMORTIZATION_YEARS.check(issues, "`amortization_years`", amortisationYears);
    Limits.DEVICE_HOUR_USD.check(issues, "`usd_per_device_hour`", usdPerDeviceHour);
    Limits.SCALE_OUT_GBPS.check(issues, "`scale_out_gbps`", scaleOutGbps);
    Optional<TransformerModel> m = Optional.empty();
    Optional<Hardware> hw = Optional.empty();
    try {
      m = Optional.of(models.resolve("`model`", model));
    } catch (InvalidInputException e) {
      issues.addAll(e.issues());
    }
    try {
      hw = Optional.of(hardware(catalog));
    } catch (InvalidInputException e) {
      issues.addAll(e.issues());
    }
    // every check that depends on other fields runs on the ones that are present and valid
    PartialLayout layout = new PartialLayout(tp, pp, dp, cp, ep, vpp, microBatch, r, z);
    // the recipe: the one named, else the current one of the chip vendor's software stack
    Optional<Recipe> recipe = settings.recipe().isPresent() ? explicitRecipe
        : hw.map(h -> Recipes.bundled().defaultFor(h.vendor()));
    SettingOverrides overrides = new SettingOverrides(settings.overlapGradReduce(), settings.tpCommOverlap(), grads,
        settings.sequenceParallel(), settings.flashAttention(), schedule, settings.epCommOverlap(), settings.epNodeDedup(), dispatch,
        Optional.empty(), Optional.empty(), elementwise);
    Optional<RecipeSettings.Parallelism> parallelism = recipe.map(rc -> overrides.apply(rc.settings()).parallelism());
    boolean shardingWithPipeline = parallelism.map(RecipeSettings.Parallelism::shardingWithPipeline).orElse(false);
    boolean dualPipe = parallelism.map(pl -> pl.schedule() == PipelineSchedule.DUALPIPE).orElse(false);
    TrainingRequest.check(issues, m, hw, devices, seqLen, globalBatch, p, tokens, layout, shardingWithPipeline, dualPipe);
    issues.throwIfAny();
    Recipe rc = recipe.orElseThrow();
    TrainingOptions o = new TrainingOptions(seqLen, globalBatch, p.orElseThrow(), tokens, rc, overrides.apply(rc.settings()),
        new java.util.LinkedHashSet<>(overrides.keys()), pue, usdPerDeviceHour, amortisationYears);
    return new TrainingRequest(m.orElseThrow(), hw.orElseThrow(), devices, o, layout);
  }

  private Hardware hardware(Catalog catalog) {
    Hardware hw = HardwareProfiles.resolve(catalog, chip, system);
    if (scaleOutGbps.isPresent() && validScaleOut(scaleOutGbps.get())) {
      double g = scaleOutGbps.get();
      hw = hw.withScaleOutGbps(Spec.exact(g, "user: `scale_out_gbps`", Confidence.MEDIUM, "given by the user"));
    }
    return hw;
  }

  /** A bandwidth the hardware profile can take; others are reported (and the catalog's figure kept meanwhile). */
  private static boolean validScaleOut(double gbps) {
    return Limits.SCALE_OUT_GBPS.contains(gbps);
  }

  private static <E extends Enum<E>> Optional<E> enumOption(Issues issues, String option, String value, Class<E> type,
      List<String> allowed) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value.strip()) && allowed.contains(e.name().toLowerCase())) {
        return Optional.of(e);
      }
    }
    issues.add(option, "'" + value + "' is not one of " + String.join(", ", allowed)
        + chipmix.validation.Suggestions.didYouMean(value, allowed));
    return Optional.empty();
  }
}
