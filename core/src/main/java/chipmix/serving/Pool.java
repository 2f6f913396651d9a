package chipmix.serving;

import chipmix.perfmodel.InferenceEstimate;
import chipmix.perfmodel.ServingLayout;
import chipmix.perfmodel.StepTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One group of identical replicas in a plan: the whole deployment (colocated), or its prefill or
 * decode pool (disaggregated).
 *
 * @param tokensPerSecondPerDevice what the pool delivers per device: output tokens (serving, decode)
 *     or prompt tokens (prefill)
 * @param usdPerHour running cost of the pool, when the chip has a price in the catalog
 * @param powerW device TDP times devices, when the chip has a TDP in the catalog
 */
public record Pool(
    Role role,
    String chipId,
    ServingLayout layout,
    int replicas,
    int batch,
    int maxBatch,
    String batchLimit,
    StepTime.Bound bound,
    double tokensPerSecondPerDevice,
    Optional<Double> usdPerHour,
    Optional<Double> powerW,
    InferenceEstimate estimate) {

  public Pool {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(usdPerHour, "usdPerHour");
    Objects.requireNonNull(powerW, "powerW");
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
    }
  }

  public int devices() {
    return Math.multiplyExact(replicas, layout.devices());
  }

  /** What a pool does. */
  public enum Role {
    SERVING, PREFILL, DECODE;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
