package chipmix.perfmodel;

/**
 * How model states are sharded over the data-parallel group (ZeRO, Rajbhandari et al. 2020
 * §3.1; Megatron distributed optimizer). Bytes per parameter with {@code g} data-parallel ranks
 * and a gradient buffer of {@code gb} bytes per element ({@link GradientPrecision}): 16-bit
 * weights 2, gradients gb, FP32 master weights and Adam moments 12.
 */
public enum Sharding {
  /** Plain data parallel: 2 + gb + 12 bytes (18 with Megatron's FP32 gradients for BF16). */
  NONE("0"),
  /** Megatron distributed optimizer: 2 + gb + 12/g bytes (the FP32 states sharded, the gradient buffer whole). */
  DIST_OPT("dist-opt"),
  /** ZeRO-1 (P_os): 2 + gb + 12/g bytes. */
  ZERO1("1"),
  /** ZeRO-2 (P_os+g): 2 + (gb + 12)/g bytes; gradients are reduce-scattered after every micro-batch's backward. */
  ZERO2("2"),
  /** ZeRO-3 (P_os+g+p): (2 + gb + 12)/g bytes; its weights are gathered for every micro-batch's forward and backward. */
  ZERO3("3");

  private final String text;

  Sharding(String text) {
    this.text = text;
  }

  /** The CLI spelling: 0, 1, 2, 3 or dist-opt. */
  public String text() {
    return text;
  }

  /** Model-state bytes per parameter sharded over {@code g} ranks, with gradients of {@code gradBytes} per element. */
  public double bytesPerParam(double g, double gradBytes) {
    return bytesPerParam(g, gradBytes, MomentPrecision.FP32.optimizerBytesPerParam());
  }

  /**
   * The same with {@code optBytes} optimizer bytes per parameter (FP32 master weights and the Adam moments: 12 with
   * FP32 moments, 8 with BF16 ones, {@link MomentPrecision#optimizerBytesPerParam}).
   */
  public double bytesPerParam(double g, double gradBytes, double optBytes) {
    return switch (this) {
      case NONE -> 2 + gradBytes + optBytes;
      case DIST_OPT, ZERO1 -> 2 + gradBytes + optBytes / g;
      case ZERO2 -> 2 + (gradBytes + optBytes) / g;
      case ZERO3 -> (2 + gradBytes + optBytes) / g;
    };
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
