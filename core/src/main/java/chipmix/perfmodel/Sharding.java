package chipmix.perfmodel;

/**
 * How model states are sharded over the data-parallel group (ZeRO, Rajbhandari et al. 2020
 * §3.1; Megatron distributed optimizer). Bytes per parameter with {@code g} data-parallel ranks.
 */
public enum Sharding {
  /** Plain data parallel, Megatron layout: bf16 weights 2 + fp32 main grads 4 + Adam 12 = 18 bytes. */
  NONE("0"),
  /** Megatron distributed optimizer: 6 + 12/g bytes (bf16 weights, fp32 grads, sharded fp32 states). */
  DIST_OPT("dist-opt"),
  /** ZeRO-1 (P_os): 2 + 2 + 12/g bytes. */
  ZERO1("1"),
  /** ZeRO-2 (P_os+g): 2 + 14/g bytes. */
  ZERO2("2"),
  /** ZeRO-3 (P_os+g+p): 16/g bytes; 1.5x the data-parallel traffic. */
  ZERO3("3");

  private final String text;

  Sharding(String text) {
    this.text = text;
  }

  /** The CLI spelling: 0, 1, 2, 3 or dist-opt. */
  public String text() {
    return text;
  }

  /** Model-state bytes per parameter sharded over {@code g} ranks. */
  public double bytesPerParam(double g) {
    return switch (this) {
      case NONE -> 18;
      case DIST_OPT -> 6 + 12 / g;
      case ZERO1 -> 4 + 12 / g;
      case ZERO2 -> 2 + 14 / g;
      case ZERO3 -> 16 / g;
    };
  }

  /** Data-parallel traffic relative to a gradient all-reduce. */
  public double trafficFactor() {
    return this == ZERO3 ? 1.5 : 1.0;
  }

  public static java.util.Optional<Sharding> parse(String s) {
    for (Sharding z : values()) {
      if (z.text.equalsIgnoreCase(s.strip()) || z.name().equalsIgnoreCase(s.strip().replace('-', '_'))) {
        return java.util.Optional.of(z);
      }
    }
    return java.util.Optional.empty();
  }
}
