package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrainCommandTest {
  static final String[] MEGATRON_145B = {"train", "estimate", "--model", "megatron-gpt-145.6b", "--chip", "a100",
      "--devices", "1536", "--seq-len", "2048", "--global-batch", "2304", "--tp", "8", "--pp", "8", "--dp", "24", "--cp", "1",
      "--ep", "1", "--vpp", "1", "--micro-batch", "2", "--recompute", "full", "--zero", "0", "--tokens", "3e11",
      "--no-overlap-grad-reduce", "--no-flash-attention"};

  @Test
  void estimate_layoutThatDoesNotFit_printsTheEstimateAndExits3() {
    // Llama 3 405B on one 8-GPU node, TP 8 and nothing sharded: 405.8e9 parameters x 18 bytes of
    // model state / 8 GPUs = 913 GB per GPU, far beyond 80 GB.
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-405b", "--chip", "h100", "--devices", "8",
        "--seq-len", "8192", "--global-batch", "16", "--tp", "8", "--pp", "1", "--dp", "1", "--cp", "1", "--ep", "1",
        "--vpp", "1", "--micro-batch", "1", "--recompute", "none", "--zero", "0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INFEASIBLE.code());
    assertThat(r.out()).contains("DOES NOT FIT");
    assertThat(r.err()).contains("does not fit in device memory").contains("train search");
  }

  @Test
  void search_csv_hasOneRowPerLayoutShown_withTheJsonKeysAsColumns() {
    CliRun r = CliRun.of("train", "search", "--model", "llama3-8b", "--chip", "h100", "--devices", "8",
        "--seq-len", "4096", "--global-batch", "64", "--top", "3", "--format", "csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(1 + 3);
    assertThat(lines.get(0)).startsWith("model,chip,devices,").contains("parallelism.tp");
    assertThat(lines.get(1)).startsWith("llama3-8b,h100-sxm,8,");
  }

  @Test
  void estimate_text_matchesGolden() {
    CliRun r = CliRun.of(MEGATRON_145B);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Golden.assertMatches("train-estimate-megatron-145b.txt", r.out());
  }

  @Test
  void estimate_json_hasContractKeys() throws Exception {
    String[] args = java.util.Arrays.copyOf(MEGATRON_145B, MEGATRON_145B.length + 2);
    args[args.length - 2] = "--format";
    args[args.length - 1] = "json";
    CliRun r = CliRun.of(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    for (String k : new String[] {"step_time_s", "tokens_per_s", "tokens_per_s_per_device", "model_flops_per_token",
        "model_tflops_per_device", "mfu", "hardware_tflops_per_device", "hfu", "memory_per_device_gib", "fits", "breakdown_s",
        "parallelism", "budget", "memory_breakdown_gib", "calibration"}) {
      assertThat(j.has(k)).as(k).isTrue();
    }
    assertThat(j.get("parallelism").get("tp").asInt()).isEqualTo(8);
    // tokens/s x step = tokens per step (2304 sequences x 2048)
    assertThat(j.get("tokens_per_s").asDouble() * j.get("step_time_s").asDouble()).isCloseTo(2304.0 * 2048,
        org.assertj.core.data.Percentage.withPercentage(0.01));
    assertThat(j.get("calibration").get("calibrated").asBoolean()).isTrue();
  }

  @Test
  void estimate_partialLayout_saysWhatItChose() {
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-8b", "--chip", "h100", "--devices", "8", "--seq-len", "4096",
        "--global-batch", "64", "--tp", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("chosen by search: pp, dp, cp, ep, vpp, micro-batch, recompute, zero");
  }

  @Test
  void estimate_elementwiseEager_isExplicit_andSlowerThanFused() {
    String[] base = {"train", "estimate", "--model", "llama3-8b", "--chip", "h100", "--devices", "8", "--seq-len", "8192",
        "--global-batch", "16", "--tp", "1", "--pp", "1", "--dp", "8", "--cp", "1", "--micro-batch", "2", "--recompute", "selective",
        "--zero", "3", "--recipe", "torchtitan", "--format", "json"};
    CliRun fused = CliRun.of(base);
    CliRun eager = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.stream.Stream.of("--elementwise",
        "eager")).toArray(String[]::new));
    assertThat(eager.exitCode()).as(eager.err()).isZero();
    assertThat(eager.out()).contains("\"elementwise\" : \"eager\"");
    assertThat(fused.out()).contains("\"elementwise\" : \"fused\"");
    // the same layout and FLOPs, more memory-bound work: eager takes longer
    assertThat(step(eager.out())).isGreaterThan(step(fused.out()));
    CliRun bad = CliRun.of("train", "estimate", "--model", "llama3-8b", "--chip", "h100", "--devices", "8", "--seq-len", "8192",
        "--global-batch", "16", "--elementwise", "compiled");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--elementwise: 'compiled' is not one of fused, eager, eager-fused-norm");
  }

  private static double step(String json) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"step_time_s\" : ([0-9.eE+-]+)").matcher(json);
    assertThat(m.find()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void search_json_addsSearchKeys() throws Exception {
    CliRun r = CliRun.of("train", "search", "--model", "llama3-70b", "--chip", "h100", "--devices", "64", "--seq-len", "4096",
        "--global-batch", "256", "--tp", "8", "--top", "3", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("evaluated").asLong()).isGreaterThan(0);
    assertThat(j.get("feasible").asLong()).isGreaterThan(0);
    assertThat(j.has("search_ms")).isTrue();
    assertThat(j.get("best")).hasSize(3);
    assertThat(j.get("best").get(0).get("parallelism").get("tp").asInt()).isEqualTo(8);
  }

  @Test
  void estimate_badInput_listsEveryProblem_exit2() {
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-70b", "--chip", "h100", "--devices", "64", "--seq-len", "4096",
        "--global-batch", "100", "--tp", "3", "--pp", "4", "--dp", "4", "--cp", "1", "--recompute", "partial",
        "--ep-dispatch-precision", "fp4");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--recompute: 'partial' is not one of none, selective, full")
        .contains("--ep-dispatch-precision: 'fp4' is not one of bf16, fp8");
    r = CliRun.of("train", "estimate", "--model", "llama3-70b", "--chip", "h100", "--devices", "64", "--seq-len", "4096",
        "--global-batch", "90", "--tp", "3", "--pp", "4", "--dp", "4", "--cp", "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--tp: 3 must divide the attention heads 64")
        .contains("tp x pp x dp x cp = 3 x 4 x 4 x 1 = 48 must equal --devices 64")
        .contains("--global-batch: 90 sequences are not divisible by data parallel 4");
  }

  @Test
  void estimate_unknownModelOrChip_stillListsTheOtherProblems() {
    CliRun r = CliRun.of("train", "estimate", "--model", "nope", "--chip", "h100x", "--devices", "0", "--seq-len", "8192",
        "--global-batch", "8", "--tokens", "1e30", "--precision", "fp4");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--model: 'nope' is neither a model preset nor a readable file")
        .contains("--chip: unknown chip 'h100x'")
        .contains("--devices: must be between 1 and 10000000, got 0")
        .contains("--tokens: must be a number above 0 and at most 1.0E16 tokens")
        .contains("--precision: 'fp4' is not one of bf16, fp8")
        .doesNotContain("Exception");
  }

  @Test
  @DisplayName("words picocli cannot read (a non-number, an unknown option) and the core's checks come in one message")
  void estimate_unparseableAndInvalidValues_areListedTogether() {
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-70b", "--chip", "h1000", "--devices", "64", "--seq-len", "x",
        "--global-batch", "128", "--tp", "3", "--bogus", "--format", "xml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("6 problems:")
        .contains("Invalid value for option '--seq-len': 'x' is not an int")
        .contains("--tp: 3 must divide the attention heads 64")
        .contains("--devices: 64 is not divisible by the fixed degrees' product 3")
        .contains("Unknown option: '--bogus'")
        .contains("--chip: unknown chip 'h1000'")
        .contains("--format: 'xml' is not offered here")
        // the removed --seq-len holds no value the user gave, so the core's complaint about it is left out
        .doesNotContain("--seq-len: must be");
    r = CliRun.of("train", "estimate", "--model", "llama3-70b", "--chip", "h100", "--devices", "x", "--bogus");
    assertThat(r.err()).contains("Invalid value for option '--devices'").contains("Unknown option: '--bogus'")
        .contains("Missing required options: '--seq-len=S', '--global-batch=B'");
  }

  @Test
  void search_bestLayoutWithMoreExpertsPerDeviceThanAnyCheckedRun_saysSoWithTheNumbers() {
    var widest = chipmix.published.CheckedExpertLayouts.widest(chipmix.published.PublishedCases.bundled().stream()
        .map(chipmix.published.TrainingCase.class::cast).toList(), chipmix.model.ModelPresets::find).orElseThrow();
    int experts = chipmix.model.ModelPresets.find("qwen3-30b-a3b").orElseThrow().moe().orElseThrow().experts();
    String[] args = {"train", "search", "--model", "qwen3-30b-a3b", "--chip", "h100", "--devices", "8", "--seq-len", "4096",
        "--global-batch", "512", "--precision", "fp8", "--top", "1", "--ep", "1"};
    CliRun r = CliRun.of(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    // ep 1 puts every expert on each device
    assertThat(experts).isGreaterThan(widest.localExperts());
    assertThat(r.out()).contains("Note: the best layout holds " + experts + " routed experts per device; the published MoE runs"
        + " the model was checked on hold at most " + widest.localExperts() + " (" + widest.caseId() + ")");
    String[] jsonArgs = java.util.Arrays.copyOf(args, args.length + 2);
    jsonArgs[args.length] = "--format";
    jsonArgs[args.length + 1] = "json";
    CliRun j = CliRun.of(jsonArgs);
    assertThat(j.exitCode()).as(j.err()).isZero();
    JsonNode b = readJson(j.out()).get("experts_per_device_beyond_checked");
    assertThat(b.get("local_experts").asInt()).isEqualTo(experts);
    assertThat(b.get("max_checked").asInt()).isEqualTo(widest.localExperts());
    assertThat(b.get("checked_case").asText()).isEqualTo(widest.caseId());
  }

  @Test
  void search_denseModel_hasNoExpertsNote() {
    CliRun r = CliRun.of("train", "search", "--model", "llama3-8b", "--chip", "h100", "--devices", "8", "--seq-len", "4096",
        "--global-batch", "64", "--top", "1", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(readJson(r.out()).has("experts_per_device_beyond_checked")).isFalse();
  }

  static JsonNode readJson(String s) {
    try {
      return new ObjectMapper().readTree(s);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void search_searchOptionsAndTrainingOptions_areCheckedTogether() {
    CliRun r = CliRun.of("train", "search", "--model", "llama3-70b", "--chip", "h100", "--devices", "64", "--seq-len", "4096",
        "--global-batch", "128", "--top", "0", "--tp", "3");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--top: must be between 1 and 1000, got 0").contains("--tp: 3 must divide the attention heads 64");
  }

  @Test
  @DisplayName("a bad sequence length and batch do not hide the layout checks")
  void estimate_badSeqLenAndBatch_stillListsTheLayoutChecks() {
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-70b", "--chip", "h100", "--devices", "1024", "--seq-len", "0",
        "--global-batch", "0", "--tp", "3");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--seq-len: must be at least 1, got 0")
        .contains("--global-batch: must be at least 1 sequence, got 0")
        .contains("--tp: 3 must divide the attention heads 64")
        .contains("--devices: 1024 is not divisible by the fixed degrees' product 3");
  }

  @Test
  void estimate_absurdValues_rejected() {
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-8b", "--chip", "h100", "--devices", "8", "--seq-len", "0",
        "--global-batch", "8", "--tokens", "1e30");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--seq-len: must be at least 1, got 0");
  }

  @Test
  void estimate_unknownModelAndChip_suggest() {
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-7b", "--chip", "h10", "--devices", "8", "--seq-len", "4096",
        "--global-batch", "8");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--model").contains("did you mean").contains("--chip");
  }

  @Test
  void estimate_fitsNowhere_exit3WithAdvice() {
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-405b", "--chip", "h100", "--devices", "8", "--seq-len", "8192",
        "--global-batch", "8");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("fits in no layout").contains("use more devices");
  }

  @Test
  void help_texts_matchGolden() {
    Golden.assertMatches("train-help.txt", CliRun.of("train", "--help").out());
    Golden.assertMatches("train-estimate-help.txt", CliRun.of("train", "estimate", "--help").out());
    Golden.assertMatches("train-search-help.txt", CliRun.of("train", "search", "--help").out());
    Golden.assertMatches("validate-help.txt", CliRun.of("validate", "--help").out());
  }

  @Test
  void validate_printsTableAndSummary() {
    CliRun r = CliRun.of("validate");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("sc21-a100-1.7b").contains("megatron-core-h100-462b").contains("korthikanti-a100-1t-selective")
        .contains("all:").contains("holdout only:").contains("leave-one-family-out").contains("megatron-sc21-a100 ");
  }

  @Test
  void validate_json_casesCarryFamilyRoleAndCrossValidatedError() throws Exception {
    CliRun r = CliRun.of("validate", "--kind", "inference", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    var sglang = json.get("cases").get(3);
    assertThat(sglang.get("id").asText()).startsWith("sglang-");
    assertThat(sglang.get("role").asText()).isEqualTo("selection");
    assertThat(sglang.get("family").asText()).isEqualTo("sglang-h100");
    // nothing is fitted to a selection case, so leaving its family out changes no constant
    assertThat(sglang.get("cross_validated").get("error").asDouble()).isEqualTo(sglang.get("error").asDouble());
    // the Pangu cases are the only Ascend serving fit cases: without them the 910B takes the serving default
    var pangu = json.get("cases").get(0);
    assertThat(pangu.get("family").asText()).isEqualTo("pangu-910b");
    assertThat(pangu.get("cross_validated").get("error").asDouble()).isNotEqualTo(pangu.get("error").asDouble());
  }

  @Test
  void validate_strict_exit1WhenACaseIsOutsideItsTolerance() throws Exception {
    // --strict is a check: exit 1 (the command's check failed) exactly when some case is outside its tolerance
    CliRun all = CliRun.of("validate", "--format", "json");
    boolean allWithin = true;
    for (var c : new com.fasterxml.jackson.databind.ObjectMapper().readTree(all.out()).get("cases")) {
      allWithin &= c.get("within_tolerance").asBoolean();
    }
    CliRun strict = CliRun.of("validate", "--strict");
    assertThat(strict.exitCode()).as(strict.err()).isEqualTo(allWithin ? 0 : 1);
  }

  @Test
  void validate_refit_reproducesCalibrationYaml() {
    CliRun r = CliRun.of("validate", "--refit", "--strict");
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out()).contains("a100-80gb-sxm: loss").contains("h100-sxm: loss").contains("The refit reproduces calibration.yaml.");
    // a chip with a kernel benchmark but no published run is listed with the transfer rule's constants (train9)
    assertThat(r.out()).contains("mi300x: no fit cases; transfer rule");
  }

  @Test
  void validate_unknownKind_exit2() {
    CliRun r = CliRun.of("validate", "--kind", "serving");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--kind").contains("training, inference");
  }

  @Test
  void estimate_withoutAPrice_asksForTheFlag() {
    // the web API names the JSON field usd_per_device_hour for the same basis (TrainApiTest)
    CliRun r = CliRun.of(MEGATRON_145B);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("[no price in the catalog; give --usd-per-device-hour]");
  }
}
