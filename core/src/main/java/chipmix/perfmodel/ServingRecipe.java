package chipmix.perfmodel;

import java.util.Map;
import java.util.Objects;

/**
 * A serving framework's configuration as far as the per-step time model needs it (SGLang, vLLM,
 * TensorRT-LLM, MindIE; {@code chipmix/serving/recipes.yaml}, each setting cited there), its settings grouped by what
 * they describe. Each group checks its own settings; the error messages name the YAML keys.
 *
 * @param prefill how prompts are prefilled: chunk size and the attention mask
 * @param graphs which forward passes run as captured graphs, up to which batch, and what still launches outside them
 * @param attention the attention kernels: FP8, GQA-aware KV reads, data-parallel attention
 * @param scheduling the host's scheduling: overlapped with the device, or paid per sequence on every step
 * @param moe how the expert all-to-all hides behind computation, and expert load balancing
 * @param draftLaunch speculative decoding: how the draft forwards of an iteration are launched (each its own call, the
 *     chained steps as one graph, or inside the target's forward), which sets how often the draft pays the per-pass overhead
 * @param sources the citation of each setting, by YAML key
 */
public record ServingRecipe(String id, String name, Prefill prefill, GraphCapture graphs, Attention attention,
    Scheduling scheduling, Moe moe, DraftLaunch draftLaunch, Map<String, String> sources) {

  public ServingRecipe {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefill, "prefill");
    Objects.requireNonNull(graphs, "graphs");
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(scheduling, "scheduling");
    Objects.requireNonNull(moe, "moe");
    Objects.requireNonNull(draftLaunch, "draftLaunch");
    sources = Map.copyOf(sources);
  }

  /**
   * How prompts are prefilled.
   *
   * @param chunkTokens most prompt tokens one forward pass prefills ({@code chunked_prefill_tokens})
   * @param fullMask the prefill attention operator computes every tile of the prompt's score matrix under an
   *     explicit mask instead of skipping the tiles a causal mask zeroes (torch_npu {@code _npu_flash_attention}, ATB
   *     SelfAttention with {@code isTriuMask = 0}, as vLLM-Ascend v0.9.1 calls it): twice the causal FLOPs; false: the
   *     causal half only (FlashAttention's causal flag, and every recipe before the setting) ({@code prefill_full_mask})
   */
  public record Prefill(int chunkTokens, boolean fullMask) {
    public Prefill {
      if (chunkTokens < 1) {
        throw new IllegalArgumentException("chunked_prefill_tokens must be at least 1, got " + chunkTokens);
      }
    }
  }

  /**
   * Graph capture (CUDA graphs, ACL graphs, MindIE's ATB graphs).
   *
   * @param decode decode runs as captured CUDA/ACL graphs ({@code cuda_graphs})
   * @param maxBatch largest decode batch per device that is captured; larger ones run eagerly ({@code cuda_graph_max_batch})
   * @param prefill prefill too runs as one captured/whole-model graph (MindIE's ATB prefill graph), so a prefill pass
   *     pays the per-layer overhead with graphs; false: prefill runs eagerly (SGLang, vLLM capture decode only)
   *     ({@code prefill_graph})
   * @param uncapturedLaunchShare share of an eager layer's operator launches that a captured decode step still launches
   *     outside its graph: 0 for whole-step graphs; above 0 for piecewise graphs split at the attention operator
   *     (vLLM-Ascend v0.9.1 ACLGraph), which pay that share of the eager-minus-graph per-layer overhead
   *     ({@code piecewise_uncaptured_share})
   */
  public record GraphCapture(boolean decode, int maxBatch, boolean prefill, double uncapturedLaunchShare) {
    public GraphCapture {
      if (!(uncapturedLaunchShare >= 0 && uncapturedLaunchShare <= 1)) {
        throw new IllegalArgumentException("piecewise_uncaptured_share must be in [0, 1], got " + uncapturedLaunchShare);
      }
      if (uncapturedLaunchShare > 0 && !decode) {
        throw new IllegalArgumentException("piecewise_uncaptured_share " + uncapturedLaunchShare + " needs cuda_graphs: true"
            + " (it is the share of a captured step launched outside its graphs; without graphs every launch is eager)");
      }
      if (maxBatch < 0) {
        throw new IllegalArgumentException("cuda_graph_max_batch must not be negative, got " + maxBatch);
      }
    }

    /** True when a decode step with {@code seqsPerDevice} sequences on a device replays a captured graph. */
    public boolean captures(double seqsPerDevice) {
      return decode && seqsPerDevice <= maxBatch;
    }
  }

  /**
   * The attention kernels.
   *
   * @param fp8 decode attention on an FP8 KV cache at the FP8 rate (FlashMLA-FP8, FA3 FP8) ({@code fp8_attention})
   * @param gqaSharedKvReads the decode attention kernel reads each KV head once for its query-head group (GQA-aware);
   *     false: once per query head, as masked multi-head attention kernels did before GQA-specific kernels
   *     ({@code gqa_shared_kv_reads})
   * @param dataParallel MLA models run attention data-parallel (tp 1 per attention group) by default ({@code dp_attention})
   */
  public record Attention(boolean fp8, boolean gqaSharedKvReads, boolean dataParallel) {}

  /**
   * The host's scheduling of each forward pass.
   *
   * @param overlap CPU scheduling overlaps the previous GPU step ({@code overlap_schedule})
   * @param hostUsPerSequence host time per sequence of a forward pass that the stack does not overlap with the device
   *     (scheduling, input preparation and output processing loop over every request of the step): 0 for a stack whose
   *     scheduler overlaps the previous step (then it must be, see {@code overlap}); vLLM V1 without
   *     {@code --async-scheduling} pays it on every step ({@code host_us_per_sequence})
   */
  public record Scheduling(boolean overlap, double hostUsPerSequence) {
    public Scheduling {
      if (!(hostUsPerSequence >= 0 && Double.isFinite(hostUsPerSequence))) {
        throw new IllegalArgumentException("host_us_per_sequence must be a number of microseconds, 0 or more, got "
            + hostUsPerSequence);
      }
      if (hostUsPerSequence > 0 && overlap) {
        throw new IllegalArgumentException("host_us_per_sequence " + hostUsPerSequence + " needs overlap_schedule: false (a"
            + " scheduler that overlaps the previous step hides its host work)");
      }
    }
  }

  /**
   * Mixture-of-experts serving.
   *
   * @param overlap how the expert all-to-all hides behind computation: not at all, two micro-batches, or within one batch
   *     ({@code moe_overlap})
   * @param eplb expert-parallel load balancing on (the model assumes uniform routing either way, and says so) ({@code eplb})
   */
  public record Moe(MoeOverlap overlap, boolean eplb) {
    public Moe {
      Objects.requireNonNull(overlap, "moeOverlap");
    }
  }

  /** True when a decode step with {@code seqsPerDevice} sequences on a device replays a captured graph. */
  public boolean graphCaptured(double seqsPerDevice) {
    return graphs.captures(seqsPerDevice);
  }

  /** True when the recipe splits a batch into two micro-batches to hide the all-to-all. */
  public boolean twoBatchOverlap() {
    return moe.overlap() == MoeOverlap.TWO_BATCH;
  }

  /** True when the all-to-all hides behind computation at all (two-batch or single-batch overlap). */
  public boolean hidesAllToAll() {
    return moe.overlap() != MoeOverlap.NONE;
  }

  /** One line: what this recipe sets. */
  public String describe() {
    return name + ": chunked prefill " + prefill.chunkTokens() + " tokens, "
        + (graphs.decode() ? "graphs up to batch " + graphs.maxBatch() + " per device" : "no graph capture")
        + (attention.fp8() ? ", FP8 attention" : "")
        + (moe.overlap() == MoeOverlap.NONE ? "" : ", " + moe.overlap().text() + " overlap")
        + (moe.eplb() ? ", EPLB" : "") + (scheduling.overlap() ? ", overlap scheduling" : "")
        + (attention.dataParallel() ? ", DP attention" : "")
        + (attention.gqaSharedKvReads() ? "" : ", KV read once per query head (no GQA-aware decode kernel)")
        + (graphs.uncapturedLaunchShare() > 0 ? ", piecewise graphs (attention launched outside them)" : "")
        + (graphs.prefill() ? ", prefill as a graph" : "")
        + (prefill.fullMask() ? ", prefill attention over the full masked square (no causal skip)" : "")
        + (scheduling.hostUsPerSequence() > 0
            ? ", host " + String.format(java.util.Locale.ROOT, "%.3g", scheduling.hostUsPerSequence())
                + " us per sequence per step"
            : "");
  }
}
