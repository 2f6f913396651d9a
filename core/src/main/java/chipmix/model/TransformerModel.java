package chipmix.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a decoder-only transformer: what the performance models need to count
 * parameters, FLOPs, activation and KV-cache bytes. Dense (MHA, GQA, MQA; gated or plain FFN)
 * and mixture-of-experts, with multi-head latent attention (MLA) as an option.
 *
 * <p>Conventions: no bias terms (Llama-style; Megatron GPT biases are below 0.1% of
 * parameters); two norms per layer plus a final norm, each {@code hidden} parameters; the input
 * embedding is a lookup (no FLOPs), the output projection a matmul ({@code 2·vocab·hidden}
 * FLOPs per token forward), tied or not.
 *
 * @param headDim per-head dimension of queries, keys and values (MHA/GQA/MQA); ignored by MLA
 * @param ffnHidden FFN inner width of dense layers
 * @param source where the shape is published (paper, config file), or the file it came from
 */
public record TransformerModel(
    String name,
    int layers,
    int hidden,
    int heads,
    int kvHeads,
    int headDim,
    int ffnHidden,
    int vocab,
    boolean gatedFfn,
    boolean tiedEmbeddings,
    Optional<Moe> moe,
    Optional<Mla> mla,
    String source) {

  /** Upper bounds that reject absurd shapes before any arithmetic (10x the largest published). */
  public static final int MAX_LAYERS = 2_000;
  public static final int MAX_WIDTH = 1_000_000;
  public static final int MAX_VOCAB = 10_000_000;

  public TransformerModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(moe, "moe");
    Objects.requireNonNull(mla, "mla");
    Objects.requireNonNull(source, "source");
    List<String> problems = problems(layers, hidden, heads, kvHeads, headDim, ffnHidden, vocab, moe);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("model '" + name + "': " + String.join("; ", problems)
          + "\nMaybe validate user input with ModelLoader, which reports these with paths.");
    }
  }

  /** A dense model with {@code headDim = hidden / heads}. */
  public static TransformerModel dense(String name, int layers, int hidden, int heads, int kvHeads,
      int ffnHidden, int vocab, boolean gatedFfn, boolean tiedEmbeddings, String source) {
    return new TransformerModel(name, layers, hidden, heads, kvHeads, hidden / Math.max(1, heads), ffnHidden,
        vocab, gatedFfn, tiedEmbeddings, Optional.empty(), Optional.empty(), source);
  }

  /** Every shape problem, as "field ..." sentences; empty when valid. Used by loaders and the constructor. */
  public static List<String> problems(int layers, int hidden, int heads, int kvHeads, int headDim,
      int ffnHidden, int vocab, Optional<Moe> moe) {
    List<String> p = new ArrayList<>();
    range(p, "layers", layers, MAX_LAYERS);
    range(p, "hidden", hidden, MAX_WIDTH);
    range(p, "heads", heads, MAX_WIDTH);
    range(p, "kv_heads", kvHeads, MAX_WIDTH);
    range(p, "head_dim", headDim, MAX_WIDTH);
    range(p, "ffn_hidden", ffnHidden, MAX_WIDTH);
    range(p, "vocab", vocab, MAX_VOCAB);
    if (heads > 0 && kvHeads > 0 && (kvHeads > heads || heads % kvHeads != 0)) {
      p.add("kv_heads " + kvHeads + " must divide heads " + heads + " (1 = MQA, heads = MHA, else GQA)");
    }
    moe.ifPresent(m -> {
      if (m.denseLayers() >= layers && layers > 0) {
        p.add("moe.dense_layers " + m.denseLayers() + " must be less than layers " + layers);
      }
    });
    return p;
  }

  private static void range(List<String> p, String field, long v, long max) {
    if (v < 1 || v > max) {
      p.add(field + " must be between 1 and " + max + ", got " + v);
    }
  }

  // ---- attention shapes --------------------------------------------------------------

  /** Query/key dimension per head (MLA: nope + rope). */
  public int qkHeadDim() {
    return mla.map(m -> m.nopeHeadDim() + m.ropeHeadDim()).orElse(headDim);
  }

  /** Value dimension per head. */
  public int vHeadDim() {
    return mla.map(Mla::vHeadDim).orElse(headDim);
  }

  public AttentionKind attentionKind() {
    if (mla.isPresent()) {
      return AttentionKind.MLA;
    }
    if (kvHeads == heads) {
      return AttentionKind.MHA;
    }
    return kvHeads == 1 ? AttentionKind.MQA : AttentionKind.GQA;
  }

  public enum AttentionKind { MHA, GQA, MQA, MLA }

  // ---- parameters --------------------------------------------------------------------

  /** Attention projection parameters of one layer (Q, K, V, O and MLA low-rank parts with their norms). */
  public double attentionParams() {
    double h = hidden;
    if (mla.isPresent()) {
      Mla m = mla.get();
      double qk = m.nopeHeadDim() + m.ropeHeadDim();
      double q = m.qLoraRank() > 0
          ? h * m.qLoraRank() + m.qLoraRank() + (double) m.qLoraRank() * heads * qk
          : h * heads * qk;
      double kv = h * (m.kvLoraRank() + m.ropeHeadDim()) + m.kvLoraRank()
          + (double) m.kvLoraRank() * heads * (m.nopeHeadDim() + m.vHeadDim());
      double o = (double) heads * m.vHeadDim() * h;
      return q + kv + o;
    }
    return h * heads * headDim + 2.0 * h * kvHeads * headDim + (double) heads * headDim * h;
  }

  /** Parameters of one FFN of inner width {@code width}: 3·h·f gated, 2·h·f plain. */
  public double ffnParams(int width) {
    return (gatedFfn ? 3.0 : 2.0) * hidden * width;
  }

  /** Number of layers with a dense FFN (all of them for a dense model). */
  public int denseLayerCount() {
    return moe.map(Moe::denseLayers).orElse(layers);
  }

  public int moeLayerCount() {
    return layers - denseLayerCount();
  }

  /** All FFN parameters of one MoE layer: routed + shared experts + router. */
  public double moeLayerFfnParams() {
    Moe m = moe.orElseThrow(() -> new IllegalStateException("model '" + name + "' has no moe block"));
    return (m.experts() + m.sharedExperts()) * ffnParams(m.expertFfnHidden()) + (double) hidden * m.experts();
  }

  /** FFN parameters of one MoE layer used by one token: top-k + shared experts + router. */
  public double moeLayerActiveFfnParams() {
    Moe m = moe.orElseThrow(() -> new IllegalStateException("model '" + name + "' has no moe block"));
    return (m.topK() + m.sharedExperts()) * ffnParams(m.expertFfnHidden()) + (double) hidden * m.experts();
  }

  /** Parameters of one dense layer (attention + FFN + 2 norms). */
  public double denseLayerParams() {
    return attentionParams() + ffnParams(ffnHidden) + 2.0 * hidden;
  }

  /** Parameters of one MoE layer (attention + all experts + router + 2 norms); 0 for a dense model. */
  public double moeLayerParams() {
    return moe.isEmpty() ? 0 : attentionParams() + moeLayerFfnParams() + 2.0 * hidden;
  }

  /** Input embedding plus output projection (once when tied). */
  public double embeddingParams() {
    return (tiedEmbeddings ? 1.0 : 2.0) * vocab * hidden;
  }

  /** Every parameter: layers, embeddings, final norm. */
  public double totalParams() {
    return denseLayerCount() * denseLayerParams() + moeLayerCount() * moeLayerParams() + embeddingParams() + hidden;
  }

  /** Parameters a token passes through (MoE: top-k + shared experts), including embeddings. */
  public double activeParams() {
    double moeActive = moe.isEmpty() ? 0 : attentionParams() + moeLayerActiveFfnParams() + 2.0 * hidden;
    return denseLayerCount() * denseLayerParams() + moeLayerCount() * moeActive + embeddingParams() + hidden;
  }

  /** Parameters that take part in matmuls per token: active parameters without the input-embedding lookup and norms. */
  public double activeMatmulParams() {
    double moeActive = moe.isEmpty() ? 0 : attentionParams() + moeLayerActiveFfnParams();
    return denseLayerCount() * (attentionParams() + ffnParams(ffnHidden)) + moeLayerCount() * moeActive
        + (double) vocab * hidden;
  }

  // ---- FLOPs -------------------------------------------------------------------------

  /**
   * Attention score and context FLOPs of one layer per token, forward, at sequence length
   * {@code seq}: {@code 2·heads·(qk + v)·seq}, counted without the causal mask as PaLM's
   * {@code 12·L·H·Q·T} and Megatron's {@code s/6h} term do.
   */
  public double attentionScoreFlopsPerToken(int seq) {
    return 2.0 * heads * (qkHeadDim() + vHeadDim()) * seq;
  }

  /** Forward FLOPs per token: 2 per matmul parameter plus attention scores over all layers. */
  public double forwardFlopsPerToken(int seq) {
    return 2.0 * activeMatmulParams() + layers * attentionScoreFlopsPerToken(seq);
  }

  /**
   * Training model FLOPs per token, PaLM style: {@code 6·N_active + 3·attention forward}
   * (= 6N + 12·L·H·Q·T for MHA). N counts all active parameters, embeddings included, as PaLM does.
   */
  public double modelFlopsPerToken(int seq) {
    return 6.0 * activeParams() + 3.0 * layers * attentionScoreFlopsPerToken(seq);
  }

  // ---- KV cache ----------------------------------------------------------------------

  /**
   * KV-cache elements per token over all layers (DeepSeek-V2 Table 1): MHA/GQA/MQA
   * {@code 2·kv_heads·head_dim·l}; MLA {@code (kv_lora_rank + rope_head_dim)·l}.
   */
  public double kvCacheElementsPerToken() {
    if (mla.isPresent()) {
      return (double) (mla.get().kvLoraRank() + mla.get().ropeHeadDim()) * layers;
    }
    return 2.0 * kvHeads * headDim * layers;
  }

  /** KV-cache bytes per token at {@code bytesPerElement} (2 for BF16, 1 for FP8). */
  public double kvCacheBytesPerToken(double bytesPerElement) {
    if (!(bytesPerElement > 0)) {
      throw new IllegalArgumentException("bytesPerElement must be positive, got " + bytesPerElement);
    }
    return kvCacheElementsPerToken() * bytesPerElement;
  }

  /**
   * Mixture-of-experts block.
   *
   * @param experts routed experts per MoE layer
   * @param topK routed experts per token
   * @param sharedExperts always-active experts per MoE layer
   * @param expertFfnHidden FFN inner width of one expert
   * @param denseLayers leading layers with a dense FFN of {@code ffnHidden}
   * @param nodeLimit node-limited routing: each token is sent to experts on at most this many
   *     nodes (DeepSeek-V3 §2.1.2, M = 4); 0 = no limit
   */
  public record Moe(int experts, int topK, int sharedExperts, int expertFfnHidden, int denseLayers, int nodeLimit) {
    public Moe {
      List<String> p = problems(experts, topK, sharedExperts, expertFfnHidden, denseLayers, nodeLimit);
      if (!p.isEmpty()) {
        throw new IllegalArgumentException("moe: " + String.join("; ", p));
      }
    }

    /** Without node-limited routing. */
    public Moe(int experts, int topK, int sharedExperts, int expertFfnHidden, int denseLayers) {
      this(experts, topK, sharedExperts, expertFfnHidden, denseLayers, 0);
    }

    public static List<String> problems(int experts, int topK, int sharedExperts, int expertFfnHidden, int denseLayers,
        int nodeLimit) {
      List<String> p = new ArrayList<>();
      if (nodeLimit < 0 || nodeLimit > 100_000) {
        p.add("moe.node_limit must be between 0 (no limit) and 100000 nodes, got " + nodeLimit);
      }
      range(p, "moe.experts", experts, 100_000);
      range(p, "moe.top_k", topK, 100_000);
      range(p, "moe.expert_ffn_hidden", expertFfnHidden, MAX_WIDTH);
      if (sharedExperts < 0 || sharedExperts > 1000) {
        p.add("moe.shared_experts must be between 0 and 1000, got " + sharedExperts);
      }
      if (denseLayers < 0) {
        p.add("moe.dense_layers must not be negative, got " + denseLayers);
      }
      if (topK > experts && experts > 0) {
        p.add("moe.top_k " + topK + " must not exceed moe.experts " + experts);
      }
      return p;
    }
  }

  /**
   * Multi-head latent attention, as DeepSeek-V2/V3 publish it ({@code q_lora_rank},
   * {@code kv_lora_rank}, {@code qk_rope_head_dim}, {@code qk_nope_head_dim}, {@code v_head_dim}).
   *
   * @param qLoraRank query compression rank; 0 means queries are projected directly
   */
  public record Mla(int kvLoraRank, int qLoraRank, int ropeHeadDim, int nopeHeadDim, int vHeadDim) {
    public Mla {
      List<String> p = problems(kvLoraRank, qLoraRank, ropeHeadDim, nopeHeadDim, vHeadDim);
      if (!p.isEmpty()) {
        throw new IllegalArgumentException("mla: " + String.join("; ", p));
      }
    }

    public static List<String> problems(int kvLoraRank, int qLoraRank, int ropeHeadDim, int nopeHeadDim, int vHeadDim) {
      List<String> p = new ArrayList<>();
      range(p, "mla.kv_lora_rank", kvLoraRank, MAX_WIDTH);
      range(p, "mla.rope_head_dim", ropeHeadDim, MAX_WIDTH);
      range(p, "mla.nope_head_dim", nopeHeadDim, MAX_WIDTH);
      range(p, "mla.v_head_dim", vHeadDim, MAX_WIDTH);
      if (qLoraRank < 0 || qLoraRank > MAX_WIDTH) {
        p.add("mla.q_lora_rank must be between 0 (no query compression) and " + MAX_WIDTH + ", got " + qLoraRank);
      }
      return p;
    }
  }
}
