package chipmix.comparison;

import chipmix.scenario.Engines.TrainingRate;
import chipmix.scenario.engines.ComplianceScreen.Buyer;
import chipmix.scenario.engines.ComplianceScreen.Screened;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A training comparison's answer: one row per chip, ranked by throughput on the devices asked
 * for (chips without an estimate and dropped chips last, in the order given).
 *
 * @param devices the devices per chip the comparison was made on
 * @param rows one per distinct chip
 * @param compliance the buyer screen, when a buyer was given
 */
public record TrainCompareResult(String model, long devices, Optional<Double> tokens, Optional<LocalDate> start,
    Optional<LocalDate> finishBy, List<Row> rows, Optional<Compliance> compliance) {

  public TrainCompareResult {
    Objects.requireNonNull(model, "model");
    rows = List.copyOf(rows);
    Objects.requireNonNull(compliance, "compliance");
  }

  /** The most devices {@code finishBy} considers per chip. */
  public static final int MAX_DEVICES_NEEDED = 1 << 20;

  /**
   * One chip.
   *
   * @param rank 1 for the fastest estimated chip; empty for a chip without an estimate or dropped
   * @param screen the chip's export finding for the buyer (empty without a buyer)
   */
  public record Row(String chipId, String chipName, Optional<Integer> rank, Optional<Screened> screen, Outcome outcome) {
    public Row {
      Objects.requireNonNull(chipId, "chipId");
      Objects.requireNonNull(outcome, "outcome");
    }

    /** True when the buyer may not get the chip (a prohibition or a licence under a presumption of denial). */
    public boolean mayNotGet() {
      return screen.map(Screened::mayNotGet).orElse(false);
    }
  }

  /** What the comparison says about one chip. */
  public sealed interface Outcome permits Estimated, NoEstimate, Dropped {}

  /**
   * The training search's best layout on at most the devices asked for.
   *
   * @param days days for the token budget at this rate (empty without one)
   * @param devicesNeeded with {@code finishBy}: the devices that finish the budget by then
   */
  public record Estimated(TrainingRate rate, Optional<Double> days, Optional<DevicesNeeded> devicesNeeded)
      implements Outcome {
    public Estimated {
      Objects.requireNonNull(rate, "rate");
      days.ifPresent(d -> {
        if (!(d > 0) || !Double.isFinite(d)) {
          throw new IllegalArgumentException("days must be positive and finite, got " + d);
        }
      });
    }
  }

  /** The devices a chip needs to finish by the date: a count, or more than {@link #MAX_DEVICES_NEEDED}. */
  public sealed interface DevicesNeeded permits Needed, BeyondCap {}

  public record Needed(int devices) implements DevicesNeeded {
    public Needed {
      if (devices < 1) {
        throw new IllegalArgumentException("devices needed must be at least 1, got " + devices);
      }
    }
  }

  /** No count up to the cap reaches the throughput the date needs. */
  public record BeyondCap(int cap) implements DevicesNeeded {}

  /** No estimate: the model fits in no layout, or the training model cannot estimate the chip (why). */
  public record NoEstimate(String reason) implements Outcome {}

  /** Left out: the buyer may not get the chip and the screen drops such chips. */
  public record Dropped(String reason) implements Outcome {}

  /**
   * The screen of the candidates for one buyer (export rules; not legal advice).
   *
   * @param firstRankedMayNotBeObtained the first-ranked chip is one the buyer may not get (only when marking)
   */
  public record Compliance(Buyer buyer, boolean drop, List<Screened> screened, boolean firstRankedMayNotBeObtained) {
    public Compliance {
      Objects.requireNonNull(buyer, "buyer");
      screened = List.copyOf(screened);
    }
  }
}
