package chipmix.scenario.engines;

import chipmix.catalog.Chip;
import chipmix.catalog.SystemSpec;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.InferenceModel;
import chipmix.perfmodel.Precision;
import chipmix.scenario.Engines;
import chipmix.scenario.Engines.Replica;
import chipmix.scenario.Scenario;
import chipmix.serving.CostAssumptions;
import chipmix.serving.Demand;
import chipmix.serving.Pool;
import chipmix.serving.ServingPlan;
import chipmix.serving.Sizer;
import chipmix.serving.SizingResult;
import chipmix.units.Seconds;
import chipmix.validation.InfeasibleException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's serving question, answered by the serving sizer ({@code chipmix.serving}): the
 * replica shape the sizer picks for one chip (colocated prefill and decode, the demand's weight
 * and KV-cache formats) within the latency targets, and the requests per second one replica sustains (the
 * sizer's output tokens per second per device, times the replica's devices, over the output
 * tokens per request). This class holds no inference formula.
 */
public final class InferenceSizing implements Engines.Serving {
  /** The request rate the sizer is asked about; the replica's capacity does not depend on it. */
  static final double PROBE_REQUESTS_PER_SECOND = 1;

  private final Calibrations calibrations;
  private final Map<String, Optional<Replica>> cache = new HashMap<>();

  public InferenceSizing(Calibrations calibrations) {
    this.calibrations = calibrations;
  }

  @Override
  public synchronized Optional<Replica> replica(String modelName, int promptTokens, int outputTokens, double ttftMs, double tpotMs,
      Scenario.NumberFormat weights, Scenario.NumberFormat kvCache, Chip chip, Optional<SystemSpec> system,
      Optional<Double> scaleOutGbps) {
    String key = modelName + "|" + promptTokens + "|" + outputTokens + "|" + ttftMs + "|" + tpotMs + "|" + weights + "|"
        + kvCache + "|" + chip.id() + "|" + system.map(SystemSpec::id).orElse("") + "|" + scaleOutGbps;
    return cache.computeIfAbsent(key, k -> size(modelName, promptTokens, outputTokens, ttftMs, tpotMs,
        Precision.valueOf(weights.name()), Precision.valueOf(kvCache.name()), chip, system, scaleOutGbps));
  }

  private Optional<Replica> size(String modelName, int promptTokens, int outputTokens, double ttftMs, double tpotMs,
      Precision weights, Precision kv, Chip chip, Optional<SystemSpec> system, Optional<Double> scaleOutGbps) {
    EngineInputs in = EngineInputs.of(modelName, chip, system, scaleOutGbps, calibrations, "inference");
    TransformerModel model = in.model();
    InferenceDevice device = new InferenceDevice(in.hardware(), calibrations.inferenceFor(chip));
    Demand demand = new Demand(PROBE_REQUESTS_PER_SECOND, promptTokens, outputTokens, Seconds.ofMillis(ttftMs),
        Seconds.ofMillis(tpotMs));
    SizingResult result;
    try {
      result = Sizer.size(new Sizer.Request(model, demand, weights, kv, List.of(device), false,
          CostAssumptions.DEFAULT));
    } catch (InfeasibleException e) {
      return Optional.empty();
    }
    if (result.ranked().isEmpty()) {
      return Optional.empty();
    }
    ServingPlan plan = result.ranked().get(0);
    Pool pool = plan.pools().get(0);
    int devices = pool.layout().devices();
    double requestsPerSecond = pool.tokensPerSecondPerDevice() * devices / outputTokens;
    List<Engines.CurvePoint> curve = InferenceModel.capacityCurve(device, model, pool.layout(), pool.estimate().workload())
        .stream().map(c -> new Engines.CurvePoint(c.batch(), c.colocatedTpot().toMillis(), c.outputTokensPerSecondPerDevice()))
        .toList();
    return Optional.of(new Replica(devices, requestsPerSecond, pool.layout() + ", batch " + pool.batch()
        + " (" + pool.batchLimit() + "-limited)", curve));
  }
}
