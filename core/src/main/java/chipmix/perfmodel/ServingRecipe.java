package chipmix.perfmodel;

import java.util.Map;
import java.util.Objects;

/**
 * A serving framework's configuration as far as the per-step time model needs it (SGLang, vLLM,
 * TensorRT-LLM, MindIE; {@code chipmix/serving/recipes.yaml}, each setting cited there).
 *
 * @param chunkedPrefillTokens most prompt tokens one forward pass prefills
 * @param cudaGraphs decode runs as captured CUDA/ACL graphs
 * @param cudaGraphMaxBatch largest decode batch per device that is captured; larger ones run eagerly
 * @param fp8Attention decode attention on an FP8 KV cache at the FP8 rate (FlashMLA-FP8, FA3 FP8)
 * @param moeOverlap how the expert all-to-all hides behind computation: not at all, two micro-batches, or within one batch
 * @param eplb expert-parallel load balancing on (the model assumes uniform routing either way, and says so)
 * @param overlapSchedule CPU scheduling overlaps the previous GPU step
 * @param dpAttention MLA models run attention data-parallel (tp 1 per attention group) by default
 * @param gqaSharedKvReads the decode attention kernel reads each KV head once for its query-head group (GQA-aware);
 *     false: once per query head, as masked multi-head attention kernels did before GQA-specific kernels
 * @param draftLaunch speculative decoding: how the draft forwards of an iteration are launched (each its own call, the
 *     chained steps as one graph, or inside the target's forward), which sets how often the draft pays the per-pass overhead
 * @param sources the citation of each setting, by YAML key
 * @param prefillGraph prefill too runs as one captured/whole-model graph (MindIE's ATB prefill graph), so a prefill pass
 *     pays the per-layer overhead with graphs; false: prefill runs eagerly (SGLang, vLLM capture decode only)
 * @param uncapturedLaunchShare share of an eager layer's operator launches that a captured decode step still launches
 *     outside its graph: 0 for whole-step graphs; above 0 for piecewise graphs split at the attention operator
 *     (vLLM-Ascend v0.9.1 ACLGraph), which pay that share of the eager-minus-graph per-layer overhead
 * @param prefillFullMask the prefill attention operator computes every tile of the prompt's score matrix under an
 *     explicit mask instead of skipping the tiles a causal mask zeroes (torch_npu {@code _npu_flash_attention}, ATB
 *     SelfAttention with {@code isTriuMask = 0}, as vLLM-Ascend v0.9.1 calls it): twice the causal FLOPs; false: the
 *     causal half only (FlashAttention's causal flag, and every recipe before the setting)
 */
public record ServingRecipe(String id, String name, int chunkedPrefillTokens, boolean cudaGraphs, int cudaGraphMaxBatch,
    boolean fp8Attention, MoeOverlap moeOverlap, boolean eplb, boolean overlapSchedule, boolean dpAttention,
    boolean gqaSharedKvReads, DraftLaunch draftLaunch, Map<String, String> sources, boolean prefillGraph,
    double uncapturedLaunchShare, boolean prefillFullMask) {
  /** A recipe whose graphs cover the whole decode step and whose prefill runs eagerly (the settings' defaults). */
  public ServingRecipe(String id, String name, int chunkedPrefillTokens, boolean cudaGraphs, int cudaGraphMaxBatch,
      boolean fp8Attention, MoeOverlap moeOverlap, boolean eplb, boolean overlapSchedule, boolean dpAttention,
      boolean gqaSharedKvReads, DraftLaunch draftLaunch, Map<String, String> sources) {
    this(id, name, chunkedPrefillTokens, cudaGraphs, cudaGraphMaxBatch, fp8Attention, moeOverlap, eplb, overlapSchedule,
        dpAttention, gqaSharedKvReads, draftLaunch, sources, false, 0);
  }

  /** A recipe whose prefill attention skips the causally masked tiles (the setting's default). */
  public ServingRecipe(String id, String name, int chunkedPrefillTokens, boolean cudaGraphs, int cudaGraphMaxBatch,
      boolean fp8Attention, MoeOverlap moeOverlap, boolean eplb, boolean overlapSchedule, boolean dpAttention,
      boolean gqaSharedKvReads, DraftLaunch draftLaunch, Map<String, String> sources, boolean prefillGraph,
      double uncapturedLaunchShare) {
    this(id, name, chunkedPrefillTokens, cudaGraphs, cudaGraphMaxBatch, fp8Attention, moeOverlap, eplb, overlapSchedule,
        dpAttention, gqaSharedKvReads, draftLaunch, sources, prefillGraph, uncapturedLaunchShare, false);
  }

  public ServingRecipe {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(moeOverlap, "moeOverlap");
    Objects.requireNonNull(draftLaunch, "draftLaunch");
    sources = Map.copyOf(sources);
    if (chunkedPrefillTokens < 1) {
      throw new IllegalArgumentException("chunked_prefill_tokens must be at least 1, got " + chunkedPrefillTokens);
    }
    if (!(uncapturedLaunchShare >= 0 && uncapturedLaunchShare <= 1)) {
      throw new IllegalArgumentException("piecewise_uncaptured_share must be in [0, 1], got " + uncapturedLaunchShare);
    }
    if (uncapturedLaunchShare > 0 && !cudaGraphs) {
      throw new IllegalArgumentException("piecewise_uncaptured_share " + uncapturedLaunchShare + " needs cuda_graphs: true (it is"
          + " the share of a captured step launched outside its graphs; without graphs every launch is eager)");
    }
    if (cudaGraphMaxBatch < 0) {
      throw new IllegalArgumentException("cuda_graph_max_batch must not be negative, got " + cudaGraphMaxBatch);
    }
  }

  /** True when a decode step with {@code seqsPerDevice} sequences on a device replays a captured graph. */
  public boolean graphCaptured(double seqsPerDevice) {
    return cudaGraphs && seqsPerDevice <= cudaGraphMaxBatch;
  }

  /** True when the recipe splits a batch into two micro-batches to hide the all-to-all. */
  public boolean twoBatchOverlap() {
    return moeOverlap == MoeOverlap.TWO_BATCH;
  }

  /** True when the all-to-all hides behind computation at all (two-batch or single-batch overlap). */
  public boolean hidesAllToAll() {
    return moeOverlap != MoeOverlap.NONE;
  }

  /** One line: what this recipe sets. */
  public String describe() {
    return name + ": chunked prefill " + chunkedPrefillTokens + " tokens, "
        + (cudaGraphs ? "graphs up to batch " + cudaGraphMaxBatch + " per device" : "no graph capture")
        + (fp8Attention ? ", FP8 attention" : "") + (moeOverlap == MoeOverlap.NONE ? "" : ", " + moeOverlap.text() + " overlap")
        + (eplb ? ", EPLB" : "") + (overlapSchedule ? ", overlap scheduling" : "") + (dpAttention ? ", DP attention" : "")
        + (gqaSharedKvReads ? "" : ", KV read once per query head (no GQA-aware decode kernel)")
        + (uncapturedLaunchShare > 0 ? ", piecewise graphs (attention launched outside them)" : "")
        + (prefillGraph ? ", prefill as a graph" : "")
        + (prefillFullMask ? ", prefill attention over the full masked square (no causal skip)" : "");
  }
}
