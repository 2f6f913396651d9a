package chipmix.perfmodel;

import java.util.Optional;

/**
 * FP8 scaling recipe a framework uses with FP8 GEMMs (Transformer Engine DelayedScaling, current
 * (per-tensor dynamic) scaling, DeepSeek-V3-style 1x128/128x128 blockwise scaling, MXFP8 32-element
 * blocks on Blackwell). Reported with every FP8 estimate; its scaling overhead is not modelled.
 */
public enum Fp8Recipe implements Keyword {
  DELAYED("delayed"),
  CURRENT("current"),
  BLOCKWISE("blockwise"),
  MXFP8("mxfp8");

  private final String text;

  Fp8Recipe(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  public static Optional<Fp8Recipe> parse(String s) {
    return Keyword.parse(Fp8Recipe.class, s);
  }
}
