package chipmix.perfmodel;

import java.util.Optional;

/**
 * Element precision of the two Adam moments the optimizer keeps per parameter (the FP32 master weights stay FP32).
 * Megatron-Core's precision-aware optimizer (OptimizerConfig {@code use_precision_aware_optimizer} with
 * {@code exp_avg_dtype} / {@code exp_avg_sq_dtype}, default torch.float32) and DeepSeek-V3 (arXiv 2412.19437 §3.3.3,
 * "Low-Precision Optimizer States": BF16 moments, FP32 master weights and gradients) offer BF16.
 */
public enum MomentPrecision implements Keyword {
  FP32("fp32", 4),
  BF16("bf16", 2);

  private final String text;
  private final double bytes;

  MomentPrecision(String text, double bytes) {
    this.text = text;
    this.bytes = bytes;
  }

  @Override
  public String text() {
    return text;
  }

  /** Bytes per element of one moment. */
  public double bytes() {
    return bytes;
  }

  /** Optimizer-state bytes per parameter: the FP32 master weight (4) and the two moments. */
  public double optimizerBytesPerParam() {
    return 4 + 2 * bytes;
  }

  public static String choices() {
    return Keyword.choices(MomentPrecision.class);
  }

  public static Optional<MomentPrecision> parse(String s) {
    return Keyword.parse(MomentPrecision.class, s);
  }
}
