package chipmix.perfmodel;

import java.util.Optional;

/**
 * How a serving recipe hides the expert all-to-all behind computation ({@code moe_overlap} in
 * {@code chipmix/serving/recipes.yaml}).
 *
 * <ul>
 *   <li>{@link #NONE}: dispatch and combine run between the layer's kernels and add to the pass.</li>
 *   <li>{@link #TWO_BATCH}: the batch is split into two micro-batches that run every operation of
 *       a layer on their own tokens, one communicating while the other computes (SGLang
 *       {@code two_batch_overlap.py}; DeepSeek's inference system): each micro-batch streams the
 *       layer's weights and pays each kernel's and each dispatch's and combine's fixed latency on its
 *       own; in decode the all-to-all hides behind the stages SGLang's decode schedule runs while it
 *       is in flight (the rest adds), in prefill it hides whole.</li>
 *   <li>{@link #SINGLE_BATCH}: one batch whose combine overlaps the down GEMM and whose dispatch
 *       overlaps the shared experts (SGLang single-batch overlap, as Ant Group serves on H20): the
 *       all-to-all hides, as far as those GEMMs last, without splitting the batch.</li>
 * </ul>
 */
public enum MoeOverlap implements Keyword {
  NONE("none"), TWO_BATCH("two-batch"), SINGLE_BATCH("single-batch");

  private final String text;

  MoeOverlap(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  /** The mode named {@code text} ({@code none}, {@code two-batch}, {@code single-batch}); empty if none matches. */
  public static Optional<MoeOverlap> parse(String text) {
    return Keyword.parse(MoeOverlap.class, text);
  }

  /** The accepted names, comma-separated. */
  public static String choices() {
    return Keyword.choices(MoeOverlap.class);
  }
}
