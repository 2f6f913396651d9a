package chipmix.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.InferenceModel;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.ServingLayout;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deployment constraints of issue #12: expert-parallel degree, chip precision, decode-only and prefill-only pools, cross-vendor KV. */
class ServingConstraintsTest {
  static final Catalog CATALOG = CatalogLoader.bundled();
  static final TransformerModel DSV3 = ModelPresets.find("deepseek-v3").orElseThrow();

  static SizingInput sizing(String model, WeightsRequest weights, List<String> chips, boolean disaggregated,
      Optional<Double> kvTransferGbps) {
    return new SizingInput(model, 2000, 500, weights, Precision.FP8, Optional.of(400.0), Optional.of(20.0),
        Optional.empty(), 2000, 50, chips, disaggregated, 4, 0.10, new ServingOptions(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), kvTransferGbps));
  }

  static EstimateInput estimate(String model, String chip, WeightsRequest weights, Optional<Integer> devices) {
    return new EstimateInput(model, chip, 2000, 500, weights, Precision.BF16, Optional.of(400.0), devices, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), ServingOptions.DEFAULT);
  }

  @Test
  void candidateLayouts_neverSplitExpertsBeyondTheirCountAndAlwaysDivideIt() {
    int experts = DSV3.moe().orElseThrow().experts();
    for (String chip : List.of("h100-sxm", "h200")) {
      List<ServingLayout> layouts = InferenceModel.candidateLayouts(DSV3,
          DeviceProfiles.of(CATALOG, "`chip`", chip, Optional.of(400.0)).hardware());
      assertThat(layouts).isNotEmpty();
      assertThat(layouts).allSatisfy(l -> {
        assertThat(l.ep()).isLessThanOrEqualTo(experts);
        assertThat(experts % l.ep()).isZero();
      });
      assertThat(layouts).anySatisfy(l -> assertThat(l.ep()).isEqualTo(experts));
    }
  }

  @Test
  void estimate_epAboveTheExpertCount_isAnInputErrorOnEp() {
    InvalidInputException e = catchThrowableOfType(
        () -> estimate("deepseek-v3", "h100-sxm", WeightsRequest.FP8, Optional.of(512)).estimate(CATALOG),
        InvalidInputException.class);
    assertThat(e.issues()).extracting(ValidationIssue::path).contains("`ep`");
    assertThat(e.getMessage()).contains("256 routed experts");
  }

  @Test
  void estimate_fp8OnAChipWithoutFp8_isAnInputErrorNamingChipAndWhatItRuns() {
    InvalidInputException e = catchThrowableOfType(
        () -> estimate("llama3-70b", "ascend-910b", WeightsRequest.FP8, Optional.empty()).estimate(CATALOG),
        InvalidInputException.class);
    assertThat(e.issues()).extracting(ValidationIssue::path).containsExactly("`weights`");
    assertThat(e.getMessage()).contains("ascend-910b").contains("bf16, int8, int4");
  }

  @Test
  void estimate_autoWeights_runsFp8WhereTheChipHasItAndInt8WhereItDoesNot() {
    var h20 = estimate("llama3-70b", "h20", WeightsRequest.AUTO, Optional.empty()).estimate(CATALOG).estimate();
    assertThat(h20.workload().weights()).isEqualTo(Precision.FP8);
    assertThat(h20.computePrecision()).isEqualTo(Precision.FP8);
    assertThat(h20.assumptions().get(0)).contains("`weights` auto runs fp8");
    var ascend = estimate("llama3-70b", "ascend-910b", WeightsRequest.AUTO, Optional.empty()).estimate(CATALOG).estimate();
    assertThat(ascend.workload().weights()).isEqualTo(Precision.INT8);
    assertThat(ascend.computePrecision()).isEqualTo(Precision.INT8);
    assertThat(ascend.assumptions().get(0)).contains("int8 (W8A8");
  }

  @Test
  void size_fp8AskedOnAChipWithoutFp8_substitutesInt8AndSaysSo() {
    SizingResult r = sizing("llama3-70b", WeightsRequest.FP8, List.of("ascend-910b", "h20"), false, Optional.empty())
        .size(CATALOG);
    ServingPlan ascend = r.ranked().stream().filter(p -> p.label().equals("ascend-910b")).findFirst().orElseThrow();
    assertThat(ascend.pools().get(0).estimate().computePrecision()).isEqualTo(Precision.INT8);
    assertThat(ascend.why()).anySatisfy(s -> assertThat(s).contains("fp8 weights asked").contains("int8"));
    assertThat(r.assumptions()).anySatisfy(s -> assertThat(s).startsWith("ascend-910b: fp8 weights asked"));
    ServingPlan h20 = r.ranked().stream().filter(p -> p.label().equals("h20")).findFirst().orElseThrow();
    assertThat(h20.pools().get(0).estimate().computePrecision()).isEqualTo(Precision.FP8);
  }

  @Test
  void size_crossVendorPair_isRefusedWithTheReasonUnlessATransferPathIsDeclared() {
    SizingResult refused = sizing("llama3-70b", WeightsRequest.AUTO, List.of("h100-sxm", "ascend-910b"), true,
        Optional.empty()).size(CATALOG);
    assertThat(refused.rejected()).anySatisfy(x -> {
      assertThat(x.label()).isEqualTo("h100-sxm -> ascend-910b");
      assertThat(x.reason()).contains("between vendors").contains("`kv_transfer_gbps`");
    });
    SizingResult declared = sizing("llama3-70b", WeightsRequest.AUTO, List.of("h100-sxm", "ascend-910b"), true,
        Optional.of(100.0)).size(CATALOG);
    assertThat(declared.rejected()).noneSatisfy(x -> assertThat(x.reason()).contains("between vendors"));
  }

  @Test
  void size_decodeOnlyPool_meetsTpotWithThePureDecodeStepAndPrefillPoolBatchesPromptsWithinTtft() {
    SizingResult r = sizing("llama3-70b", WeightsRequest.AUTO, List.of("h100-sxm"), true, Optional.empty()).size(CATALOG);
    ServingPlan p = r.ranked().stream().filter(ServingPlan::disaggregated).findFirst().orElseThrow();
    Pool prefill = p.pools().get(0);
    Pool decode = p.pools().get(1);
    assertThat(decode.role()).isEqualTo(Pool.Role.DECODE);
    // the decode pool's TPOT is its decode step (no interleaved prefill), and the next batch would miss the target
    assertThat(p.tpot()).isEqualTo(decode.estimate().decodeStep());
    assertThat(p.tpot().toMillis()).isLessThanOrEqualTo(50);
    assertThat(prefill.role()).isEqualTo(Pool.Role.PREFILL);
    assertThat(p.ttft().toMillis()).isLessThanOrEqualTo(2000);
    // more than one 2000-token prompt per forward pass fits in a 2 s TTFT on H100
    assertThat(prefill.batch()).isGreaterThan(prefill.layout().attentionGroups());
  }

  @Test
  void size_kvTransferWithoutDisaggregation_isAnInputError() {
    InvalidInputException e = catchThrowableOfType(() -> sizing("llama3-70b", WeightsRequest.AUTO, List.of("h20"), false,
        Optional.of(100.0)).size(CATALOG), InvalidInputException.class);
    assertThat(e.issues()).extracting(ValidationIssue::path).containsExactly("`kv_transfer_gbps`");
  }
}
