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
  /** ZeRO-2 (P_os+g): 2 + (gb + 12)/g bytes. */
  ZERO2("2"),
  /** ZeRO-3 (P_os+g+p): (2 + gb + 12)/g bytes; its weights are gathered twice per step. */
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
    return switch (this) {
      case NONE -> 2 + gradBytes + 12;
      case DIST_OPT, ZERO1 -> 2 + gradBytes + 12 / g;
      case ZERO2 -> 2 + (gradBytes + 12) / g;
      case ZERO3 -> (2 + gradBytes + 12) / g;
    };
  }

  /**
   * Gradient-reduction bytes per parameter one data-parallel rank sends, as a multiple of (g−1)/g:
   * plain data parallel all-reduces the gradients (a reduce-scatter plus an all-gather, 2·gb); the
   * sharded forms only reduce-scatter them (gb).
   */
  public double reduceBytesPerParam(double gradBytes) {
    return this == NONE ? 2 * gradBytes : gradBytes;
  }

  /** Ring phases of the gradient reduction (each pays the ring latency once). */
  public int reducePhases() {
    return this == NONE ? 2 : 1;
  }

  /**
   * Weight-gather bytes per parameter, as a multiple of (g−1)/g: the sharded optimizers all-gather
   * the updated 16-bit weights (2); ZeRO-3 gathers them for forward and again for backward (4).
   */
  public double gatherBytesPerParam() {
    return switch (this) {
      case NONE -> 0;
      case DIST_OPT, ZERO1, ZERO2 -> 2;
      case ZERO3 -> 4;
    };
  }

  /** Ring phases of the weight gathers. */
  public int gatherPhases() {
    return switch (this) {
      case NONE -> 0;
      case DIST_OPT, ZERO1, ZERO2 -> 1;
      case ZERO3 -> 2;
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
