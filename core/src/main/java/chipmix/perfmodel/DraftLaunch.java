package chipmix.perfmodel;

import java.util.Optional;

/**
 * How a serving recipe launches the draft forwards of a speculative-decoding iteration
 * ({@code draft_launch} in {@code chipmix/serving/recipes.yaml}); it decides how many times the
 * draft pays the per-pass overhead ({@code forward_overhead_ms}), never its GPU work.
 *
 * <ul>
 *   <li>{@link #PER_FORWARD}: each draft forward is its own model call (vLLM's proposer loop; eager
 *       stacks): one overhead per forward.</li>
 *   <li>{@link #ONE_GRAPH}: the chained draft steps are captured and replayed as one graph and the
 *       draft extend over the accepted tokens as another (SGLang {@code EAGLEDraftCudaGraphRunner} and
 *       {@code EAGLEDraftExtendCudaGraphRunner}, and their Ascend subclasses): two overheads, one when
 *       there is no chained step; per forward again when the rank's batch is above the captured sizes.</li>
 *   <li>{@link #IN_TARGET}: the draft layers run inside the target model's own forward, in its graph
 *       (TensorRT-LLM PyTorch backend, one-model MTP/EAGLE3: the model's forward calls its
 *       {@code spec_worker}): no overhead of their own for MTP; a separate draft model still runs its
 *       own forwards, one call each.</li>
 *   <li>{@link #ONE_STEP}: the draft, the verification and the draft extend are one scheduler step with no host
 *       synchronisation between them (SGLang's spec v2 worker, {@code SGLANG_ENABLE_SPEC_V2=1}:
 *       {@code EAGLEWorkerV2.forward_batch_generation} replays the draft graph, runs the verification and replays the
 *       draft-extend graph in one call, keeps the accepted tokens on the device, and with
 *       {@code SGLANG_ENABLE_OVERLAP_PLAN_STREAM} prepares their metadata on a second stream; the overlap scheduler
 *       prepares the next step meanwhile): within the captured sizes the draft pays no per-pass overhead of its own;
 *       per forward again when the rank's batch is above them (eager).</li>
 * </ul>
 */
public enum DraftLaunch implements Keyword {
  PER_FORWARD("per-forward"), ONE_GRAPH("one-graph"), IN_TARGET("in-target"), ONE_STEP("one-step");

  private final String text;

  DraftLaunch(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  /** The mode named {@code text} ({@code per-forward}, {@code one-graph}, {@code in-target}, {@code one-step}); empty if none matches. */
  public static Optional<DraftLaunch> parse(String text) {
    return Keyword.parse(DraftLaunch.class, text);
  }

  /** The accepted names, comma-separated. */
  public static String choices() {
    return Keyword.choices(DraftLaunch.class);
  }
}
