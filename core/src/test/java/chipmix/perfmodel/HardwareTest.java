package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.model.ModelPresets;
import chipmix.testing.TestChips;
import chipmix.validation.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardwareTest {
  @Test
  void of_convertsCatalogUnits() {
    Hardware h = TestChips.hardware("h100");
    assertThat(h.peak(Precision.BF16).toTera()).isEqualTo(989.4);
    // NVLink 900 GB/s bidirectional aggregate = 450 GB/s per direction; 400 Gb/s NIC = 50 GB/s
    assertThat(h.scaleUpPerDirection().toGB()).isEqualTo(450);
    assertThat(h.scaleOutPerDevice().orElseThrow().toGB()).isEqualTo(400 / 8.0);
    // "80 GB" of DRAM is 80 GiB (binary die densities), see Hardware.memory()
    assertThat(h.memory().toGiB()).isEqualTo(80);
  }

  @Test
  void of_chipWithoutBandwidth_namesTheMissingMetric() {
    Chip bare = TestChips.chip("bare", "Bare", List.of(), Map.of(Metric.BF16, 100.0));
    assertThatThrownBy(() -> Hardware.of(bare, TestChips.node(TestChips.H100, 900), Calibrations.bundled().fallback()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("memory_gb")
        .hasMessageContaining("memory_bandwidth_tbs");
  }

  @Test
  void rangedPeak_givesStepTimeRange() {
    // Ascend 910B-style disagreement: 320 to 376 TFLOP/s FP16 (chips-and-rules A29)
    Chip c = TestChips.chip("ranged", "Ranged", List.of(), Map.of(Metric.MEMORY_CAPACITY, 64.0, Metric.MEMORY_BANDWIDTH, 1.6,
        Metric.SCALE_UP_BANDWIDTH, 392.0));
    var specs = new java.util.EnumMap<Metric, Spec>(c.specs());
    specs.put(Metric.BF16, new Spec(320, 320, 376, List.of("S03", "S01"), Confidence.LOW, "sources disagree"));
    Chip ranged = new Chip(c.id(), c.vendor(), c.name(), c.aliases(), c.formFactor(), c.released(), c.process(), c.memoryType(),
        c.scaleUpLink(), c.designOrigin(), c.market(), specs, c.sources(), c.notes());
    Hardware h = Hardware.of(ranged, TestChips.node(ranged, 392), Calibrations.bundled().forChip(ranged));
    assertThat(h.hasRanges()).isTrue();
    TrainingCostModel lo = new TrainingCostModel(ModelPresets.find("llama2-7b").orElseThrow(), h.atBound(false),
        TrainingOptions.of(4096, 64));
    TrainingCostModel hi = new TrainingCostModel(ModelPresets.find("llama2-7b").orElseThrow(), h.atBound(true),
        TrainingOptions.of(4096, 64));
    double slow = lo.evaluate(1, 1, 8, 1, 1, 1, 1, Recompute.SELECTIVE, Sharding.DIST_OPT, null);
    double fast = hi.evaluate(1, 1, 8, 1, 1, 1, 1, Recompute.SELECTIVE, Sharding.DIST_OPT, null);
    assertThat(fast).isLessThan(slow);
  }
}
