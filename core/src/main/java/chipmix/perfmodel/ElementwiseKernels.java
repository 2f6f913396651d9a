package chipmix.perfmodel;

import java.util.Optional;

/**
 * How the element-wise work of a transformer layer (norms, residual adds, rotary embedding, activation function) runs:
 * in fused kernels, or op by op as the framework's model code issues it in PyTorch eager mode, each op reading its
 * inputs from HBM and writing its output there.
 */
public enum ElementwiseKernels implements Keyword {
  /**
   * Fused kernels (Megatron-Core with Transformer Engine and Apex fusions, TorchTitan under torch.compile): 22·h bytes
   * per token per layer of norms, residuals and the like, plus the activation function's input and output.
   */
  FUSED("fused"),
  /**
   * PyTorch eager mode without torch.compile, costed op by op from TorchTitan's Llama code
   * ({@code torchtitan/models/llama/model.py}, {@code torchtitan/models/norms.py} RMSNorm): an FP32 RMSNorm of five
   * ops, the rotary embedding through FP32 complex numbers, the key/value head repeat, the attention output copy,
   * SwiGLU as two ops, two residual adds and the FP32 cast and log-softmax of the loss.
   */
  EAGER("eager"),
  /**
   * Eager mode with TorchTitan's Triton RMSNorm ({@code norm_type = "fused_rmsnorm"}): as {@link #EAGER}, but each norm
   * reads its input and writes its output once.
   */
  EAGER_FUSED_NORM("eager-fused-norm");

  private final String text;

  ElementwiseKernels(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  public boolean eager() {
    return this != FUSED;
  }

  public static String choices() {
    return Keyword.choices(ElementwiseKernels.class);
  }

  public static Optional<ElementwiseKernels> parse(String s) {
    return Keyword.parse(ElementwiseKernels.class, s);
  }
}
