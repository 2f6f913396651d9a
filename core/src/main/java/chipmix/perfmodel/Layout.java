package chipmix.perfmodel;

import java.util.Objects;

/**
 * A parallel layout: tensor (with sequence parallel when tp > 1), pipeline (1F1B, interleaved
 * with {@code vpp} virtual stages), data, context and expert parallel degrees, micro-batch size
 * in sequences, recompute and model-state sharding. Devices = tp·pp·dp·cp; expert parallel
 * ranks are drawn from the data-parallel ranks (ep divides dp), as in Megatron-Core.
 */
public record Layout(int tp, int pp, int dp, int cp, int ep, int vpp, int microBatch, Recompute recompute, Sharding sharding) {
  public Layout {
    Objects.requireNonNull(recompute, "recompute");
    Objects.requireNonNull(sharding, "sharding");
    if (tp < 1 || pp < 1 || dp < 1 || cp < 1 || ep < 1 || vpp < 1 || microBatch < 1) {
      throw new IllegalArgumentException("layout degrees must be at least 1, got " + this
          + "\nMaybe validate user input with TrainingInput first.");
    }
  }

  public long devices() {
    return (long) tp * pp * dp * cp;
  }

  @Override
  public String toString() {
    return "tp=" + tp + " pp=" + pp + " dp=" + dp + " cp=" + cp + " ep=" + ep + " vpp=" + vpp + " mb=" + microBatch
        + " recompute=" + recompute.name().toLowerCase(java.util.Locale.ROOT) + " zero=" + sharding.text();
  }
}
