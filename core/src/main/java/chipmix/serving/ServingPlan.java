package chipmix.serving;

import chipmix.units.Seconds;
import java.util.List;
import java.util.Optional;

/**
 * One way to serve the demand: a single colocated pool, or a prefill pool and a decode pool
 * (disaggregated), with what it costs and why it is shaped so.
 *
 * @param costPerMillionOutputTokens USD per million output tokens at the demand; empty when a chip has no price
 * @param kvTransfer time to move one prompt's KV cache between the pools (disaggregated only)
 * @param why sentences explaining the shape (bound, batch limit, replica size)
 */
public record ServingPlan(
    String label,
    boolean disaggregated,
    List<Pool> pools,
    Seconds ttft,
    Seconds tpot,
    Optional<Seconds> kvTransfer,
    double outputTokensPerSecondPerDevice,
    Optional<Double> costPerMillionOutputTokens,
    Optional<Double> powerKw,
    List<String> why) {

  public ServingPlan {
    pools = List.copyOf(pools);
    why = List.copyOf(why);
  }

  public int devices() {
    return pools.stream().mapToInt(Pool::devices).sum();
  }
}
