package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

public class InferenceValidationTest {
  /**
   * Cases the model misses by more than their tolerance today, each for a reason docs/inference-model.md
   * ("Validation") states; pinned so that a change which moves any case across its tolerance shows here.
   */
  public static final java.util.Set<String> KNOWN_MISSES = java.util.Set.of(
      // trtllm-h100-llama2-7b-tp1-b768-128-128 (+44% to +20%), trtllm-h100-llama2-70b-tp2-b1024-128-128 (+35% to +4%),
      // sglang-dsv3-h100-decode-ep72 (+32% to +28%) and trtllm-perf-h100-l31-405b-tp8-128-2048 (+39% to +30%) left
      // this set on 2026-12-03 (serve11) when each kernel class of a step was charged at its own bound (a GEMM
      // compute-bound at a large batch no longer hides the attention kernels' KV reads)
      // deepseek-h800-decode-mtp (+37% to +22.5%) and rtp-llm-h800-prefill-ep32 (+45% to +23%) left this set on
      // 2026-12-03 (h800serve10) when the busiest expert-parallel rank set the pace of layouts spanning nodes
      // (expert_load_imbalance: LMSYS's EP32 ablation, perfect EPLB against the data's expert distribution)
      "trtllm-h100-llama2-70b-tp4-ttft-128",
      // antgroup-h20-decode-ep16 left this set on 2026-12-03 (serve5): +47% at the largest batch that fits, +17.5% at
      // 63 per GPU (Ant Group's DeepGEMM PR #14: 64 per GPU misses the TPOT SLA on H20) with 200 Gb/s NICs (S28);
      // +1.4% since serve6 at Ant's logged 32 per rank with MTP (acceptance 1.92; sglang PR #11854)
      // moved past 30% when the training refit of the merged issue-#11 model changed the shared H100 and A100
      // constants (2026-12-03): static batch 1024 of short sequences (+35%) and A100 first-token latency at 128 tokens (-32%)
      "trtllm-a100-llama2-7b-tp1-ttft-128",
      // added 2026-12-03 (serve6) as holdouts and predicted once: Alibaba RTP-LLM's reproduction of DeepSeek's H800
      // system (EP144 decode at a stated 13,200 sequences: +39%, +35.5% after the two-batch decode schedule, and
      // relabelled development; EP32 prefill: +45%, still a holdout), the same direction as deepseek-h800-decode-mtp,
      // so that gap is not an artefact of DeepSeek's day-long average. The decode left this set on 2026-12-03
      // (serve9: +31.1% to +25.9% when a two-batch decode pass's kernel classes became the stages of SGLang's schedule);
      // the prefill left it on 2026-12-03 (h800serve10, above), development since
      // added 2026-12-03 (serve7) as holdouts from two sources other than Pangu on the Ascend 910B and predicted once:
      // SGLang's EAGLE3 decode of Qwen3-32B at one sequence on 8 cards (-50%: the Pangu-fitted fixed costs, and 2 ms per
      // draft step), GPUStack's MindIE W8A8 32K-token prefill (-58%: 3.7x vLLM-Ascend's on the same chip, which the
      // model meets at +19% with the same constants); vLLM-Ascend BF16 decode at 4 sequences (+39%) is +7% since serve10
      // (piecewise ACL graphs with the attention launched outside them, and the 910B's eager per-layer overhead).
      // Since ascendserve10 (2026-12-03, both development): the EAGLE3 row -40% -> -33% (SGLang's spec v2 worker, one
      // scheduler step per iteration); the MindIE 32K prefill -57% -> -29% (CANN's measured fused-attention rate, a length
      // curve, where the 910B took the H100 training value), within tolerance; the vLLM-Ascend 32K prefill, +23% before,
      // +76% with that rate and +33% once its attention operator computes the whole masked square (isTriuMask 0)
      "sglang-npu-910b-qwen3-32b-bf16-tp8-4096-1500-c1", "gpustack-910b-qwen3-8b-vllm-bf16-prefill-32k",
      // added 2026-12-03 (holdouts8) as holdouts from AMD's own vLLM results on MI300X and predicted once, nothing
      // changed after: the offline maximum-throughput rows are +38% to +84% too fast (the MI300X has no serving
      // constants and runs on the defaults), while the same page's batch-1 and batch-4 latency rows are within 30%
      // (-28%, -17%); docs/validation.md, holdouts8. Development since mi300x9 (2026-12-03), which gave the MI300X a
      // serving entry from its own stream-bandwidth benchmark (0.80 of 5.3 TB/s, not fitted): +37% to +79%, and the
      // batch-1 row moved just past 30% (-30.1%: the lower, measured memory ceiling makes batch 1 slower still).
      // mi300xserve10 (2026-12-03): the four throughput rows left this set (+14%, +15%, +3%, +28%) with the MI300X's
      // decode GEMM size curve (hipBLASLt FP8 benchmark), vLLM's per-sequence host time per step (no async scheduling)
      // and the runs' prompt counts as their batches; batch 1 is still -30.4% (its fixed costs are NVIDIA-derived)
      "amd-vllm-mi300x-l31-70b-tp8-b1-128-2048",
      // added 2026-12-03 (holdouts10) as holdouts written from their sources and predicted once, nothing changed after
      // (docs/validation.md, holdouts10): OCI's vLLM Llama 3.1 405B on 8 MI300X, one static batch of 256 at 128/128
      // tokens (+48.6% as first measured on holdouts10's branch, +20.3% once mi300xserve10, developed without seeing it,
      // was merged: it left this set); TensorRT-LLM perf-overview's 20000/2000 rows on one H200, Llama 3.1 8B and 3.3 70B
      "trtllm-perf-h200-l31-8b-tp1-20000-2000",
      "trtllm-perf-h200-l33-70b-tp1-20000-2000");

