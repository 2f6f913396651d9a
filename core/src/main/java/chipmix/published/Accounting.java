package chipmix.published;

import chipmix.model.TransformerModel;

/** The FLOP accounting a source uses when it reports TFLOP/s, so predictions are compared like with like. */
public enum Accounting {
  /**
   * Narayanan et al. SC'21 Eq. 3: F = 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)) per iteration; includes
   * the recomputed forward pass.
   */
  MEGATRON_EQ3,
  /**
   * Megatron model FLOPs (Korthikanti App. A; Megatron-LM training.py for a 4h, MHA GPT):
   * 72·B·s·l·h²·(1 + s/(6h) + V/(12·l·h)) per iteration; no recompute.
   */
  MEGATRON_MODEL,
  /** PaLM App. B: (6N + 12·L·H·Q·T) per token. */
  PALM;

  /** FLOPs per iteration of {@code batch} sequences of {@code seq} tokens. */
  public double flopsPerIteration(TransformerModel m, long batch, int seq) {
    double b = batch;
    double l = m.layers();
    double h = m.hidden();
    double v = m.vocab();
    return switch (this) {
      case MEGATRON_EQ3 -> 96 * b * seq * l * h * h * (1 + seq / (6 * h) + v / (16 * l * h));
      case MEGATRON_MODEL -> 72 * b * seq * l * h * h * (1 + seq / (6 * h) + v / (12 * l * h));
      case PALM -> m.modelFlopsPerToken(seq) * b * seq;
    };
  }
}
