package chipmix.perfmodel;

/** Activation recomputation (Korthikanti et al. 2022). */
public enum Recompute {
  /** Keep every activation. */
  NONE,
  /** Recompute the attention score/softmax part only (drops the 5·a·s/h term). */
  SELECTIVE,
  /** Keep only each layer's input and recompute the whole forward pass in backward. */
  FULL
}
