package chipmix.model;

import chipmix.model.TransformerModel.Mla;
import chipmix.model.TransformerModel.Moe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published model shapes. Each preset cites the paper table or configuration file its numbers
 * come from (in {@link TransformerModel#source()}). Names are lower case; look-up is
 * case-insensitive.
 */
public final class ModelPresets {
  private static final Map<String, TransformerModel> PRESETS = build();

  private ModelPresets() {}

  public static Optional<TransformerModel> find(String name) {
    return Optional.ofNullable(PRESETS.get(name.toLowerCase(Locale.ROOT)));
  }

  public static List<String> names() {
    return List.copyOf(PRESETS.keySet());
  }

  public static List<TransformerModel> all() {
    return List.copyOf(PRESETS.values());
  }

  private static Map<String, TransformerModel> build() {
    Map<String, TransformerModel> m = new LinkedHashMap<>();
    // Narayanan et al. SC'21 (arXiv 2104.04473) Table 1: GPT with vocabulary 51,200, FFN 4h,
    // GeLU (plain), tied input/output embeddings (Megatron GPT default).
    String sc21 = "Narayanan et al. SC'21 (arXiv 2104.04473) Table 1; Megatron-LM GPT: vocab 51200, ffn 4h, tied embeddings";
    int[][] sc21Rows = { // params label x10, heads, hidden, layers
        {17, 24, 2304, 24}, {36, 32, 3072, 30}, {75, 32, 4096, 36}, {184, 48, 6144, 40}, {391, 64, 8192, 48},
        {761, 80, 10240, 60}, {1456, 96, 12288, 80}, {3101, 128, 16384, 96}, {5296, 128, 20480, 105},
        {10080, 160, 25600, 128}};
    for (int[] r : sc21Rows) {
      String label = r[0] == 10080 ? "1t" : formatTenths(r[0]) + "b";
      add(m, TransformerModel.dense("megatron-gpt-" + label, r[3], r[2], r[1], r[1], 4 * r[2], 51_200, false, true, sc21));
    }
    // Korthikanti et al. 2022 (arXiv 2205.05198) Table 3: the 22B model (the other rows reuse SC'21 shapes).
    add(m, TransformerModel.dense("korthikanti-22b", 48, 6144, 64, 64, 4 * 6144, 51_200, false, true,
        "Korthikanti et al. 2022 (arXiv 2205.05198) Table 3: 22B, 64 heads, hidden 6144, 48 layers, vocab 51200"));
    // Megatron-LM README (2024, Megatron-Core r0.8.0) H100 weak-scaling table: vocab 131,072,
    // untied embeddings (the table's parameter counts equal 12·l·h² + 2·V·h), FFN 4h.
    String mc = "Megatron-LM README images/model_table.png (commit f2e5db4, 2024): vocab 131072, ffn 4h, untied embeddings";
    Object[][] mcRows = {
        {"1.7b", 16, 2048, 24}, {"7.1b", 32, 4096, 30}, {"16b", 48, 6144, 32}, {"32b", 56, 7168, 48},
        {"70b", 64, 8192, 84}, {"119b", 80, 10240, 92}, {"177b", 96, 12288, 96}, {"314b", 128, 16384, 96},
        {"462b", 144, 18432, 112}};
    for (Object[] r : mcRows) {
      int h = (Integer) r[2];
      add(m, TransformerModel.dense("megatron-core-" + r[0], (Integer) r[3], h, (Integer) r[1], (Integer) r[1], 4 * h,
          131_072, false, false, mc));
    }
    add(m, TransformerModel.dense("gpt3-175b", 96, 12288, 96, 96, 4 * 12288, 50_257, false, true,
        "Brown et al. 2020 (arXiv 2005.14165) Table 2.1: 96 layers, d_model 12288, 96 heads of 128, d_ff 4·d_model; GPT-2 BPE vocab 50257"));
    add(m, TransformerModel.dense("llama2-7b", 32, 4096, 32, 32, 11008, 32_000, true, false,
        "meta-llama/Llama-2-7b-hf config.json"));
    add(m, TransformerModel.dense("llama2-70b", 80, 8192, 64, 8, 28672, 32_000, true, false,
        "meta-llama/Llama-2-70b-hf config.json"));
    add(m, TransformerModel.dense("llama3-8b", 32, 4096, 32, 8, 14336, 128_256, true, false,
        "meta-llama/Meta-Llama-3-8B config.json; Llama 3 paper (arXiv 2407.21783) Table 3"));
    add(m, TransformerModel.dense("llama3-70b", 80, 8192, 64, 8, 28672, 128_256, true, false,
        "meta-llama/Meta-Llama-3-70B config.json; Llama 3 paper (arXiv 2407.21783) Table 3"));
    add(m, TransformerModel.dense("llama3-405b", 126, 16384, 128, 8, 53248, 128_256, true, false,
        "meta-llama/Llama-3.1-405B config.json; Llama 3 paper (arXiv 2407.21783) Table 3"));
    add(m, TransformerModel.dense("qwen2.5-72b", 80, 8192, 64, 8, 29568, 152_064, true, false,
        "Qwen/Qwen2.5-72B config.json"));
    add(m, new TransformerModel("mixtral-8x7b", 32, 4096, 32, 8, 128, 14336, 32_000, true, false,
        Optional.of(new Moe(8, 2, 0, 14336, 0)), Optional.empty(),
        "mistralai/Mixtral-8x7B-v0.1 config.json; Jiang et al. 2024 (arXiv 2401.04088) Table 1"));
    add(m, new TransformerModel("deepseek-v3", 61, 7168, 128, 128, 128, 18432, 129_280, true, false,
        Optional.of(new Moe(256, 8, 1, 2048, 3, 4)), Optional.of(new Mla(512, 1536, 64, 128, 128)),
        "deepseek-ai/DeepSeek-V3 config.json; DeepSeek-V3 report (arXiv 2412.19437) §4.2 (MTP module not included), node-limited routing M = 4 (§2.1.2)"));
    // Pangu Pro MoE 72B-A16B (arXiv 2505.21411): 48 layers, hidden 5120, 40 heads / 8 KV heads, 64 routed
    // experts of 1344 with 8 active, shared experts of 4 x 1344 (shared_expert_intermediate_size 5376).
    add(m, new TransformerModel("pangu-pro-moe", 48, 5120, 40, 8, 128, 5376, 153_376, true, false,
        Optional.of(new Moe(64, 8, 4, 1344, 0)), Optional.empty(),
        "Pangu Pro MoE (arXiv 2505.21411) §2; configuration_pangu_moe.py of the released model (vocab 153376, 40/8 heads, moe_intermediate_size 1344, shared 5376)"));
    // DeepSeek-V3.1 and DeepSeek-R1 keep DeepSeek-V3's architecture (same config.json shape keys);
    // they differ in training data and post-training only.
    TransformerModel v3 = m.get("deepseek-v3");
    for (String variant : new String[] {"deepseek-v3.1", "deepseek-r1"}) {
      add(m, new TransformerModel(variant, v3.layers(), v3.hidden(), v3.heads(), v3.kvHeads(), v3.headDim(),
          v3.ffnHidden(), v3.vocab(), v3.gatedFfn(), v3.tiedEmbeddings(), v3.moe(), v3.mla(),
          "deepseek-ai/" + (variant.equals("deepseek-r1") ? "DeepSeek-R1" : "DeepSeek-V3.1")
              + " config.json: the DeepSeek-V3 architecture (61 layers, hidden 7168, MLA, 256+1 experts, top 8)"));
    }
    // Qwen3 (arXiv 2505.09388, Tables 1 and 2): head_dim 128 independent of the hidden size, untied
    // embeddings above 4B, vocab 151,936, no shared experts in the MoE models.
    add(m, new TransformerModel("qwen3-8b", 36, 4096, 32, 8, 128, 12288, 151_936, true, false,
        Optional.empty(), Optional.empty(), "Qwen/Qwen3-8B config.json; Qwen3 report (arXiv 2505.09388) Table 1"));
    add(m, new TransformerModel("qwen3-32b", 64, 5120, 64, 8, 128, 25600, 151_936, true, false,
        Optional.empty(), Optional.empty(), "Qwen/Qwen3-32B config.json; Qwen3 report (arXiv 2505.09388) Table 1"));
    add(m, new TransformerModel("qwen3-30b-a3b", 48, 2048, 32, 4, 128, 6144, 151_936, true, false,
        Optional.of(new Moe(128, 8, 0, 768, 0)), Optional.empty(),
        "Qwen/Qwen3-30B-A3B config.json (moe_intermediate_size 768, 128 experts, 8 active); Qwen3 report (arXiv 2505.09388) Table 2"));
    add(m, new TransformerModel("qwen3-235b-a22b", 94, 4096, 64, 4, 128, 12288, 151_936, true, false,
        Optional.of(new Moe(128, 8, 0, 1536, 0)), Optional.empty(),
        "Qwen/Qwen3-235B-A22B config.json (moe_intermediate_size 1536, 128 experts, 8 active); Qwen3 report (arXiv 2505.09388) Table 2"));
    // Kimi K2 (arXiv 2507.20534 §2): the DeepSeek-V3 architecture with 384 experts, 64 heads,
    // one dense layer and no expert-group (node-limited) routing.
    add(m, new TransformerModel("kimi-k2", 61, 7168, 64, 64, 128, 18432, 163_840, true, false,
        Optional.of(new Moe(384, 8, 1, 2048, 1)), Optional.of(new Mla(512, 1536, 64, 128, 128)),
        "moonshotai/Kimi-K2-Instruct config.json (n_routed_experts 384, first_k_dense_replace 1, n_group 1); Kimi K2 report (arXiv 2507.20534) §2"));
    // GLM-4.5 (arXiv 2508.06471 Table 1): GQA with 96 heads of 128 on a 5120 hidden size, 3 (Air: 1)
    // leading dense layers, one shared expert of the routed experts' width; the MTP layer is not included.
    add(m, new TransformerModel("glm-4.5", 92, 5120, 96, 8, 128, 12288, 151_552, true, false,
        Optional.of(new Moe(160, 8, 1, 1536, 3)), Optional.empty(),
        "zai-org/GLM-4.5 config.json (92 layers, first 3 dense, 160 experts of 1536, top 8, 1 shared); GLM-4.5 report (arXiv 2508.06471) Table 1"));
    add(m, new TransformerModel("glm-4.5-air", 46, 4096, 96, 8, 128, 10944, 151_552, true, false,
        Optional.of(new Moe(128, 8, 1, 1408, 1)), Optional.empty(),
        "zai-org/GLM-4.5-Air config.json (46 layers, first 1 dense, 128 experts of 1408, top 8, 1 shared); GLM-4.5 report (arXiv 2508.06471) Table 1"));
    return Collections.unmodifiableMap(m);
  }

  private static void add(Map<String, TransformerModel> m, TransformerModel model) {
    m.put(model.name(), model);
  }

  private static String formatTenths(int tenths) {
    return tenths % 10 == 0 ? Integer.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
  }
}
