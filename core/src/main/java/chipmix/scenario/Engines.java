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
   */
  public record Replica(int devices, double requestsPerSecond, String layout) {
    public Replica {
      Objects.requireNonNull(layout, "layout");
      if (devices < 1) {
        throw new IllegalArgumentException("replica devices must be at least 1, got " + devices);
      }
      if (!(requestsPerSecond > 0)) {
        throw new IllegalArgumentException("replica throughput must be positive, got " + requestsPerSecond + " requests/s");
      }
    }
  }
}
