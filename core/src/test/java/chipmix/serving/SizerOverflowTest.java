package chipmix.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.perfmodel.ServingLayout;
import chipmix.validation.InfeasibleException;
import chipmix.validation.Limits;
import org.junit.jupiter.api.Test;

/** Issue #16 finding 4: a huge demand overflowed int device counts (-1,543,017,584 devices ranked first). */
class SizerOverflowTest {

  @Test
  void demandNeedingMoreThanTheDeviceCap_hasNoAnswerNamingTheCap_neverANegativeCount() {
    assertThatThrownBy(() -> Sizer.size(SizerTest.request("llama3-70b", SizerTest.demand(1e8, 2000, 500, 2000, 50),
        SizerTest.THREE, false)))
        .isInstanceOf(InfeasibleException.class)
        .hasMessageContaining("would need more than 10,000,000 devices for this demand");
  }

  @Test
  void disaggregated_hugeDemand_isRejectedPerPairNotOverflowed() {
    var chips = java.util.List.of(chipmix.perfmodel.InferenceFixtures.deviceWithScaleOut(chipmix.perfmodel.InferenceFixtures.h100()));
    assertThatThrownBy(() -> Sizer.size(SizerTest.request("llama3-70b", SizerTest.demand(1e9, 2000, 500, 2000, 50),
        chips, true)))
        .isInstanceOf(InfeasibleException.class)
        .hasMessageContaining("more than 10,000,000 devices");
  }

  @Test
  void replicasWithinCap_countsInDoubles() {
    ServingLayout eight = new ServingLayout(8, 8, 1);
    // 1e8 requests/s at 0.01 per replica is 1e10 replicas: an int would wrap, the cap refuses it
    assertThat(Sizer.replicasWithinCap(1e8, 0.01, eight)).isEmpty();
    // exactly at the cap: 1,250,000 replicas of 8 devices
    assertThat(Sizer.replicasWithinCap(Limits.DEVICES.max() / 8, 1, eight)).hasValue(1_250_000);
    assertThat(Sizer.replicasWithinCap(Limits.DEVICES.max() / 8 + 1, 1, eight)).isEmpty();
    assertThat(Sizer.replicasWithinCap(0.5, 1, eight)).hasValue(1);
  }

  @Test
  void everyRankedPlan_hasPositiveDeviceCounts_upToTheCap() {
    SizingResult r = Sizer.size(SizerTest.request("llama3-70b", SizerTest.demand(2e4, 2000, 500, 2000, 50),
        SizerTest.THREE, false));
    assertThat(r.ranked()).allSatisfy(p -> assertThat(p.devices()).isBetween(1, (int) Limits.DEVICES.max()));
  }
}
