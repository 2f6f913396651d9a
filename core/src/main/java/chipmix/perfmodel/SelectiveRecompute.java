package chipmix.perfmodel;

import java.util.Optional;

/** What a framework's selective activation recompute repeats in the backward when the attention kernel is fused. */
public enum SelectiveRecompute implements Keyword {
  /**
   * Named modules: Megatron-Core TransformerConfig.recompute_modules {@code layernorm} (input_layernorm and
   * pre_mlp_layernorm), {@code mla_up_proj}, {@code moe_act} (output-discarding checkpoints), as DeepSeek-V3 §3.3.3
   * recomputes RMSNorm, the MLA up-projections and SwiGLU.
   */
  MODULES("modules"),
  /**
   * TorchTitan's selective op activation checkpointing (torchtitan activation_checkpoint.py, selective_ac_option "op"):
   * the outputs of matmuls, SDPA and reduce-scatters are saved "except every second mm"; every other op is recomputed.
   * The backward repeats half of each layer's forward matmuls and all of its element-wise work, not the attention.
   */
  EVERY_OTHER_MM("every-other-mm");

  private final String text;

  SelectiveRecompute(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  public static String choices() {
    return Keyword.choices(SelectiveRecompute.class);
  }

  public static Optional<SelectiveRecompute> parse(String s) {
    return Keyword.parse(SelectiveRecompute.class, s);
  }
}
