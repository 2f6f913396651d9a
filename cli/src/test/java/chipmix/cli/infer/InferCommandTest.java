package chipmix.cli.infer;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.CliRun;
import chipmix.cli.Golden;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InferCommandTest {
  static final String[] SIZE_LLAMA = {"infer", "size", "--model", "llama3-70b", "--demand-rps", "10", "--prompt-tokens",
      "2000", "--output-tokens", "500", "--ttft-ms", "2000", "--tpot-ms", "50", "--weights", "fp8", "--kv", "fp8"};

  static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void size_csv_hasOneRowPerRankedPlan_withTheJsonKeysAsColumns() {
    CliRun r = CliRun.of("infer", "size", "--model", "llama3-70b", "--demand-rps", "10", "--prompt-tokens", "2000",
        "--output-tokens", "500", "--ttft-ms", "2000", "--tpot-ms", "50", "--format", "csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    // the three default candidate chips, each ranked
    assertThat(lines).hasSize(1 + 3);
    assertThat(lines.get(0)).startsWith("rank,label,mode,devices,cost_per_million_output_tokens,");
    assertThat(lines.get(1)).startsWith("1,");
  }

  @Test
  void help_matchesGolden() {
    Golden.assertMatches("infer-help.txt", CliRun.of("infer", "--help").out());
    Golden.assertMatches("infer-estimate-help.txt", CliRun.of("infer", "estimate", "--help").out());
    Golden.assertMatches("infer-size-help.txt", CliRun.of("infer", "size", "--help").out());
  }

  @Test
  void validate_kindInference_listsThePublishedServingCases() {
    CliRun r = CliRun.of("validate", "--kind", "inference");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("pangu-moe-800i-a2-decode-b456").contains("sglang-dsv3-h100-decode-ep72")
        .contains("deepseek-h800-decode-mtp").contains("antgroup-h20-prefill-tp8")
        .contains(chipmix.perfmodel.InferenceValidation.bundledCases().size() + " cases: in-sample");
    assertThat(CliRun.of("validate").out()).contains("sc21-a100-1.7b").contains("sglang-dsv3-h100-prefill-ep32");
  }

  @Test
  void bareInfer_printsUsage() {
    CliRun r = CliRun.of("infer");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("estimate").contains("size");
  }

  @Test
  void size_llama3On3Chips_textMatchesGolden() {
    CliRun r = CliRun.of(SIZE_LLAMA);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Golden.assertMatches("infer-size-llama3-70b.txt", r.out());
  }

  @Test
  void size_json_hasTheContractKeysAndRankedPlans() throws Exception {
    CliRun r = CliRun.of(with(SIZE_LLAMA, "--format", "json"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = json(r.out());
    for (String k : List.of("model", "demand", "winner", "devices", "cost_per_million_output_tokens", "power_kw", "plans",
        "explanation", "rejected", "assumptions")) {
      assertThat(j.has(k)).as(k).isTrue();
    }
    JsonNode plans = j.get("plans");
    assertThat(plans.size()).isEqualTo(3);
    assertThat(plans.get(0).get("label").asText()).isEqualTo(j.get("winner").asText());
    for (int i = 1; i < plans.size(); i++) {
      assertThat(plans.get(i).get("cost_per_million_output_tokens").asDouble())
          .isGreaterThanOrEqualTo(plans.get(i - 1).get("cost_per_million_output_tokens").asDouble());
    }
    JsonNode pool = plans.get(0).get("pools").get(0);
    for (String k : List.of("prefill_tokens_per_s_per_device", "decode_tokens_per_s_per_device", "ttft_ms", "tpot_ms",
        "batch", "max_batch", "kv_cache_bytes_per_token", "memory_per_device_gib", "bound", "devices", "replicas", "tp", "ep")) {
      assertThat(pool.has(k)).as(k).isTrue();
    }
  }

  @Test
  void estimate_json_hasTheContractKeys() throws Exception {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "h20", "--devices", "8",
        "--prompt-tokens", "2000", "--output-tokens", "500", "--weights", "fp8", "--tpot-ms", "50", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = json(r.out());
    for (String k : List.of("prefill_tokens_per_s_per_device", "decode_tokens_per_s_per_device", "ttft_ms", "tpot_ms",
        "batch", "max_batch", "kv_cache_bytes_per_token", "memory_per_device_gib", "bound", "software", "assumptions")) {
      assertThat(j.has(k)).as(k).isTrue();
    }
    // Llama 3 70B GQA: 2 * 80 layers * 8 KV heads * 128 * 2 bytes (bf16 KV by default) = 327,680 bytes per token
    assertThat(j.get("kv_cache_bytes_per_token").asLong()).isEqualTo(2L * 80 * 8 * 128 * 2);
    assertThat(j.get("tp").asInt()).isEqualTo(8);
    assertThat(j.get("tpot_ms").asDouble()).isLessThanOrEqualTo(50);
    assertThat(j.get("bound").asText()).isIn("compute", "memory", "communication");
  }

  @Test
  void estimate_text_namesTheSoftwareAssumption() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "pangu-pro-moe", "--chip", "ascend-910b", "--devices", "4",
        "--prompt-tokens", "2048", "--output-tokens", "1024", "--weights", "int8", "--kv", "int8", "--batch", "456");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("efficiencies stand for Huawei's Pangu serving stack on CANN").contains("456 sequences");
  }

  @Test
  void estimate_chipWithCatalogRanges_reportsTheRange() throws Exception {
    CliRun r = CliRun.of("infer", "estimate", "--model", "pangu-pro-moe", "--chip", "ascend-910b", "--devices", "4",
        "--prompt-tokens", "2048", "--output-tokens", "1024", "--weights", "int8", "--kv", "int8", "--batch", "456",
        "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode range = json(r.out()).get("range");
    // the catalog gives the 910B 1.2-1.6 TB/s (chips-and-rules.md A29): the decode rate spans that range
    JsonNode decode = range.get("decode_tokens_per_s_per_device");
    assertThat(decode.get(0).asDouble()).isLessThan(decode.get(1).asDouble());
    assertThat(range.get("basis").asText()).contains("ascend-910b");
    CliRun exact = CliRun.of("infer", "estimate", "--model", "llama3-8b", "--chip", "h100-sxm", "--prompt-tokens", "100",
        "--output-tokens", "100", "--format", "json");
    assertThat(json(exact.out()).get("range").isNull()).isTrue();
  }

  @Test
  @DisplayName("estimate: a bad batch does not hide an unknown model or chip, nor the layout check")
  void estimate_badBatchUnknownModelBadLayout_listsEvery() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-7O", "--chip", "h100-sxm", "--prompt-tokens", "2000",
        "--output-tokens", "500", "--batch", "0", "--devices", "8", "--tp", "3");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--batch: must be at least 1 sequence, got 0").contains("--model: ")
        .contains("--tp: tp 3 must divide --devices 8");
  }

  @Test
  @DisplayName("estimate: a non-number, a bad format and an unknown chip come in one message")
  void estimate_unparseableNumberBadFormatUnknownChip_listedTogether() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "h1000", "--prompt-tokens", "abc",
        "--output-tokens", "100", "--format", "xml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("3 problems:").contains("Invalid value for option '--prompt-tokens': 'abc' is not a long")
        .contains("--format: 'xml' is not offered here").contains("--chip: unknown chip 'h1000'");
  }

  @Test
  void badInput_everyProblemReportedAtOnce_exitTwo() {
    CliRun r = CliRun.of("infer", "size", "--model", "llama3-70b", "--demand-rps", "-1", "--prompt-tokens", "0",
        "--output-tokens", "-3", "--ttft-ms", "0", "--tpot-ms", "50", "--chips", "h20,h2000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--prompt-tokens").contains("--output-tokens").contains("--demand-rps")
        .contains("--ttft-ms").contains("--chips[1]").contains("unknown chip 'h2000'");
    Golden.assertMatches("infer-size-bad-input.err.txt", r.err());
  }

  @Test
  void estimate_modelDoesNotFit_exitThreeNamingTheSmallestReplica() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "h100-sxm", "--devices", "1",
        "--prompt-tokens", "2000", "--output-tokens", "500", "--weights", "bf16");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("does not fit").contains("the smallest replica that fits is 2 devices");
  }

  @Test
  void estimate_tpotNoBatchMeets_exitThreeWithTheBestAchievable() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "h20", "--devices", "8",
        "--prompt-tokens", "2000", "--output-tokens", "500", "--tpot-ms", "1");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("the best achievable is").contains("--tpot-ms");
  }

  @Test
  void estimate_batchAndTpotTogether_isInvalid() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "h20", "--prompt-tokens", "2000",
        "--output-tokens", "500", "--batch", "8", "--tpot-ms", "50", "--tp", "3", "--devices", "8");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("give either --batch or --tpot-ms, not both");
  }

  @Test
  void size_deepSeekV3Disaggregated_ranksPairsWithKvTransfer() throws Exception {
    CliRun r = CliRun.of("infer", "size", "--model", "deepseek-v3", "--demand-tokens-per-day", "2e9", "--prompt-tokens",
        "2000", "--output-tokens", "500", "--ttft-ms", "2000", "--tpot-ms", "50", "--weights", "fp8",
        "--disaggregated", "--scale-out-gbps", "400", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = json(r.out());
    // 2e9 output tokens a day / 86,400 s / 500 tokens per request
    assertThat(j.get("demand").get("requests_per_s").asDouble()).isCloseTo(2e9 / 86_400 / 500, org.assertj.core.data.Offset.offset(0.01));
    boolean anyPair = false;
    for (JsonNode p : j.get("plans")) {
      if (p.get("mode").asText().equals("disaggregated")) {
        anyPair = true;
        assertThat(p.get("kv_transfer_ms").asDouble()).isPositive();
        assertThat(p.get("pools").size()).isEqualTo(2);
      }
    }
    assertThat(anyPair).isTrue();
  }

  @Test
  void estimate_mtp_showsTokensPerPassDraftCostAndExtraMemory() throws Exception {
    CliRun r = CliRun.of("infer", "estimate", "--model", "deepseek-v3", "--chip", "h20", "--devices", "16", "--tp", "1",
        "--prompt-tokens", "4096", "--output-tokens", "1024", "--batch", "256", "--scale-out-gbps", "400", "--spec", "mtp",
        "--accept-len", "1.8", "--recipe", "sglang-h20-ant", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = json(r.out());
    assertThat(j.get("recipe").asText()).isEqualTo("sglang-h20-ant");
    assertThat(j.get("speculation").get("kind").asText()).isEqualTo("mtp");
    assertThat(j.get("speculation").get("tokens_per_pass").asInt()).isEqualTo(2);
    assertThat(j.get("speculation").get("accept_length").asDouble()).isEqualTo(1.8);
    assertThat(j.get("speculation").get("extra_memory_per_device_gib").asDouble()).isPositive();
    // decode tokens per second per device = batch x accepted tokens per pass / pass time / devices
    double pass = j.get("decode_step_ms").asDouble() * 1.8 / 1000;
    assertThat(j.get("decode_tokens_per_s_per_device").asDouble()).isCloseTo(256 / (pass / 1.8) / 16,
        org.assertj.core.data.Percentage.withPercentage(0.1));
  }

  @Test
  void estimate_speculationOptionsWithoutTheirKind_exitTwoNamingEachOption() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "h100-sxm", "--prompt-tokens", "2000",
        "--output-tokens", "500", "--accept-len", "1.8", "--draft-model", "llama3-8b", "--recipe", "vlm");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--accept-len").contains("--draft-model").contains("--recipe").contains("unknown serving recipe vlm");
  }

  @Test
  void estimate_curve_printsThroughputAgainstTpotUpToTheLargestBatch() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "h20", "--devices", "8", "--prompt-tokens",
        "2000", "--output-tokens", "500", "--curve");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Serving-capacity curve").contains("Decode TPOT ms").contains("Output tok/s/dev");
  }

  @Test
  void estimate_fp8OnAscend_exitTwoNamingTheChipAndWhatItRuns() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "ascend-910b", "--prompt-tokens", "2000",
        "--output-tokens", "500", "--weights", "fp8");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--weights").contains("ascend-910b cannot run fp8").contains("int8");
  }

  @Test
  void size_recipe_appliesToEveryCandidateAndIsStated() throws Exception {
    CliRun r = CliRun.of(with(SIZE_LLAMA, "--recipe", "vllm", "--format", "json"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = json(r.out());
    assertThat(j.get("assumptions").toString()).contains("h20: serving recipe vLLM V1 (defaults)")
        .contains("ascend-910b: serving recipe vLLM V1 (defaults)");
  }
}
