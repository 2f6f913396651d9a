package chipmix.perfmodel;

import java.util.Optional;

/**
 * How a framework overlaps its tensor-parallel collectives with the GEMMs when {@code tp_comm_overlap} is on. The two
 * implementations hide different collectives behind different GEMMs, so they cost differently.
 */
public enum TpOverlap implements Keyword {
  /**
   * Transformer Engine userbuffers (Megatron {@code --tp-comm-overlap}): ring-exchange or pipelined all-gather + GEMM and
   * GEMM + reduce-scatter in the forward, and in the backward bulk overlaps of the input all-gather and the dgrad
   * reduce-scatter with the dgrad and wgrad GEMMs; every collective of a layer can hide behind the layer's GEMMs.
   */
  USERBUFFERS("userbuffers"),
  /**
   * PyTorch async TP (Inductor's {@code micro_pipeline_tp} pass with symmetric memory, as TorchTitan enables it): an
   * all-gather is fused only with the matmuls that take its result as their left operand, and a reduce-scatter only with a
   * matmul whose single use it is; each fused matmul is decomposed into one chunk per tensor-parallel rank. A collective
   * hides only behind its own matmul, and the backward reduce-scatter of a sum of matmuls (the input gradient of a
   * layer with several column-parallel projections) is not fused at all.
   */
  MICRO_PIPELINE("micro-pipeline");

  private final String text;

  TpOverlap(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  public static Optional<TpOverlap> parse(String s) {
    return Keyword.parse(TpOverlap.class, s);
  }

  public static String choices() {
    return Keyword.choices(TpOverlap.class);
  }
}
