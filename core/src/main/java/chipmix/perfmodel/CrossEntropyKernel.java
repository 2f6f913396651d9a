package chipmix.perfmodel;

import java.util.Optional;

/**
 * How the loss (softmax cross-entropy over the vocabulary, sharded over the tensor-parallel ranks) runs, with fused
 * element-wise kernels; in eager element-wise mode the loss is costed with the rest of the eager work
 * ({@link ElementwiseKernels#EAGER}). Its HBM traffic is per token and local vocabulary entry, so it matters for
 * small models with large vocabularies and on chips with a high FLOP-to-byte ratio (docs/training-model.md,
 * "Calibration").
 */
public enum CrossEntropyKernel implements Keyword {
  /**
   * Megatron's vocab-parallel cross-entropy without loss fusion (Megatron-Core
   * {@code tensor_parallel/cross_entropy.py} VocabParallelCrossEntropy; {@code cross_entropy_loss_fusion} off by
   * default in {@code model_parallel_config.py}): PyTorch ops one HBM round trip each on the local logits, per entry
   * the FP32 cast (reads 2, writes 4), the max (reads 4), the in-place subtraction of the max (4 + 4), {@code exp}
   * (4 + 4), the sum (reads 4) and the in-place division by it (4 + 4), 38 bytes forward; backward the in-place
   * multiplication by the output gradient (4 + 4) and the cast of the gradient back to BF16 (4 + 2), 14 bytes.
   */
  FP32_UNFUSED("fp32-unfused", 6 + 4 + 8 + 8 + 4 + 8 + 8 + 6),
  /**
   * A fused cross-entropy kernel (Megatron-Core {@code cross_entropy_loss_fusion} with Transformer Engine's
   * implementation, as Megatron-Bridge's model providers set it): counted as the least any such kernel moves, the
   * BF16 logits read once and their BF16 gradient written once, 4 bytes per entry.
   */
  FUSED("fused", 2 + 2),
  /**
   * The loss follows the element-wise setting: with eager element-wise ops TorchTitan's eager loss
   * ({@code ElementwiseKernels.EAGER}), with fused ones not costed (the TorchTitan recipe, unchanged by train9).
   */
  ELEMENTWISE("elementwise", 0);

  private final String text;
  private final double bytesPerEntry;

  CrossEntropyKernel(String text, double bytesPerEntry) {
    this.text = text;
    this.bytesPerEntry = bytesPerEntry;
  }

  @Override
  public String text() {
    return text;
  }

  /** HBM bytes per token and local vocabulary entry, forward and backward together, with fused element-wise kernels. */
  public double bytesPerEntry() {
    return bytesPerEntry;
  }

  public static String choices() {
    return Keyword.choices(CrossEntropyKernel.class);
  }

  public static Optional<CrossEntropyKernel> parse(String s) {
    return Keyword.parse(CrossEntropyKernel.class, s);
  }
}
