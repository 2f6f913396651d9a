package chipmix.serving;

import static chipmix.perfmodel.InferenceFixtures.device;
import static chipmix.perfmodel.InferenceFixtures.deviceWithScaleOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.CatalogLoader;
import chipmix.model.ModelPresets;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.perfmodel.InferenceCalibration;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.InferenceFixtures;
import chipmix.perfmodel.Precision;
import chipmix.units.Seconds;
import chipmix.validation.InfeasibleException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SizerTest {
  static final List<InferenceDevice> THREE = List.of(device(InferenceFixtures.h20()), device(InferenceFixtures.h100()),
      device(InferenceFixtures.ascend910b()));

  static Sizer.Request request(String model, Demand d, List<InferenceDevice> chips, boolean disaggregated) {
    return new Sizer.Request(ModelPresets.find(model).orElseThrow(), d, Precision.FP8, Precision.FP8, chips,
        disaggregated, CostAssumptions.DEFAULT);
  }

  static Demand demand(double rps, int prompt, int output, double ttftMs, double tpotMs) {
    return new Demand(rps, prompt, output, Seconds.ofMillis(ttftMs), Seconds.ofMillis(tpotMs));
  }

  @Test
  void size_ranksPlansByCostPerMillionOutputTokens() {
    SizingResult r = Sizer.size(request("llama3-70b", demand(10, 2000, 500, 2000, 50), THREE, false));
    assertThat(r.ranked()).hasSize(3);
    List<Double> costs = r.ranked().stream().map(p -> p.costPerMillionOutputTokens().orElseThrow()).toList();
    assertThat(costs).isSorted();
    assertThat(r.explanation().get(0)).startsWith(r.ranked().get(0).label() + " ranks first");
  }

  @Test
  void size_aCandidateWhoseServingEntryIsCalibratedFalse_saysWhereItsConstantsComeFrom() {
    // the MI300X's serving entry (calibration.yaml, calibrated: false) comes from kernel benchmarks; the sizing says so
    // with the entry's own note, as the estimate does, rather than a fixed phrase
    InferenceCalibration serving = Calibrations.bundled().inferenceFor("mi300x");
    InferenceDevice mi300x = new InferenceDevice(HardwareProfiles.resolve(CatalogLoader.bundled(), "mi300x", Optional.empty()),
        serving);
    SizingResult r = Sizer.size(request("llama3-70b", demand(10, 2000, 500, 2000, 50), List.of(mi300x), false));
    assertThat(r.assumptions()).contains("mi300x: efficiencies stand for " + serving.software()
        + " (not fitted to its own runs: " + serving.note() + ")");
  }

  @Test
  void size_replicasCoverTheDemand() {
    Demand d = demand(10, 2000, 500, 2000, 50);
    SizingResult r = Sizer.size(request("llama3-70b", d, THREE, false));
    for (ServingPlan p : r.ranked()) {
      Pool pool = p.pools().get(0);
      double perReplica = pool.batch() / pool.estimate().tpot().seconds();
      assertThat(pool.replicas() * perReplica).as(p.label()).isGreaterThanOrEqualTo(d.outputTokensPerSecond());
      assertThat((pool.replicas() - 1) * perReplica).as(p.label()).isLessThan(d.outputTokensPerSecond());
      assertThat(p.tpot().seconds()).isLessThanOrEqualTo(d.tpot().seconds());
      assertThat(p.ttft().seconds()).isLessThanOrEqualTo(d.ttft().seconds());
    }
  }

  @Test
  void size_costIsDevicesTimesDeviceHourOverTokens() {
    Demand d = demand(10, 2000, 500, 2000, 50);
    ServingPlan p = Sizer.size(request("llama3-70b", d, List.of(device(InferenceFixtures.h100())), false)).ranked().get(0);
    // 33,600 USD over 4 years of hours plus 0.7 kW at 0.10 USD/kWh (CostAssumptions.DEFAULT)
    double perDeviceHour = 33_600 / (4 * 365 * 24.0) + 0.7 * 0.10;
    double expected = p.devices() * perDeviceHour / (d.outputTokensPerSecond() * 3600) * 1e6;
    assertThat(p.costPerMillionOutputTokens().orElseThrow()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p.powerKw().orElseThrow()).isCloseTo(p.devices() * 0.7, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  @DisplayName("disaggregated: long prompts prefilled on H100 and decoded on H20 beat both chips alone")
  void size_disaggregated_h100PrefillH20Decode_wins() {
    List<InferenceDevice> chips = List.of(deviceWithScaleOut(InferenceFixtures.h20()), device(InferenceFixtures.h100()));
    SizingResult r = Sizer.size(request("llama3-70b", demand(20, 8000, 500, 3000, 50), chips, true));
    ServingPlan win = r.ranked().get(0);
    assertThat(win.label()).isEqualTo("h100-sxm -> h20");
    assertThat(win.kvTransfer()).isPresent();
    assertThat(win.pools()).extracting(Pool::role).containsExactly(Pool.Role.PREFILL, Pool.Role.DECODE);
  }

  @Test
  void size_disaggregatedWithoutScaleOut_rejectsThePairWithTheReason() {
    SizingResult r = Sizer.size(request("llama3-70b", demand(10, 2000, 500, 2000, 50), THREE, true));
    assertThat(r.rejected()).anySatisfy(x -> {
      assertThat(x.label()).isEqualTo("h20 -> h20");
      assertThat(x.reason()).contains("no scale-out bandwidth for h20").contains("`scale_out_gbps`");
    });
  }

  @Test
  void size_targetNoChipMeets_isInfeasibleListingEveryCandidate() {
    assertThatThrownBy(() -> Sizer.size(request("llama3-70b", demand(10, 2000, 500, 2000, 0.5), THREE, false)))
        .isInstanceOf(InfeasibleException.class)
        .hasMessageContaining("h20: the best achievable TPOT is")
        .hasMessageContaining("h100-sxm: the best achievable TPOT is")
        .hasMessageContaining("ascend-910b: the best achievable TPOT is");
  }

  @Test
  void size_memoryBoundWinner_explainsWithBandwidthPerDollar() {
    // a 400 Gb/s NIC per device assumed for H20 and 910B (the catalog gives none), so expert parallelism can span nodes
    List<InferenceDevice> chips = List.of(deviceWithScaleOut(InferenceFixtures.h20()),
        deviceWithScaleOut(InferenceFixtures.ascend910b()));
    // a small dense model at a tight TPOT: small memory-bound batches, where the H20's bandwidth per dollar wins
    // (DeepSeek-V3 at 50 ms on the H20 is compute-bound since its expert GEMMs pad each expert's few tokens to whole blocks)
    SizingResult r = Sizer.size(request("llama3-8b", demand(10, 2000, 500, 4000, 15), chips, false));
    assertThat(r.ranked().get(0).label()).isEqualTo("h20");
    assertThat(r.ranked().get(0).pools().get(0).bound()).isEqualTo(chipmix.perfmodel.StepTime.Bound.MEMORY);
    assertThat(r.explanation()).anySatisfy(s -> assertThat(s).contains("Memory-bound decode").contains("memory bandwidth per dollar decides").contains("GB/s per 1000 USD"));
    assertThat(r.rejected()).isEmpty();
  }

  @Test
  void demandProblems_listEveryBadOption() {
    assertThat(Demand.problems(-1.0, 5.0, 0, -3)).extracting(i -> i.path())
        .containsExactly("`demand_rps`", "`demand_rps`", "`ttft_ms`", "`tpot_ms`");
    assertThat(Demand.problems(null, null, 100, 10)).extracting(i -> i.path()).containsExactly("`demand_rps`");
  }
}
