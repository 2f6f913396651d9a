package chipmix.perfmodel;

import static chipmix.perfmodel.InferenceFixtures.device;
import static chipmix.perfmodel.InferenceFixtures.deviceWithScaleOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.io.Yaml;
import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.validation.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ServingRecipes, speculative decoding and the fixed costs of the per-step model (issue #12). */
class ServingStackTest {
  static final TransformerModel LLAMA8B = ModelPresets.find("llama3-8b").orElseThrow();
  static final TransformerModel LLAMA70B = ModelPresets.find("llama3-70b").orElseThrow();
  static final TransformerModel DSV3 = ModelPresets.find("deepseek-v3").orElseThrow();
  static final Workload W = new Workload(2000, 500, Precision.FP8, Precision.FP8);

  static InferenceDevice on(InferenceDevice d, String recipe, Speculation s) {
    return d.with(new ServingStack(ServingRecipes.find("recipe", recipe), s));
  }

  @Test
  void recipes_bundled_coverTheFourFrameworksAndCiteEverySetting() {
    assertThat(ServingRecipes.bundled()).extracting(ServingRecipe::id).contains("sglang", "vllm", "trtllm", "mindie");
    assertThat(ServingRecipes.bundled()).allSatisfy(r -> assertThat(r.sources()).containsKeys("chunked_prefill_tokens",
        "cuda_graphs", "cuda_graph_max_batch", "fp8_attention", "moe_overlap", "eplb", "overlap_schedule", "dp_attention",
        "gqa_shared_kv_reads", "draft_launch").allSatisfy((k, v) -> assertThat(v).isNotBlank()));
  }

  @Test
  void recipes_optionalGraphSettings_absentMeanWholeStepGraphsAndEagerPrefill_presentAreCited() {
    // every recipe before serve10 states neither: decode graphs cover the whole step, prefill runs eagerly
    ServingRecipe sglang = ServingRecipes.find("recipe", "sglang");
    assertThat(sglang.graphs().prefill()).isFalse();
    assertThat(sglang.graphs().uncapturedLaunchShare()).isZero();
    // MindIE runs prefill as its ATB prefill graph (MindIE-LLM flash_causal_qwen2.py: ATBGraphManager)
    ServingRecipe mindie = ServingRecipes.find("recipe", "mindie");
    assertThat(mindie.graphs().prefill()).isTrue();
    assertThat(mindie.sources().get("prefill_graph")).contains("ATB");
    // vLLM-Ascend v0.9.1 splits its ACL graphs at the attention operator: 4 launches per layer of the 15 of an eager layer
    ServingRecipe vllmAscend = ServingRecipes.find("recipe", "vllm-ascend");
    assertThat(vllmAscend.graphs().uncapturedLaunchShare()).isCloseTo(4.0 / 15, within(0.005));
    assertThat(vllmAscend.sources().get("piecewise_uncaptured_share")).contains("unified_ascend_attention_with_output");
    assertThat(vllmAscend.describe()).contains("piecewise graphs");
  }

  @Test
  void prefillFullMask_theAttentionOperatorComputesTheWholeMaskedSquare_twiceTheCausalFlops() {
    InferenceDevice ascend = device(InferenceFixtures.ascend910b());
    InferenceDevice full = on(ascend, "vllm-ascend", new Speculation.None());
    assertThat(full.recipe().prefill().fullMask()).isTrue();
    assertThat(full.recipe().sources().get("prefill_full_mask")).contains("isTriuMask");
    assertThat(ServingRecipes.find("recipe", "mindie").prefill().fullMask()).isFalse();
    ServingRecipe r = full.recipe();
    ServingRecipe causalRecipe = new ServingRecipe(r.id() + "-causal", r.name(),
        new ServingRecipe.Prefill(r.prefill().chunkTokens(), false), r.graphs(), r.attention(), r.scheduling(), r.moe(),
        r.draftLaunch(), r.sources());
    InferenceDevice causal = ascend.with(new ServingStack(causalRecipe, new Speculation.None()));
    ServingLayout l = new ServingLayout(1, 1, 1);
    int prompt = 32_000;
    Workload w = new Workload(prompt, 100, Precision.BF16, Precision.BF16);
    double extra = InferenceModel.prefill(full, LLAMA8B, l, w, 1).compute().seconds()
        - InferenceModel.prefill(causal, LLAMA8B, l, w, 1).compute().seconds();
    // the causal half again: prompt tokens x layers x the score FLOPs over the whole prompt / 2, at the attention rate
    double rate = ascend.hardware().peak(Precision.BF16).flopsPerSecond()
        * ascend.serving().prefillAttentionEfficiency(ascend.hardware().calibration(), prompt);
    double causalHalf = (double) prompt * LLAMA8B.layers() * LLAMA8B.attentionScoreFlopsPerToken(prompt) / 2 / rate;
    assertThat(extra).isCloseTo(causalHalf, withPercentage(1e-6));
  }

  @Test
  void recipes_aPiecewiseShareOutsideZeroToOneIsAnErrorNamingTheFieldAndTheValue() {
    String yaml = recipeYaml("piecewise_uncaptured_share", "1.5");
    assertThatThrownBy(() -> ServingRecipes.parse(Yaml.parse(yaml, "recipes.yaml")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("piecewise_uncaptured_share")
        .hasMessageContaining("1.5").hasMessageContaining("[0, 1]");
  }

  @Test
  void recipes_aPiecewiseShareWithoutGraphs_isAnError() {
    // the share would be read but never used: without captured graphs every layer pays the eager overhead
    assertThatThrownBy(() -> new ServingRecipe.GraphCapture(false, 0, false, 0.27))
        .hasMessageContaining("piecewise_uncaptured_share 0.27").hasMessageContaining("cuda_graphs: true");
  }

  @Test
  void recipes_settingsOfTheWrongType_areErrorsNamingEveryFieldAndWhatIsAccepted() {
    // before review8 a non-boolean prefill_graph read as false and a text share as 0, silently
    String yaml = recipeYaml("chunked_prefill_tokens", "8192.5", "cuda_graphs", "\"yes\"", "prefill_graph", "\"yes\"",
        "piecewise_uncaptured_share", "\"a quarter\"");
    assertThatThrownBy(() -> ServingRecipes.parse(Yaml.parse(yaml, "recipes.yaml")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("chunked_prefill_tokens.value").hasMessageContaining("must be a whole number")
        .hasMessageContaining("cuda_graphs.value").hasMessageContaining("prefill_graph.value")
        .hasMessageContaining("must be true or false")
        .hasMessageContaining("piecewise_uncaptured_share.value").hasMessageContaining("must be a number");
  }

  @Test
  void piecewiseGraphs_payTheirShareOfTheEagerMinusGraphLayerOverhead_wholeStepGraphsDoNot() {
    InferenceDevice ascend = device(InferenceFixtures.ascend910b());
    StepCosts steps = ascend.serving().steps();
    double graphUs = steps.layerOverheadUs().value();
    double eagerUs = steps.layerOverheadEagerUs().value();
    // the 910B's eager layer costs more than its captured one (TorchAir eager against graph decode, calibration.yaml)
    assertThat(eagerUs).isGreaterThan(graphUs);
    Workload w = new Workload(233, 221, Precision.BF16, Precision.BF16);
    ServingLayout one = new ServingLayout(1, 1, 1);
    TransformerModel qwen = ModelPresets.find("qwen3-8b").orElseThrow();
    InferenceDevice whole = on(ascend, "vllm", new Speculation.None());
    InferenceDevice piecewise = on(ascend, "vllm-ascend", new Speculation.None());
    double share = piecewise.recipe().graphs().uncapturedLaunchShare();
    double wholeFixed = InferenceModel.decodePass(whole, qwen, one, w, 4, 1).overhead().seconds();
    double pieceFixed = InferenceModel.decodePass(piecewise, qwen, one, w, 4, 1).overhead().seconds();
    // both vLLM recipes also pay their host time for each of the 4 sequences (host_us_per_sequence, the same in both)
    assertThat(piecewise.recipe().scheduling().hostUsPerSequence())
        .isEqualTo(whole.recipe().scheduling().hostUsPerSequence());
    assertThat(wholeFixed).isCloseTo(ascend.serving().forwardOverheadMs().value() * 1e-3 + qwen.layers() * graphUs * 1e-6
        + 4 * whole.recipe().scheduling().hostUsPerSequence() * 1e-6, withPercentage(1e-9));
    assertThat(pieceFixed - wholeFixed).isCloseTo(qwen.layers() * share * (eagerUs - graphUs) * 1e-6, withPercentage(1e-9));
  }

  @Test
  void prefill_runsEagerlyUnlessTheRecipeRunsPrefillAsAGraph() {
    InferenceDevice ascend = device(InferenceFixtures.ascend910b());
    StepCosts steps = ascend.serving().steps();
    double forward = ascend.serving().forwardOverheadMs().value() * 1e-3;
    Workload w = new Workload(2048, 1, Precision.BF16, Precision.BF16);
    ServingLayout one = new ServingLayout(1, 1, 1);
    TransformerModel qwen = ModelPresets.find("qwen3-8b").orElseThrow();
    assertThat(InferenceModel.prefill(on(ascend, "mindie", new Speculation.None()), qwen, one, w, 1).overhead().seconds())
        .isCloseTo(forward + qwen.layers() * steps.layerOverheadUs().value() * 1e-6, withPercentage(1e-9));
    assertThat(InferenceModel.prefill(on(ascend, "sglang", new Speculation.None()), qwen, one, w, 1).overhead().seconds())
        .isCloseTo(forward + qwen.layers() * steps.layerOverheadEagerUs().value() * 1e-6, withPercentage(1e-9));
  }

  @Test
  void recipes_anUnknownDraftLaunchIsAnErrorNamingTheFieldTheValueAndTheAcceptedOnes() {
    String yaml = recipeYaml("draft_launch", "one-kernel");
    assertThatThrownBy(() -> ServingRecipes.parse(Yaml.parse(yaml, "recipes.yaml")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("draft_launch")
        .hasMessageContaining("one-kernel").hasMessageContaining("per-forward, one-graph, in-target");
  }

  @Test
  void mtp_outputTokensPerPassAreTheAcceptLengthAndThePassCostsMore() {
    InferenceDevice plain = on(device(InferenceFixtures.h100()), "sglang", new Speculation.None());
    InferenceDevice mtp = on(device(InferenceFixtures.h100()), "sglang", new Speculation.Mtp(1, 1.8));
    ServingLayout l = new ServingLayout(2, 2, 1);
    StepTime pass = InferenceModel.decodeStep(mtp, LLAMA70B, l, W, 32);
    assertThat(InferenceModel.decodeTokenTime(mtp, LLAMA70B, l, W, 32).seconds())
        .isCloseTo(pass.total().seconds() / 1.8, withPercentage(1e-9));
    // the verification pass runs two tokens per sequence: at least the plain pass, plus the draft
    StepTime plainPass = InferenceModel.decodeStep(plain, LLAMA70B, l, W, 32);
    assertThat(pass.total().seconds()).isGreaterThan(plainPass.total().seconds());
    assertThat(pass.draft().seconds()).isPositive();
    // memory-bound at batch 32: the weights are read once for both tokens, so MTP at 1.8 is faster per token
    assertThat(InferenceModel.decodeTokenTime(mtp, LLAMA70B, l, W, 32).seconds())
        .isLessThan(plainPass.total().seconds());
    // MTP's module weights shrink the largest batch
    assertThat(InferenceModel.maxBatch(mtp, LLAMA70B, l, W)).isLessThan(InferenceModel.maxBatch(plain, LLAMA70B, l, W));
  }

  @Test
  void draftModel_kDraftForwardsPerPass_perForwardHostCallsUnlessTheStepsAreOneGraph() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(4, 4, 1);
    double overhead = h100.serving().forwardOverheadMs().value() * 1e-3;
    // vLLM: the proposer's first forward over the accepted tokens, then K - 1 chained forwards, each its own call
    InferenceDevice vllm = on(h100, "vllm", new Speculation.Draft(LLAMA8B, 4, 2.5));
    assertThat(vllm.recipe().draftLaunch()).isEqualTo(DraftLaunch.PER_FORWARD);
    double vllmPass = InferenceModel.decodePass(on(h100, "vllm", new Speculation.None()), LLAMA8B, l, W, 16, 1)
        .total().seconds();
    assertThat(InferenceModel.decodeStep(vllm, LLAMA70B, l, W, 16).draft().seconds())
        .isCloseTo(4 * vllmPass, withPercentage(1e-9));
    // SGLang: the same K forwards of GPU work, but the K - 1 chained steps are one captured graph and the draft
    // extend another, so the per-pass overhead is paid twice, not K times
    InferenceDevice sglang = on(h100, "sglang", new Speculation.Draft(LLAMA8B, 4, 2.5));
    assertThat(sglang.recipe().draftLaunch()).isEqualTo(DraftLaunch.ONE_GRAPH);
    double sglangPass = InferenceModel.decodePass(on(h100, "sglang", new Speculation.None()), LLAMA8B, l, W, 16, 1)
        .total().seconds();
    assertThat(InferenceModel.decodeStep(sglang, LLAMA70B, l, W, 16).draft().seconds())
        .isCloseTo(4 * (sglangPass - overhead) + 2 * overhead, withPercentage(1e-9));
  }

  @Test
  void mtp_oneGraphSavesTheOverheadOfAllButTwoDraftForwards_andNoneWithOneModule() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(2, 2, 1);
    double overhead = h100.serving().forwardOverheadMs().value() * 1e-3;
    ServingRecipe sglang = ServingRecipes.find("recipe", "sglang");
    ServingRecipe perStep = new ServingRecipe("per-step", "sglang, draft steps as separate calls", sglang.prefill(),
        sglang.graphs(), sglang.attention(), sglang.scheduling(), sglang.moe(), DraftLaunch.PER_FORWARD, sglang.sources());
    for (int modules : new int[] {1, 3, 5}) {
      var spec = new Speculation.Mtp(modules, 1.5);
      double oneGraph = InferenceModel.decodeStep(on(h100, "sglang", spec), LLAMA70B, l, W, 32).draft().seconds();
      double separate = InferenceModel.decodeStep(h100.with(new ServingStack(perStep, spec)), LLAMA70B, l, W, 32)
          .draft().seconds();
      assertThat(separate - oneGraph).isCloseTo((modules - Math.min(modules, 2)) * overhead, within(1e-12));
    }
    // above the captured batch the draft runs eagerly: every forward is its own call again
    int above = sglang.graphs().maxBatch() + 1;
    assertThat(InferenceModel.draftHostCalls(on(h100, "sglang", new Speculation.Mtp(3, 1.5)), new ServingLayout(1, 1, 1),
        above, 3)).isEqualTo(3);
  }

  @Test
  void mtp_inTheTargetsForwardTheDraftPaysNoOverheadOfItsOwn_aDraftModelStillDoes() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(2, 2, 1);
    double overhead = h100.serving().forwardOverheadMs().value() * 1e-3;
    InferenceDevice trtllm = on(h100, "trtllm", new Speculation.Mtp(3, 1.5));
    assertThat(trtllm.recipe().draftLaunch()).isEqualTo(DraftLaunch.IN_TARGET);
    assertThat(InferenceModel.draftHostCalls(trtllm, l, 32, 3)).isZero();
    InferenceDevice perForward = h100.with(new ServingStack(withDraftLaunch(trtllm.recipe(), DraftLaunch.PER_FORWARD),
        new Speculation.Mtp(3, 1.5)));
    assertThat(InferenceModel.decodeStep(perForward, LLAMA70B, l, W, 32).draft().seconds()
        - InferenceModel.decodeStep(trtllm, LLAMA70B, l, W, 32).draft().seconds()).isCloseTo(3 * overhead, within(1e-12));
    // a separate draft model runs its own forwards (TensorRT-LLM two-model drafting)
    assertThat(InferenceModel.draftHostCalls(on(h100, "trtllm", new Speculation.Draft(LLAMA8B, 3, 1.5)), l, 32, 3))
        .isEqualTo(3);
  }

  @Test
  void specV2_theWholeIterationIsOneStep_theDraftPaysNoOverheadWithinTheCapturedBatch() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(8, 8, 1);
    double overhead = h100.serving().forwardOverheadMs().value() * 1e-3;
    var spec = new Speculation.Mtp(4, 2.0);
    InferenceDevice v2 = on(h100, "sglang-spec-v2", spec);
    assertThat(v2.recipe().draftLaunch()).isEqualTo(DraftLaunch.ONE_STEP);
    assertThat(InferenceModel.draftHostCalls(v2, l, 1, 4)).isZero();
    // the same GPU work as SGLang's spec v1 worker, without its two host calls (draft graph, draft-extend graph)
    double v1Draft = InferenceModel.decodeStep(on(h100, "sglang", spec), LLAMA70B, l, W, 1).draft().seconds();
    double v2Draft = InferenceModel.decodeStep(v2, LLAMA70B, l, W, 1).draft().seconds();
    assertThat(v1Draft - v2Draft).isCloseTo(2 * overhead, within(1e-12));
    // above the captured batch the draft runs eagerly: one call per forward
    int above = v2.recipe().graphs().maxBatch() + 1;
    assertThat(InferenceModel.draftHostCalls(v2, new ServingLayout(1, 1, 1), above, 4)).isEqualTo(4);
  }

  static ServingRecipe withDraftLaunch(ServingRecipe r, DraftLaunch launch) {
    return new ServingRecipe(r.id() + "-" + launch.text(), r.name(), r.prefill(), r.graphs(), r.attention(), r.scheduling(),
        r.moe(), launch, r.sources());
  }

  @Test
  void graphCapture_aboveTheCapturedBatchTheLayerOverheadIsEager() {
    InferenceDevice vllm = on(device(InferenceFixtures.h100()), "vllm", new Speculation.None());
    ServingLayout l = new ServingLayout(1, 1, 1);
    int captured = vllm.recipe().graphs().maxBatch();
    StepCosts c = vllm.serving().steps();
    double atMax = InferenceModel.decodeStep(vllm, LLAMA8B, l, W, captured).overhead().seconds();
    double above = InferenceModel.decodeStep(vllm, LLAMA8B, l, W, captured + 1).overhead().seconds();
    // one more sequence also adds its host time (vLLM without async scheduling, host_us_per_sequence)
    assertThat(above - atMax).isCloseTo(LLAMA8B.layers() * (c.layerOverheadEagerUs().value() - c.layerOverheadUs().value()) * 1e-6
        + vllm.recipe().scheduling().hostUsPerSequence() * 1e-6, withPercentage(1e-6));
  }

  @Test
  void graphCapture_comparesTheBatchOfOneRankNotOfOneDevice() {
    InferenceDevice sglang = on(device(InferenceFixtures.h100()), "sglang", new Speculation.None());
    StepCosts c = sglang.serving().steps();
    double forward = sglang.serving().forwardOverheadMs().value() * 1e-3;
    int captured = sglang.recipe().graphs().maxBatch();
    // a tensor-parallel group runs its whole batch on every member: above the captured batch it runs eager,
    // although the batch over all 8 devices would be far below it
    ServingLayout tp8 = new ServingLayout(8, 8, 1);
    assertThat(InferenceModel.decodeStep(sglang, LLAMA70B, tp8, W, captured + 1).overhead().seconds())
        .isCloseTo(forward + LLAMA70B.layers() * c.layerOverheadEagerUs().value() * 1e-6, withPercentage(1e-9));
    assertThat(InferenceModel.decodeStep(sglang, LLAMA70B, tp8, W, captured).overhead().seconds())
        .isCloseTo(forward + LLAMA70B.layers() * c.layerOverheadUs().value() * 1e-6, withPercentage(1e-9));
    // data-parallel attention: each of the 16 ranks holds its own share of the batch
    InferenceDevice ep = on(deviceWithScaleOut(InferenceFixtures.h100()), "sglang", new Speculation.None());
    ServingLayout dp16 = new ServingLayout(16, 1, 16);
    assertThat(InferenceModel.decodeStep(ep, DSV3, dp16, W, 16 * captured).overhead().seconds())
        .isCloseTo(forward + DSV3.layers() * c.layerOverheadUs().value() * 1e-6, withPercentage(1e-9));
    assertThat(InferenceModel.decodeStep(ep, DSV3, dp16, W, 16 * (captured + 1)).overhead().seconds())
        .isCloseTo(forward + DSV3.layers() * c.layerOverheadEagerUs().value() * 1e-6, withPercentage(1e-9));
  }

  @Test
  void prefill_allToAllOverlapsComputeOnlyUnderTheRecipesTwoBatchOverlap() {
    InferenceDevice h100 = deviceWithScaleOut(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(32, 1, 32);
    StepTime tbo = InferenceModel.prefill(on(h100, "sglang-pd-ep", new Speculation.None()), DSV3, l, W, 1);
    StepTime plain = InferenceModel.prefill(on(h100, "sglang", new Speculation.None()), DSV3, l, W, 1);
    assertThat(tbo.allToAllOverlapped()).isTrue();
    assertThat(plain.allToAllOverlapped()).isFalse();
    assertThat(plain.allToAll().seconds()).isPositive();
    double roofline = Math.max(plain.compute().seconds(), plain.memory().seconds());
    assertThat(plain.total().seconds()).isCloseTo(roofline + plain.allToAll().seconds() + plain.tensorParallel().seconds()
        + plain.overhead().seconds(), withPercentage(1e-9));
  }

  @Test
  void twoBatchOverlap_eachMicroBatchPaysItsOwnAllToAllLatencyWeightReadsAndLayerOverhead() {
    InferenceDevice h100 = deviceWithScaleOut(InferenceFixtures.h100());
    ServingRecipe tbo = ServingRecipes.find("recipe", "sglang-pd-ep");
    ServingRecipe sbo = new ServingRecipe("sbo", "same, single-batch overlap", tbo.prefill(), tbo.graphs(), tbo.attention(),
        tbo.scheduling(), new ServingRecipe.Moe(MoeOverlap.SINGLE_BATCH, tbo.moe().eplb()), tbo.draftLaunch(),
        tbo.sources());
    ServingLayout l = new ServingLayout(32, 1, 32);
    int batch = 32 * 64;
    StepTime two = InferenceModel.decodeStep(h100.with(new ServingStack(tbo, new Speculation.None())), DSV3, l, W, batch);
    StepTime one = InferenceModel.decodeStep(h100.with(new ServingStack(sbo, new Speculation.None())), DSV3, l, W, batch);
    Precision cp = InferenceModel.computePrecision(h100.hardware(), W.weights());
    // two dispatch/combine rounds of half the tokens each, of which the other micro-batch's stages hide part (and
    // single-batch overlap hides part of one round of all of them)
    double twoRounds = 2 * InferenceModel.decodeAllToAll(h100, DSV3, l, 64 / 2.0, cp);
    assertThat(two.allToAll().seconds()).isPositive().isLessThan(twoRounds);
    assertThat(one.allToAll().seconds()).isLessThanOrEqualTo(InferenceModel.decodeAllToAll(h100, DSV3, l, 64, cp));
    // the layer's weights are streamed by each micro-batch; the FLOPs are the same but for each micro-batch's
    // expert GEMMs padding their own blocks
    assertThat(two.memory().seconds()).isGreaterThan(one.memory().seconds());
    assertThat(two.compute().seconds()).isGreaterThanOrEqualTo(one.compute().seconds());
    // and each launches the layer's small kernels
    assertThat(two.overhead().seconds() - one.overhead().seconds())
        .isCloseTo(DSV3.layers() * h100.serving().steps().layerOverheadUs().value() * 1e-6, withPercentage(1e-6));
    // a dense model has no all-to-all to hide: no split
    StepTime dense = InferenceModel.decodeStep(h100.with(new ServingStack(tbo, new Speculation.None())), LLAMA70B,
        new ServingLayout(8, 8, 1), W, 64);
    assertThat(dense.allToAllOverlapped()).isFalse();
  }

  @Test
  void singleBatchOverlap_hidesDispatchOnlyBehindSharedExpertsAndCombineBehindTheDownGemm() {
    InferenceDevice h100 = deviceWithScaleOut(InferenceFixtures.h100());
    ServingRecipe base = ServingRecipes.find("recipe", "sglang");
    ServingRecipe sbo = new ServingRecipe("sbo", "single-batch overlap", base.prefill(), base.graphs(), base.attention(),
        base.scheduling(), new ServingRecipe.Moe(MoeOverlap.SINGLE_BATCH, base.moe().eplb()), base.draftLaunch(),
        base.sources());
    ServingLayout l = new ServingLayout(32, 1, 32);
    int batch = 32; // one sequence per device: dispatch and combine are mostly latency, the GEMMs they hide behind tiny
    StepTime one = InferenceModel.decodeStep(h100.with(new ServingStack(sbo, new Speculation.None())), DSV3, l, W, batch);
    StepTime none = InferenceModel.decodeStep(on(h100, "sglang", new Speculation.None()), DSV3, l, W, batch);
    Precision cp = InferenceModel.computePrecision(h100.hardware(), W.weights());
    // one token per device, as the busiest rank carries it (EP32 spans four nodes: the residual imbalance)
    double full = InferenceModel.decodeAllToAll(h100, DSV3, l, InferenceModel.residualRankLoad(h100, DSV3, l), cp);
    assertThat(none.allToAll().seconds()).isCloseTo(full, withPercentage(1e-9));
    // part hides (the shared experts and the down GEMM take some time), part does not (SBO overlaps dispatch receive
    // with the shared experts and combine send with the down GEMM only: DeepGEMM PR sgl-project/DeepGEMM#14)
    assertThat(one.allToAllOverlapped()).isFalse();
    assertThat(one.allToAll().seconds()).isPositive().isLessThan(full);
    // the shared experts' weights (3 matrices of hidden x 2048 per MoE layer, FP8) bound what dispatch can hide
    double sharedBytesPerLayer = 3.0 * DSV3.hidden() * 2048;
    double hbm = h100.hardware().memoryBandwidth().bytesPerSecond();
    assertThat(full - one.allToAll().seconds()).isGreaterThan(DSV3.moeLayerCount() * sharedBytesPerLayer / hbm);
    double roofline = Math.max(one.compute().seconds(), one.memory().seconds());
    assertThat(one.total().seconds()).isCloseTo(roofline + one.allToAll().seconds() + one.tensorParallel().seconds()
        + one.overhead().seconds(), withPercentage(1e-9));
    assertThat(one.total().seconds()).isLessThan(none.total().seconds());
  }

  @Test
  void groupedGemmPadding_anExpertWithFewTokensCostsAWholeBlock() {
    StepCosts c = Calibrations.bundled().inferenceFallback().steps();
    double block = c.groupedGemmBlockRows().value();
    // block 64 (DeepGEMM on Hopper): half a token per expert on average costs 64 rows whenever the expert gets any
    assertThat(c.expectedPaddedRows(0.5)).isCloseTo(block * (1 - Math.exp(-0.5)), withPercentage(1e-4));
    // many tokens: on average half a block of padding on top of the mean
    assertThat(c.expectedPaddedRows(1000)).isCloseTo(1000 + block / 2, withPercentage(1));
    assertThat(c.expectedPaddedRows(0)).isZero();
    StepCosts unpadded = new StepCosts(c.kernelLatencyUs(), c.layerOverheadUs(), c.layerOverheadEagerUs(),
        c.decodeAttentionEfficiency(), c.allToAllLatencyUs(), c.allToAllLatencyPerDoublingUs(),
        new Calibrated(1, "test", chipmix.catalog.Confidence.LOW), StepCosts.UNIFORM_ROUTING);
    assertThat(unpadded.expectedPaddedRows(3.7)).isEqualTo(3.7);
  }

  @Test
  void groupedGemmPadding_makesSmallBatchExpertParallelDecodeComputeBoundOnACompute_poorChip() {
    InferenceDevice h20 = on(deviceWithScaleOut(InferenceFixtures.h20()), "sglang", new Speculation.None());
    StepCosts c = h20.serving().steps();
    InferenceCalibration s = h20.serving();
    StepCosts unpaddedSteps = new StepCosts(c.kernelLatencyUs(), c.layerOverheadUs(), c.layerOverheadEagerUs(),
        c.decodeAttentionEfficiency(), c.allToAllLatencyUs(), c.allToAllLatencyPerDoublingUs(),
        new Calibrated(1, "test", chipmix.catalog.Confidence.LOW), c.expertLoadImbalance());
    InferenceDevice unpadded = new InferenceDevice(h20.hardware(), new InferenceCalibration(s.chipIds(), s.calibrated(),
        s.decodeMemoryEfficiency(), s.forwardOverheadMs(), s.memoryReserveFraction(), s.prefillGemmEfficiency(),
        s.prefillAttentionEfficiency(), s.prefillAttentionHalfTokens(), s.decodeGemmHalfDim(), unpaddedSteps, s.defaultRecipe(),
        s.software(), s.note())).with(h20.stack());
    ServingLayout l = new ServingLayout(16, 1, 16);
    int batch = 16; // one sequence per GPU
    StepTime padded = InferenceModel.decodeStep(h20, DSV3, l, W, batch);
    StepTime plain = InferenceModel.decodeStep(unpadded, DSV3, l, W, batch);
    // 16 tokens x top-8 over 256 experts: half a token per expert; each of the 16 local experts a GPU holds costs
    // 64 (1 - e^-0.5) rows instead of 0.5, in every MoE layer, through the expert's three projections
    var moe = DSV3.moe().orElseThrow();
    // EP16 spans two 8-GPU nodes, so each GPU's experts compute the busiest rank's tokens (ExpertLoadImbalanceTest)
    double perExpert = 16.0 * moe.topK() / moe.experts() * InferenceModel.busiestRankLoad(h20, DSV3, l, batch);
    double extraRows = c.expectedPaddedRows(perExpert) - perExpert;
    double extraFlops = DSV3.moeLayerCount() * (moe.experts() / 16.0) * extraRows * 2 * DSV3.ffnParams(moe.expertFfnHidden());
    double rate = h20.hardware().peak(Precision.FP8).flopsPerSecond() * h20.hardware().calibration().gemmMaxEfficiency().value();
    assertThat(padded.compute().seconds() - plain.compute().seconds()).isCloseTo(extraFlops / rate, withPercentage(1e-6));
    assertThat(padded.compute().seconds()).isGreaterThan(padded.memory().seconds());
    assertThat(plain.compute().seconds()).isLessThan(plain.memory().seconds());
  }

  @Test
  void twoBatchOverlap_hidesTheAllToAllOnlyWhenTheRecipeRunsIt() {
    InferenceDevice h100 = deviceWithScaleOut(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(32, 1, 32);
    StepTime tbo = InferenceModel.decodeStep(on(h100, "sglang-pd-ep", new Speculation.None()), DSV3, l, W, 32 * 64);
    StepTime none = InferenceModel.decodeStep(on(h100, "sglang", new Speculation.None()), DSV3, l, W, 32 * 64);
    assertThat(none.allToAllOverlapped()).isFalse();
    double roofline = Math.max(none.compute().seconds(), none.memory().seconds());
    assertThat(none.total().seconds()).isCloseTo(roofline + none.kernelSerial().seconds() + none.allToAll().seconds()
        + none.tensorParallel().seconds() + none.overhead().seconds(), withPercentage(1e-9));
    // under two-batch overlap only the exposed part of the all-to-all adds to the stream
    assertThat(tbo.allToAll().seconds()).isLessThan(none.allToAll().seconds());
    double tboRoofline = Math.max(tbo.compute().seconds(), tbo.memory().seconds());
    assertThat(tbo.total().seconds()).isCloseTo(tboRoofline + tbo.kernelSerial().seconds() + tbo.allToAll().seconds()
        + tbo.tensorParallel().seconds() + tbo.overhead().seconds(), withPercentage(1e-9));
  }

  @Test
  void twoBatchOverlapDecode_theKernelClassesAreTheStages_soComputeBoundExpertGemmsDoNotHideTheProjectionReads() {
    // SGLang runs both micro-batches' stages one after another on one stream, each at its own roofline. At EP128 with
    // 256 sequences per GPU the two local experts receive about 512 token-expert pairs per micro-batch: their GEMMs are
    // compute-bound, while the attention projections (128 tokens per micro-batch) are bound by their weight reads, and
    // the MLA attention kernel by its FLOPs. Two kernel classes (all GEMMs, attention) would let the expert FLOPs hide
    // behind the projections' bytes; the stages do not
    InferenceDevice h100 = on(deviceWithScaleOut(InferenceFixtures.h100()), "sglang-pd-ep", new Speculation.None());
    int devices = 128;
    int perDevice = 256;
    ServingLayout l = new ServingLayout(devices, 1, devices);
    Workload w = new Workload(2000, 64, Precision.FP8, Precision.BF16);
    StepTime tbo = InferenceModel.decodeStep(h100, DSV3, l, w, devices * perDevice);
    double ctx = w.averageDecodeContext();
    double bw = h100.hardware().memoryBandwidth().bytesPerSecond();
    StepCosts steps = h100.serving().steps();
    double attnSeconds = perDevice * DSV3.layers() * InferenceModel.decodeAttentionFlopsPerToken(DSV3, ctx)
        / (h100.hardware().peak(Precision.BF16).flopsPerSecond() * steps.decodeAttentionEfficiency().value());
    double kvSeconds = steps.streamSeconds(perDevice * InferenceModel.kvPerSequencePerDevice(DSV3, l, w.kv(), ctx),
        2.0 * DSV3.layers(), bw, h100.serving().decodeMemoryEfficiency().value());
    // the two-class roofline of the same pass, from its own FLOPs and bytes
    double twoClasses = Math.max(tbo.compute().seconds() - attnSeconds, tbo.memory().seconds() - kvSeconds)
        + Math.max(attnSeconds, kvSeconds);
    double stream = Math.max(tbo.compute().seconds(), tbo.memory().seconds()) + tbo.kernelSerial().seconds();
    assertThat(stream).isGreaterThan(twoClasses * 1.01);
    // and the pass is the stream plus the exposed all-to-all and the fixed costs
    assertThat(tbo.total().seconds()).isCloseTo(stream + tbo.allToAll().seconds() + tbo.tensorParallel().seconds()
        + tbo.overhead().seconds(), withPercentage(1e-9));
  }

  @Test
  void twoBatchOverlapDecode_insideOneNvlinkDomainTheOtherMicroBatchsStagesHideTheWholeAllToAll() {
    // EP8 in one 8-GPU node: dispatch and combine are NVLink transfers of a few hundred kB plus the scale-up latency,
    // shorter than the shared experts plus the attention projections (dispatch) and the attention kernel plus the
    // output projection (combine) of the other micro-batch (SGLang's decode schedule, operations_strategy.py)
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(8, 1, 8);
    StepTime tbo = InferenceModel.decodeStep(on(h100, "sglang-pd-ep", new Speculation.None()), DSV3, l, W, 8 * 32);
    Precision cp = InferenceModel.computePrecision(h100.hardware(), W.weights());
    assertThat(InferenceModel.decodeAllToAll(h100, DSV3, l, 32 / 2.0, cp)).isPositive();
    assertThat(tbo.allToAll().seconds()).isZero();
  }

  @Test
  void twoBatchOverlapDecode_aLongerAttentionStageHidesMoreOfTheCombine() {
    // across nodes the combine (BF16, every expert copy) outlasts what the other micro-batch computes at a short
    // context; a longer context lengthens the attention kernel the combine hides behind, never the all-to-all
    InferenceDevice h100 = on(deviceWithScaleOut(InferenceFixtures.h100()), "sglang-pd-ep", new Speculation.None());
    ServingLayout l = new ServingLayout(32, 1, 32);
    int batch = 32 * 64;
    double shortCtx = InferenceModel.decodeStep(h100, DSV3, l, new Workload(256, 64, Precision.FP8, Precision.FP8), batch)
        .allToAll().seconds();
    double longCtx = InferenceModel.decodeStep(h100, DSV3, l, new Workload(16384, 64, Precision.FP8, Precision.FP8), batch)
        .allToAll().seconds();
    Precision cp = InferenceModel.computePrecision(h100.hardware(), W.weights());
    double twoRounds = 2 * InferenceModel.decodeAllToAll(h100, DSV3, l, 64 / 2.0, cp);
    assertThat(shortCtx).isPositive().isLessThan(twoRounds);
    assertThat(longCtx).isLessThan(shortCtx);
  }

  @Test
  void allToAllLatency_growsWithTheNodesSpanned_asFittedToDeepEp() {
    StepCosts c = Calibrations.bundled().inferenceFallback().steps();
    // a + b log2(nodes): 37.5 + 5.8 * 3 us at 8 nodes (EP64 on 8-GPU nodes), DeepEP legacy low-latency table fit
    assertThat(c.allToAllLatencySeconds(8) * 1e6).isCloseTo(37.5 + 5.8 * 3, withPercentage(1e-9));
    assertThat(c.allToAllLatencySeconds(32)).isGreaterThan(c.allToAllLatencySeconds(2));
    assertThat(c.allToAllLatencySeconds(1)).isZero();
  }

  @Test
  void decodeAttention_mlaRunsAbsorbed_overTheLatentNotTheHeads() {
    // DeepSeek-V3: 128 heads, kv_lora_rank 512, rope 64: 2 * 128 * (2 * 512 + 64) FLOPs per context token
    assertThat(InferenceModel.decodeAttentionFlopsPerToken(DSV3, 1000)).isEqualTo(2.0 * 128 * (2 * 512 + 64) * 1000);
    assertThat(InferenceModel.decodeAttentionFlopsPerToken(LLAMA8B, 1000))
        .isEqualTo(LLAMA8B.attentionScoreFlopsPerToken(1000));
  }

  @Test
  void capacityCurve_batchesDoubleToTheLargestThatFitsAndThroughputRisesWithTpot() {
    InferenceDevice h20 = device(InferenceFixtures.h20());
    ServingLayout l = new ServingLayout(8, 8, 1);
    List<InferenceModel.CurvePoint> curve = InferenceModel.capacityCurve(h20, LLAMA70B, l, W);
    assertThat(curve.get(0).batch()).isEqualTo(1);
    assertThat(curve.get(curve.size() - 1).batch()).isEqualTo(InferenceModel.maxBatch(h20, LLAMA70B, l, W));
    for (int i = 1; i < curve.size(); i++) {
      assertThat(curve.get(i).decodeTpot().seconds()).isGreaterThanOrEqualTo(curve.get(i - 1).decodeTpot().seconds());
      assertThat(curve.get(i).decodeTokensPerSecondPerDevice())
          .isGreaterThan(curve.get(i - 1).decodeTokensPerSecondPerDevice());
    }
  }

  /**
   * A recipes.yaml with one recipe {@code x} whose required settings are all valid, except that each
   * {@code key, value} pair (YAML text) replaces that setting's value or adds the setting.
   */
  static String recipeYaml(String... keyValues) {
    java.util.LinkedHashMap<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("chunked_prefill_tokens", "8192");
    settings.put("cuda_graphs", "true");
    settings.put("cuda_graph_max_batch", "256");
    settings.put("fp8_attention", "false");
    settings.put("moe_overlap", "none");
    settings.put("eplb", "false");
    settings.put("overlap_schedule", "true");
    settings.put("dp_attention", "false");
    settings.put("gqa_shared_kv_reads", "true");
    settings.put("draft_launch", "per-forward");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    StringBuilder y = new StringBuilder("recipes:\n  - id: x\n    name: x\n");
    settings.forEach((k, v) -> y.append("    ").append(k).append(": {value: ").append(v).append(", source: s}\n"));
    return y.toString();
  }
}
