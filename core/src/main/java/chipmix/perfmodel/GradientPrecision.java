package chipmix.perfmodel;

import java.util.Optional;

/**
 * Element precision of the gradient buffer that micro-batch gradients accumulate in and that the
 * data-parallel reduction sends. Megatron-LM forces FP32 for BF16 training ("bfloat16 requires
 * gradient accumulation and all-reduce to be done in fp32", megatron/training/arguments.py) unless
 * {@code --grad-reduce-in-bf16}; FP16 mixed precision ({@code --fp16}) keeps FP16 gradients; the
 * ZeRO paper's mixed-precision accounting (Rajbhandari et al. 2020 §3.1) assumes FP16 gradients.
 */
public enum GradientPrecision implements Keyword {
  FP32("fp32", 4),
  BF16("bf16", 2),
  FP16("fp16", 2);

  private final String text;
  private final int bytes;

  GradientPrecision(String text, int bytes) {
    this.text = text;
    this.bytes = bytes;
  }

  /** The CLI and file spelling. */
  @Override
  public String text() {
    return text;
  }

  public int bytes() {
    return bytes;
  }

  /** Every spelling, for messages. */
  public static String choices() {
    return Keyword.choices(GradientPrecision.class);
  }

  /** The precision spelled {@code s} (any case); empty for anything else, null included. */
  public static Optional<GradientPrecision> parse(String s) {
    return Keyword.parse(GradientPrecision.class, s);
  }
}