  @Test
  void bundledCases_fitCasesReproduceAndTheMissesAreTheDocumentedOnes() {
    List<InferenceValidation.Result> results = InferenceValidation.run(InferenceValidation.bundledCases(),
        chipmix.catalog.CatalogLoader.bundled(), Calibrations.bundled());
    // the Ascend fit (two decode rows, two constants) leaves residuals under 5%
    assertThat(results).filteredOn(r -> r.c().fitted()).isNotEmpty()
        .allSatisfy(r -> assertThat(Math.abs(r.error())).as(r.c().id()).isLessThan(0.05));
    assertThat(results).filteredOn(r -> !r.withinTolerance()).extracting(r -> r.c().id())
        .containsExactlyInAnyOrderElementsOf(KNOWN_MISSES);
  }

  @Test
  void bundledCases_medianErrorWithinTwentyPercentOnFiveChips() {
    List<InferenceValidation.Result> results = InferenceValidation.run(InferenceValidation.bundledCases(),
        chipmix.catalog.CatalogLoader.bundled(), Calibrations.bundled());
    double[] errors = results.stream().mapToDouble(r -> Math.abs(r.error())).sorted().toArray();
    double median = errors.length % 2 == 1 ? errors[errors.length / 2]
        : (errors[errors.length / 2 - 1] + errors[errors.length / 2]) / 2;
    assertThat(results).hasSizeGreaterThanOrEqualTo(12);
    assertThat(results.stream().map(r -> r.c().chip()).distinct())
        .contains("h20", "h100-sxm", "ascend-910b", "h800-sxm", "a100-80gb-sxm");
    assertThat(median).isLessThanOrEqualTo(0.20);
  }

  @Test
  void bundledCases_publishedBatchesFitInMemory() {
    for (InferenceValidation.Case c : InferenceValidation.bundledCases()) {
      if (c.batch().isPresent()) {
        var catalog = chipmix.catalog.CatalogLoader.bundled();
        InferenceDevice dev = InferenceFixtures.device(catalog.chip("chip", c.chip()));
        assertThat(InferenceModel.maxBatch(dev, chipmix.model.Models.resolve(c.model()), c.layout(), c.workload()))
            .as(c.id()).isGreaterThanOrEqualTo(c.batch().get());
      }
    }
  }

  @Test
  void staticBatch_thePrefillPassYieldsTheFirstTokenSoOutputOfOneHasNoDecodeStep() {
    var catalog = chipmix.catalog.CatalogLoader.bundled();
    InferenceDevice dev = InferenceFixtures.device(catalog.chip("chip", "h100-sxm"));
    ServingLayout layout = new ServingLayout(1, 1, 1);
    var model = chipmix.model.Models.resolve("llama2-7b");
    int batch = 8;
    for (int output : new int[] {1, 129}) {
      Workload w = new Workload(128, output, Precision.FP8, Precision.FP8);
      InferenceValidation.Case c = new InferenceValidation.Case("static-" + output, "test", "llama2-7b", "h100-sxm", layout,
          w, InferenceValidation.Phase.STATIC, java.util.Optional.of(batch), 1, 100, "holdout", "test", 0.3, "",
          new InferenceValidation.Setup(java.util.Optional.empty(), new Speculation.None(), java.util.Optional.empty()));
      double prefill = InferenceModel.prefill(dev, model, layout, w, batch).total().seconds();
      double step = InferenceModel.decodeTokenTime(dev, model, layout, w, batch).seconds();
      // output tokens: one from the prefill pass, output - 1 from decode steps
      double expected = (double) batch * output / (prefill + (output - 1) * step);
      assertThat(InferenceValidation.predict(c, dev).predicted()).as("output " + output)
          .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-9));
    }
  }

  @Test
  void bundledCases_everyCaseIsKindInferenceWithASource() {
    assertThat(InferenceValidation.bundledCases()).allSatisfy(c -> assertThat(c.source()).isNotBlank());
  }
}
