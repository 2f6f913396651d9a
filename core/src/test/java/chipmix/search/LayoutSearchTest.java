package chipmix.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.Layout;
import chipmix.perfmodel.Recompute;
import chipmix.perfmodel.Sharding;
import chipmix.perfmodel.TrainingCostModel;
import chipmix.perfmodel.TrainingOptions;
import chipmix.testing.TestChips;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayoutSearchTest {
  static TransformerModel model(String name) {
    return ModelPresets.find(name).orElseThrow();
  }

  @Test
  void search_publishedMegatronRun_findsALayoutAtLeastAsFast() {
    // Narayanan SC'21 Table 1: 145.6B on 1536 A100, batch 2304, tp 8, pp 8, dp 24, full recompute.
    TrainingRequest published = new TrainingRequest(model("megatron-gpt-145.6b"), TestChips.hardware("a100"), 1536,
        TrainingOptions.of(2048, 2304).withOverlap(false, false).withFlashAttention(false),
        PartialLayout.OPEN.withTp(8).withPp(8).withDp(24).withCp(1).withEp(1).withMicroBatch(2).withRecompute(Recompute.FULL)
            .withSharding(Sharding.NONE));
    TrainingEstimate authors = TrainingEstimator.estimate(published);
    TrainingRequest open = new TrainingRequest(published.model(), published.hardware(), 1536, published.options(), PartialLayout.OPEN);
    TrainingEstimator.SearchOutcome s = TrainingEstimator.search(open, 5, Objective.TIME);
    TrainingEstimate best = s.best().get(0);
    assertThat(best.stepSeconds()).isLessThanOrEqualTo(authors.stepSeconds());
    assertThat(best.fits()).isTrue();
    // a practitioner's layout: tensor parallel inside the 8-GPU node
    assertThat(best.layout().tp()).isLessThanOrEqualTo(8);
    assertThat(best.layout().devices()).isEqualTo(1536);
    assertThat(s.evaluated()).isGreaterThan(s.feasible());
    assertThat(s.best()).isSortedAccordingTo((a, b) -> Double.compare(a.stepSeconds(), b.stepSeconds()));
  }

  @Test
  void search_everyPublishedCase_bestIsAtLeastAsFastAsTheAuthorsLayout() {
    var catalog = chipmix.catalog.CatalogLoader.bundled();
    for (chipmix.published.PublishedCase pc : chipmix.published.PublishedCases.bundled()) {
      chipmix.published.TrainingCase c = (chipmix.published.TrainingCase) pc;
      TrainingRequest req = chipmix.published.Validation.request(c,
          chipmix.perfmodel.HardwareProfiles.resolve(catalog, c.chip(), Optional.empty()));
      TrainingEstimate authors;
      try {
        authors = TrainingEstimator.estimate(req);
      } catch (InvalidInputException e) {
        continue; // a published layout the model cannot represent (FSDP with pipeline parallelism) bounds nothing
      }
      TrainingEstimate best = TrainingEstimator.search(new TrainingRequest(req.model(), req.hardware(), c.devices(), req.options(),
          PartialLayout.OPEN), 1, Objective.TIME).best().get(0);
      if (!authors.fits()) {
        continue; // a published layout our memory model says does not fit (DeepSeek-V3) is no bound for fitting layouts
      }
      assertThat(best.stepSeconds()).as(c.id() + ": " + best.layout() + " vs " + authors.layout())
          .isLessThanOrEqualTo(authors.stepSeconds() * (1 + 1e-12));
      assertThat(best.layout().tp()).as(c.id()).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void interleaving_withLayersNotDividedByPpTimesVpp_isAllowed_theBusiestStageSetsThePace() {
    // Meta's Llama 3 405B run (126 layers, tp 8, pp 16, cp 1, dp 128 on 16,384 H100) interleaves although
    // 16 x v never divides 126 (Llama 3 paper §3.3.2: first and last stage one layer fewer); Megatron-Core's
    // custom pipeline layout also drops the divisibility rule. The busiest device holds ceil(126 / 16) = 8 layers
    // whatever v (its chunks need not be equal), so interleaving only shrinks the bubble.
    TrainingCostModel c = new TrainingCostModel(model("llama3-405b"), TestChips.hardware("h100"), TrainingOptions.of(8192, 2048));
    assertThat(c.layersOnBusiestStage(16, 1)).isEqualTo(8);
    assertThat(c.layersOnBusiestStage(16, 2)).isEqualTo(8);
    assertThat(c.layersOnBusiestStage(16, 4)).isEqualTo(8);
    assertThat(c.layersOnBusiestStage(16, 7)).isEqualTo(8); // 112 virtual stages for 126 layers: 14 chunks hold 2, spread
    PartialLayout meta = PartialLayout.OPEN.withTp(8).withPp(16).withDp(128).withCp(1).withEp(1).withMicroBatch(1);
    TrainingRequest plain = new TrainingRequest(model("llama3-405b"), TestChips.hardware("h100"), 16384,
        TrainingOptions.of(8192, 2048), meta.withVpp(1));
    TrainingRequest interleaved = new TrainingRequest(plain.model(), plain.hardware(), 16384, plain.options(), meta.withVpp(4));
    TrainingEstimate p = TrainingEstimator.estimate(plain);
    TrainingEstimate v = TrainingEstimator.estimate(interleaved);
    assertThat(v.layout().vpp()).isEqualTo(4);
    assertThat(v.stepSeconds()).isLessThan(p.stepSeconds());
    TrainingEstimate best = TrainingEstimator.search(new TrainingRequest(plain.model(), plain.hardware(), 16384, plain.options(),
        PartialLayout.OPEN), 1, Objective.TIME).best().get(0);
    assertThat(best.stepSeconds()).isLessThanOrEqualTo(v.stepSeconds());
  }

  @Test
  void validate_vppBeyondOneLayerPerVirtualStage_saysTheLargestVpp() {
    TrainingRequest r = new TrainingRequest(model("llama3-70b"), TestChips.hardware("h100"), 64, TrainingOptions.of(4096, 256),
        PartialLayout.OPEN.withPp(16).withVpp(6));
    assertThatThrownBy(r::validate).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("`vpp`: pp x vpp = 96 exceeds the 80 layers of llama3-70b; each virtual stage needs at least one"
            + " layer (choose vpp of at most 5)");
  }

  @Test
  void budget_carriesTheCatalogRanges_daysFromTheStepRange_costFromThePriceRange() {
    // days = tokens / tokens-per-second scale with the step time, so the step-time range carries over;
    // cost = device-hours x price / (years x 8760 h) at the low and high catalog price. Bundled catalog:
    // the H100 price is a range (its rates are not), the 910B peak is a range (its price is not).
    chipmix.catalog.Catalog catalog = chipmix.catalog.CatalogLoader.bundled();
    PartialLayout dp64 = PartialLayout.OPEN.withTp(1).withPp(1).withDp(64).withCp(1).withEp(1).withVpp(1).withMicroBatch(1)
        .withRecompute(Recompute.NONE).withSharding(Sharding.ZERO2);
    double hours = 4 * 365 * 24;

    chipmix.perfmodel.Hardware h100 = chipmix.perfmodel.HardwareProfiles.resolve(catalog, "h100-sxm", Optional.empty());
    chipmix.catalog.Spec price = h100.priceSpec().orElseThrow();
    assertThat(price.isRange()).isTrue();
    TrainingEstimate e = TrainingEstimator.estimate(new TrainingRequest(model("llama2-7b"), h100, 64,
        TrainingOptions.of(4096, 256).withTokens(1e12), dp64));
    TrainingEstimate.Budget b = e.budget().orElseThrow();
    assertThat(e.ranges()).isEmpty();
    assertThat(b.daysRange()).isEmpty();
    assertThat(b.costUsdRange().orElseThrow()[0]).isCloseTo(b.deviceHours() * price.low() / hours, withPercentage(1e-9));
    assertThat(b.costUsdRange().orElseThrow()[1]).isCloseTo(b.deviceHours() * price.high() / hours, withPercentage(1e-9));

    chipmix.perfmodel.Hardware ascend = chipmix.perfmodel.HardwareProfiles.resolve(catalog, "ascend-910b", Optional.empty())
        .withScaleOutGbps(chipmix.catalog.Spec.exact(200, "test", chipmix.catalog.Confidence.HIGH));
    TrainingEstimate a = TrainingEstimator.estimate(new TrainingRequest(model("llama2-7b"), ascend, 64,
        TrainingOptions.of(4096, 256).withTokens(1e12), dp64));
    double[] step = a.ranges().orElseThrow().stepSeconds();
    TrainingEstimate.Budget ab = a.budget().orElseThrow();
    assertThat(ab.daysRange().orElseThrow()[0]).isCloseTo(ab.days() * step[0] / a.stepSeconds(), withPercentage(1e-9));
    assertThat(ab.daysRange().orElseThrow()[1]).isCloseTo(ab.days() * step[1] / a.stepSeconds(), withPercentage(1e-9));
    assertThat(ab.daysRange().orElseThrow()[0]).isLessThan(ab.days());
  }

  @Test
  void estimate_catalogRanges_carryIntoThroughputAndMfu_eachEndAgainstItsOwnPeak() {
    // Ascend 910B: peak 320-376 TFLOP/s and other ranged figures; tokens/s = tokens per step / step time at each end,
    // MFU = model FLOPs per token x tokens/s / devices / that end's peak.
    chipmix.catalog.Catalog catalog = chipmix.catalog.CatalogLoader.bundled();
    chipmix.perfmodel.Hardware ascend = chipmix.perfmodel.HardwareProfiles.resolve(catalog, "ascend-910b", Optional.empty())
        .withScaleOutGbps(chipmix.catalog.Spec.exact(200, "test", chipmix.catalog.Confidence.HIGH));
    PartialLayout dp64 = PartialLayout.OPEN.withTp(1).withPp(1).withDp(64).withCp(1).withEp(1).withVpp(1).withMicroBatch(1)
        .withRecompute(Recompute.NONE).withSharding(Sharding.ZERO2);
    TrainingEstimate a = TrainingEstimator.estimate(new TrainingRequest(model("llama2-7b"), ascend, 64, TrainingOptions.of(4096, 256), dp64));
    TrainingEstimate.Ranges r = a.ranges().orElseThrow();
    double tokensPerStep = 4096.0 * 256;
    assertThat(r.tokensPerSecond()[0]).isCloseTo(tokensPerStep / r.stepSeconds()[1], withPercentage(1e-9));
    assertThat(r.tokensPerSecond()[1]).isCloseTo(tokensPerStep / r.stepSeconds()[0], withPercentage(1e-9));
    assertThat(r.tokensPerSecond()[0]).isLessThan(a.tokensPerSecond());
    assertThat(r.tokensPerSecond()[1]).isGreaterThan(a.tokensPerSecond());
    assertThat(r.modelTflopsPerDevice()[0]).isCloseTo(a.modelFlopsPerToken() * r.tokensPerSecond()[0] / 64 / 1e12, withPercentage(1e-9));
    double slowPeak = ascend.atBound(false).peak(chipmix.perfmodel.Precision.BF16).flopsPerSecond();
    double fastPeak = ascend.atBound(true).peak(chipmix.perfmodel.Precision.BF16).flopsPerSecond();
    double nominalPeak = ascend.peak(chipmix.perfmodel.Precision.BF16).flopsPerSecond();
    // MFU ends: each end's model TFLOP/s over that end's peak, widened to hold the nominal MFU
    double mfuSlow = r.modelTflopsPerDevice()[0] * 1e12 / slowPeak;
    double mfuFast = r.modelTflopsPerDevice()[1] * 1e12 / fastPeak;
    double mfuNominal = a.modelTflopsPerDevice() * 1e12 / nominalPeak;
    assertThat(a.mfu()).isCloseTo(mfuNominal, withPercentage(1e-9));
    assertThat(r.mfu()[0]).isCloseTo(Math.min(mfuNominal, Math.min(mfuSlow, mfuFast)), withPercentage(1e-9));
    assertThat(r.mfu()[1]).isCloseTo(Math.max(mfuNominal, Math.max(mfuSlow, mfuFast)), withPercentage(1e-9));
    assertThat(a.mfu()).isBetween(r.mfu()[0], r.mfu()[1]);
  }

  @Test
  void search_fixedParts_areRespected() {
    TrainingRequest r = new TrainingRequest(model("llama3-70b"), TestChips.hardware("h100"), 64,
        TrainingOptions.of(4096, 256), PartialLayout.OPEN.withTp(8).withPp(4));
    TrainingEstimator.SearchOutcome s = TrainingEstimator.search(r, 3, Objective.TIME);
    assertThat(s.best()).allSatisfy(e -> {
      assertThat(e.layout().tp()).isEqualTo(8);
      assertThat(e.layout().pp()).isEqualTo(4);
      assertThat(e.layout().dp() * e.layout().cp()).isEqualTo(64 / (8 * 4));
    });
  }

  @Test
  void estimate_distributedOptimizerOnOneDataParallelRank_isTheUnshardedLayout() {
    // Megatron accepts --use-distributed-optimizer with a data-parallel group of one (MindSpeed-LLM's TP 8 scripts set
    // it); sharding over one rank leaves every state on it, so time and memory equal the unsharded layout's.
    PartialLayout tp8 = PartialLayout.OPEN.withTp(8).withPp(1).withDp(1).withCp(1).withEp(1).withVpp(1).withMicroBatch(1)
        .withRecompute(Recompute.NONE);
    TrainingOptions opts = TrainingOptions.of(8192, 64);
    TrainingEstimate sharded = TrainingEstimator.estimate(new TrainingRequest(model("llama3-8b"), TestChips.hardware("h100"), 8,
        opts, tp8.withSharding(Sharding.DIST_OPT)));
    TrainingEstimate unsharded = TrainingEstimator.estimate(new TrainingRequest(model("llama3-8b"), TestChips.hardware("h100"), 8,
        opts, tp8.withSharding(Sharding.NONE)));
    assertThat(sharded.layout().sharding()).isEqualTo(Sharding.DIST_OPT);
    assertThat(sharded.stepSeconds()).isEqualTo(unsharded.stepSeconds());
    assertThat(sharded.memoryPerDeviceGiB()).isEqualTo(unsharded.memoryPerDeviceGiB());
  }

  @Test
  void estimate_partialLayout_saysWhatItChose() {
    TrainingRequest r = new TrainingRequest(model("llama3-8b"), TestChips.hardware("h100"), 8, TrainingOptions.of(8192, 64),
        PartialLayout.OPEN.withTp(1));
    TrainingEstimate e = TrainingEstimator.estimate(r);
    assertThat(e.chosen()).contains("pp", "dp", "micro-batch", "recompute", "zero").doesNotContain("tp");
    assertThat(e.fits()).isTrue();
  }

  @Test
  void estimate_modelThatFitsNowhere_isInfeasibleWithAdvice() {
    TrainingRequest r = new TrainingRequest(model("llama3-405b"), TestChips.hardware("h100"), 8, TrainingOptions.of(8192, 8),
        PartialLayout.OPEN);
    assertThatThrownBy(() -> TrainingEstimator.estimate(r)).isInstanceOf(InfeasibleException.class)
        .hasMessageContaining("fits in no layout on 8 x h100")
        .hasMessageContaining("per device")
        .hasMessageContaining("use more devices");
  }

  @Test
  void estimate_completeLayoutThatDoesNotFit_reportsShortfall() {
    TrainingRequest r = new TrainingRequest(model("llama3-70b"), TestChips.hardware("h100"), 8, TrainingOptions.of(4096, 8),
        PartialLayout.of(new Layout(8, 1, 1, 1, 1, 1, 1, Recompute.NONE, Sharding.NONE)));
    TrainingEstimate e = TrainingEstimator.estimate(r);
    assertThat(e.fits()).isFalse();
    // 70.6B params x 18 bytes / 8 devices alone exceed 80 GB (Megatron 18 bytes per parameter)
    assertThat(e.shortfallGiB()).isGreaterThan((70.55e9 * 18 / 8 - 80e9) / (1L << 30));
  }

  @Test
  void validate_badLayout_listsEveryProblemWithWhatToChange() {
    TrainingRequest r = new TrainingRequest(model("llama3-70b"), TestChips.hardware("h100"), 64, TrainingOptions.of(4096, 100),
        PartialLayout.OPEN.withTp(3).withPp(4).withDp(4).withCp(1).withMicroBatch(7));
    assertThatThrownBy(r::validate).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("`tp`: 3 must divide the attention heads 64 and kv heads 8 of llama3-70b; choose one of [1, 2, 4, 8]")
        .hasMessageContaining("`devices`: tp x pp x dp x cp = 3 x 4 x 4 x 1 = 48 must equal `devices` 64")
        .hasMessageContaining("`micro_batch`: the batch per replica 25 (global batch 100 / dp 4) is not divisible by micro-batch 7");
  }

  @Test
  void validate_batchNotDivisibleByDp_andAbsurdTokens_rejected() {
    TrainingRequest r = new TrainingRequest(model("llama3-8b"), TestChips.hardware("h100"), 8,
        TrainingOptions.of(4096, 10).withTokens(1e30), PartialLayout.OPEN.withDp(4));
    assertThatThrownBy(r::validate).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("`global_batch`: 10 sequences are not divisible by data parallel 4")
        .hasMessageContaining("`tokens`: must be a number above 0 and at most 1.0E16 tokens, got 1.0E30");
  }

  @Test
  void search_moe_usesExpertParallelDividingExperts() {
    TrainingRequest r = new TrainingRequest(model("mixtral-8x7b"), TestChips.hardware("h100"), 64, TrainingOptions.of(4096, 256),
        PartialLayout.OPEN);
    TrainingEstimator.SearchOutcome s = TrainingEstimator.search(r, 10, Objective.TIME);
    assertThat(s.best()).allSatisfy(e -> assertThat(8 % e.layout().ep()).isZero());
    assertThat(s.best()).allSatisfy(e -> assertThat(e.layout().dp() % e.layout().ep()).isZero());
  }

  @Test
  void divisors_areSortedAndComplete() {
    assertThat(LayoutSearch.divisors(12)).containsExactly(1, 2, 3, 4, 6, 12);
    assertThat(LayoutSearch.divisors(16)).containsExactly(1, 2, 4, 8, 16);
  }

  @Test
  void costModel_stepBreakdownAddsUpToStep() {
    TrainingCostModel c = new TrainingCostModel(model("llama3-70b"), TestChips.hardware("h100"), TrainingOptions.of(4096, 512));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    double step = c.evaluate(8, 4, 16, 1, 1, 5, 1, Recompute.SELECTIVE, Sharding.DIST_OPT, out);
    double sum = 0;
    for (int i = TrainingCostModel.T_GEMM; i <= TrainingCostModel.T_MOE_HOST; i++) {
      sum += out[i];
    }
    assertThat(sum).isCloseTo(step, org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat(Optional.of(step)).get().isNotNull();
  }
}
