package chipmix.perfmodel;

import java.util.Optional;

/**
 * Which activations an FP8 run keeps for the backward pass in 8 bits (with {@code --precision fp8}; BF16 runs keep
 * BF16 activations whatever this says).
 */
public enum Fp8ActivationCache implements Keyword {
  /**
   * Transformer Engine's FP8 Linear saves the quantised copy of its input for the weight-gradient GEMM; every other
   * activation stays BF16, and the attention output is kept twice: BF16 by the attention kernel for its backward and
   * as the output projection's FP8 input copy.
   */
  GEMM_INPUTS("gemm-inputs"),
  /**
   * DeepSeek-V3 (arXiv 2412.19437 §3.3.3, "Low-Precision Activation"): besides the FP8 GEMM inputs, the input of the
   * MoE SwiGLU operator is cached in FP8 (its output recomputed), and the input of the Linear after attention, which
   * the attention backward also uses, is kept once in a 12-bit E5M6 format (1.5 bytes).
   */
  EXTENDED("extended");

  private final String text;

  Fp8ActivationCache(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  public static String choices() {
    return Keyword.choices(Fp8ActivationCache.class);
  }

  public static Optional<Fp8ActivationCache> parse(String s) {
    return Keyword.parse(Fp8ActivationCache.class, s);
  }
}
