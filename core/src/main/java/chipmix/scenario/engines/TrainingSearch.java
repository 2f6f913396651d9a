package chipmix.scenario.engines;

import chipmix.catalog.Chip;
import chipmix.catalog.SystemSpec;
import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.TrainingOptions;
import chipmix.scenario.Engines;
import chipmix.scenario.Engines.TrainingRate;
import chipmix.search.PartialLayout;
import chipmix.search.TrainingEstimate;
import chipmix.search.TrainingEstimator;
import chipmix.search.TrainingRequest;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The planner's training question, answered by the training search ({@code chipmix.search}): the
 * best layout for a run on at most {@code devices} devices of one chip. The search needs the
 * device count to factor into tensor x pipeline x data (x context) parallel degrees that divide
 * the model and the global batch, so a few counts at or below the offer are tried (see
 * {@link #candidates}) and the fastest is kept; the devices
 * left over stay free. This class holds no training formula.
 */
public final class TrainingSearch implements Engines.Training {
  /** Source id recorded on a scale-out bandwidth the scenario file gives. */
  public static final String SCENARIO_SOURCE = "scenario";

  private final Calibrations calibrations;
  private final Map<Key, Optional<TrainingEstimate>> cache = new java.util.HashMap<>();

  /** One estimate question: the model itself (a preset or one given inline), the job, the device and the count. */
  private record Key(TransformerModel model, int seq, int batch, String chip, String system, Optional<Double> scaleOutGbps,
      String recipe, long devices) {}

  public TrainingSearch(Calibrations calibrations) {
    this.calibrations = calibrations;
  }

  @Override
  public Optional<TrainingRate> best(String modelName, int seq, int batch, Chip chip, Optional<SystemSpec> system,
      Optional<Double> scaleOutGbps, int devices) {
    return best(modelName, seq, batch, chip, system, scaleOutGbps, devices, Optional.empty());
  }

  @Override
  public Optional<TrainingRate> best(String modelName, int seq, int batch, Chip chip, Optional<SystemSpec> system,
      Optional<Double> scaleOutGbps, int devices, Optional<String> recipeId) {
    TransformerModel model = ModelPresets.find(modelName).orElseThrow(() -> InvalidInputException.of("model",
        "unknown model '" + modelName + "'"));
    return best(model, seq, batch, chip, system, scaleOutGbps, devices, recipeId);
  }

  /** As {@link #best(String, int, int, Chip, Optional, Optional, int, Optional)} for a model given as such (a preset or inline). */
  public synchronized Optional<TrainingRate> best(TransformerModel model, int seq, int batch, Chip chip,
      Optional<SystemSpec> system, Optional<Double> scaleOutGbps, int devices, Optional<String> recipeId) {
    EngineInputs in = EngineInputs.of(model, chip, system, scaleOutGbps, calibrations, "training");
    SystemSpec sys = in.system();
    Hardware hw = in.hardware();
    // the run's recipe (checked by the scenario loader), else the current one of the chip vendor's software stack
    chipmix.perfmodel.Recipe recipe = recipeId.flatMap(id -> chipmix.perfmodel.Recipes.bundled().find(id))
        .orElseGet(() -> chipmix.perfmodel.Recipes.bundled().defaultFor(hw.vendor()));
    TrainingOptions options = TrainingOptions.of(seq, batch, recipe, chipmix.perfmodel.SettingOverrides.NONE);
    TrainingEstimate best = null;
    for (long n : candidates(devices, sys.devicesPerNode())) {
      Optional<TrainingEstimate> e = cache.computeIfAbsent(new Key(model, seq, batch, chip.id(), sys.id(), scaleOutGbps,
          recipe.id(), n), k -> estimate(model, hw, n, options));
      if (e.isPresent() && (best == null || e.get().tokensPerSecond() > best.tokensPerSecond())) {
        best = e.get();
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(new TrainingRate(best.tokensPerSecond(), (int) best.devices(),
        best.layout() + String.format(java.util.Locale.ROOT, ", MFU %.0f%%, recipe %s", best.mfu() * 100, best.recipe().id())));
  }

  private static Optional<TrainingEstimate> estimate(TransformerModel model, Hardware hw, long n, TrainingOptions options) {
    try {
      TrainingEstimate e = TrainingEstimator.estimate(new TrainingRequest(model, hw, n, options, PartialLayout.OPEN));
      return e.fits() ? Optional.of(e) : Optional.empty();
    } catch (InfeasibleException e) {
      // No layout on this count; a smaller or rounder count may still work.
      return Optional.empty();
    }
  }

  /**
   * Device counts to try, at most {@code devices}: the largest power of two times 1, 3, 5, 7, 9 or
   * 15 (counts that factor into parallel degrees), plus the offer itself when it is below
   * {@code 64} nodes. Coarse on purpose: nearby offers share counts, so searches are reused.
   */
  static TreeSet<Long> candidates(int devices, int perNode) {
    TreeSet<Long> out = new TreeSet<>();
    if (devices <= 64 * perNode) {
      out.add((long) devices);
    }
    for (int odd : new int[] {1, 3, 5, 7, 9, 15}) {
      long p = Long.highestOneBit(Math.max(1, devices / odd));
      if (p * odd <= devices) {
        out.add(p * odd);
      }
    }
    return out;
  }
}
