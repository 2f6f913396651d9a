package chipmix.scenario;

import chipmix.catalog.Chip;
import chipmix.catalog.SystemSpec;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the planner asks of the other capabilities, behind small interfaces so that the planner
 * holds no export rule, training formula or inference formula of its own. The CLI wires them to
 * {@code chipmix.exportcontrol}, the training search and the inference sizing; tests use fakes.
 *
 * @param asOf versions of the data the answers rest on (catalog, rules), recorded in reports
 */
public record Engines(Compliance compliance, Training training, Serving serving, Map<String, String> asOf) {
  public Engines {
    Objects.requireNonNull(compliance, "compliance");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(serving, "serving");
    asOf = Map.copyOf(asOf);
  }

  /** The export-control determination for one delivery. */
  @FunctionalInterface
  public interface Compliance {
    Finding check(Chip chip, String shipsFrom, String destination, String buyerHeadquarters, List<String> parties,
        LocalDate date);

    /**
     * As {@link #check}, with the scenario's import-side policy ({@code settings.import_side}); an
     * engine without import-side findings ignores it.
     */
    default Finding check(Chip chip, String shipsFrom, String destination, String buyerHeadquarters, List<String> parties,
        LocalDate date, ImportSidePolicy importSide) {
      return check(chip, shipsFrom, destination, buyerHeadquarters, parties, date);
    }
  }

  /** How a delivery fares under the rules in force on its date. */
  public enum Verdict {
    /** No licence needed, or the rules do not reach this transfer. */
    CLEAR,
    /** It can go ahead under conditions (a licence with a presumption of approval, a notification, a fee), or an import-side measure puts it at risk. */
    AT_RISK,
    /** A licence with a presumption of denial, a prohibition: the plan assumes it does not arrive. */
    BLOCKED
  }

  /**
   * @param outcome the export engine's own name for its outcome ({@code license-required})
   * @param reasons sentences with their citations, export side
   * @param importSide findings about the destination country's own measures (shown separately)
   */
  public record Finding(Verdict verdict, String outcome, List<Reason> reasons, List<Reason> importSide,
      List<ConditionCost> costs) {
    public Finding {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(outcome, "outcome");
      reasons = List.copyOf(reasons);
      importSide = List.copyOf(importSide);
      costs = List.copyOf(costs);
    }

    /** A finding whose conditions carry no cost. */
    public Finding(Verdict verdict, String outcome, List<Reason> reasons, List<Reason> importSide) {
      this(verdict, outcome, reasons, importSide, List.of());
    }
  }

  /**
   * A cost a condition of the answer puts on a delivery, as a share of the chip's value: a tariff
   * (paid on import, charged to the buyer's capital) or a revenue share (remitted by the vendor
   * out of the price paid, so not added to the buyer's cost).
   *
   * @param tariff true for a tariff, false for a revenue share
   * @param fraction the share (0.25 for 25%)
   */
  public record ConditionCost(boolean tariff, double fraction, String text, List<String> citations) {
    public ConditionCost {
      Objects.requireNonNull(text, "text");
      citations = List.copyOf(citations);
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("cost fraction must be in (0, 1], got " + fraction);
      }
    }
  }

  /** A human sentence and the source ids it rests on. */
  public record Reason(String text, List<String> citations) {
    public Reason {
      Objects.requireNonNull(text, "text");
      citations = List.copyOf(citations);
    }
  }

  /** The training search: the best layout for a run on {@code devices} devices of one chip. */
  @FunctionalInterface
  public interface Training {
    /** Empty when the model does not fit on that many devices in any layout. */
    Optional<TrainingRate> best(String model, int sequenceLength, int globalBatch, Chip chip, Optional<SystemSpec> system,
        Optional<Double> scaleOutGbps, int devices);

    /** The same under the framework recipe {@code recipe} (an id of the training model's recipes); empty: the chip vendor's. */
    default Optional<TrainingRate> best(String model, int sequenceLength, int globalBatch, Chip chip, Optional<SystemSpec> system,
        Optional<Double> scaleOutGbps, int devices, Optional<String> recipe) {
      return best(model, sequenceLength, globalBatch, chip, system, scaleOutGbps, devices);
    }
  }

  /**
   * @param tokensPerSecond training throughput of the whole group
   * @param devicesUsed devices the layout occupies (at most those offered)
   * @param layout the layout in words ({@code TP 8 x PP 4 x DP 32})
   */
  public record TrainingRate(double tokensPerSecond, int devicesUsed, String layout) {
    public TrainingRate {
      Objects.requireNonNull(layout, "layout");
      if (!(tokensPerSecond > 0)) {
        throw new IllegalArgumentException("training throughput must be positive, got " + tokensPerSecond + " tokens/s");
      }
      if (devicesUsed < 1) {
        throw new IllegalArgumentException("devices used must be at least 1, got " + devicesUsed);
      }
    }
  }

  /** Inference sizing: what one serving replica of a model on one chip sustains within latency targets. */
  @FunctionalInterface
  public interface Serving {
    /** Empty when no replica on that chip meets the targets. */
    Optional<Replica> replica(String model, int promptTokens, int outputTokens, double ttftMs, double tpotMs,
        Scenario.NumberFormat weights, Scenario.NumberFormat kvCache, Chip chip, Optional<SystemSpec> system,
        Optional<Double> scaleOutGbps);
  }

  /**
   * @param devices devices in one replica
   * @param requestsPerSecond requests per second one replica sustains within the targets
   * @param layout the replica's layout in words
   * @param curve the replica's serving-capacity curve (throughput per device against TPOT, batch by batch);
   *     empty where the engine gives none
   */
  public record Replica(int devices, double requestsPerSecond, String layout, List<CurvePoint> curve) {
    public Replica {
      Objects.requireNonNull(layout, "layout");
      curve = List.copyOf(curve);
      if (devices < 1) {
        throw new IllegalArgumentException("replica devices must be at least 1, got " + devices);
      }
      if (!(requestsPerSecond > 0)) {
        throw new IllegalArgumentException("replica throughput must be positive, got " + requestsPerSecond + " requests/s");
      }
    }

    /** A replica without a serving-capacity curve. */
    public Replica(int devices, double requestsPerSecond, String layout) {
      this(devices, requestsPerSecond, layout, List.of());
    }
  }

  /**
   * One point of a replica's serving-capacity curve: at {@code batch} concurrent sequences per
   * replica, the time per output token with prefill interleaved and the output tokens per second
   * per device (docs/inference-model.md "Serving-capacity curve").
   */
  public record CurvePoint(int batch, double tpotMs, double outputTokensPerSecondPerDevice) {
    public CurvePoint {
      if (batch < 1) {
        throw new IllegalArgumentException("curve batch must be at least 1, got " + batch);
      }
      if (!(tpotMs > 0) || Double.isInfinite(tpotMs)) {
        throw new IllegalArgumentException("curve TPOT must be positive and finite, got " + tpotMs + " ms");
      }
      if (!(outputTokensPerSecondPerDevice > 0) || Double.isInfinite(outputTokensPerSecondPerDevice)) {
        throw new IllegalArgumentException("curve throughput must be positive and finite, got " + outputTokensPerSecondPerDevice);
      }
    }
  }
}
