package chipmix.perfmodel;

import chipmix.units.Seconds;
import java.util.Objects;

/** How the decode batch of a replica is chosen. */
public sealed interface BatchChoice {
  /** A given number of concurrent sequences per replica. */
  record Fixed(int batch) implements BatchChoice {
    public Fixed {
      if (batch < 1) {
        throw new IllegalArgumentException("batch must be at least 1, got " + batch);
      }
    }
  }

  /** The largest batch whose time per output token meets the target. */
  record TpotTarget(Seconds tpot) implements BatchChoice {
    public TpotTarget {
      Objects.requireNonNull(tpot, "tpot");
      if (!(tpot.seconds() > 0)) {
        throw new IllegalArgumentException("tpot target must be positive, got " + tpot);
      }
    }
  }

  /** The largest batch that fits in memory (highest throughput). */
  record MaxMemory() implements BatchChoice {}
}
