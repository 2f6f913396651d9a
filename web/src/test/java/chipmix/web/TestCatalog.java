package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Source;
import chipmix.catalog.SourceKind;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small catalog for web tests, built with the record constructors. Figures are from
 * /work/shared/reference/chips-and-rules.md Part A rows A06 (H100 SXM), A10 (H20) and A29
 * (Ascend 910B, a range where sources disagree).
 */
final class TestCatalog {
  private TestCatalog() {}

  static final double H100_BF16 = 989.4; // A06, S01/S02
  static final double H100_FP8 = 1979; // A06: TPP 1979 x 8 = 15832
  static final double H20_BF16 = 148; // A10
  static final double ASCEND_910B_FP16_LOW = 320; // A29, S03
  static final double ASCEND_910B_FP16_HIGH = 376; // A29, Epoch (S01)

  static Catalog catalog() {
    Chip h100 = chip("h100-sxm", "NVIDIA", "H100 SXM5 80GB", List.of("h100"), "US", Map.of(
        Metric.BF16, Spec.exact(H100_BF16, "S02", Confidence.HIGH),
        Metric.FP8, Spec.exact(H100_FP8, "S02", Confidence.HIGH),
        Metric.MEMORY_CAPACITY, Spec.exact(80, "S01", Confidence.HIGH),
        Metric.MEMORY_BANDWIDTH, Spec.exact(3.35, "S01", Confidence.HIGH),
        Metric.DIE_AREA, Spec.exact(814, "S02", Confidence.HIGH),
        Metric.TDP, Spec.exact(700, "S01", Confidence.HIGH)));
    Chip h20 = chip("h20", "NVIDIA", "H20 (HGX)", List.of(), "US", Map.of(
        Metric.BF16, Spec.exact(H20_BF16, "S01", Confidence.HIGH),
        Metric.MEMORY_CAPACITY, Spec.exact(96, "S01", Confidence.HIGH),
        Metric.MEMORY_BANDWIDTH, Spec.exact(4.0, "S01", Confidence.HIGH),
        Metric.TDP, Spec.exact(400, "S01", Confidence.HIGH)));
    Chip ascend = chip("ascend-910b", "Huawei", "Ascend 910B", List.of("910b"), "CN", Map.of(
        Metric.BF16, new Spec(ASCEND_910B_FP16_LOW, ASCEND_910B_FP16_LOW, ASCEND_910B_FP16_HIGH,
            List.of("S03", "S01"), Confidence.LOW, "sources disagree"),
        Metric.MEMORY_CAPACITY, Spec.exact(64, "S03", Confidence.MEDIUM)));
    SystemSpec hgx = new SystemSpec("hgx-h100", "HGX H100 8-GPU", "h100-sxm", 8, 8,
        Spec.exact(900, "S02", Confidence.HIGH), Optional.of(Spec.exact(400, "S01", Confidence.MEDIUM)),
        List.of("S02"), "");
    return new Catalog(List.of(h100, h20, ascend), List.of(hgx), Map.of(
        "S01", new Source("S01", "Epoch AI ML hardware dataset", "Epoch AI", "https://epoch.ai/data/machine-learning-hardware", "2025",
            "", Optional.of(SourceKind.COMPILATION)),
        "S02", new Source("S02", "NVIDIA H100 datasheet", "NVIDIA", "https://www.nvidia.com/en-us/data-center/h100/", "2023",
            "", Optional.of(SourceKind.DATASHEET)),
        "S03", new Source("S03", "Ascend 910B specifications", "Huawei", "https://www.hiascend.com/", "2024")));
  }

  private static Chip chip(String id, String vendor, String name, List<String> aliases, String origin, Map<Metric, Spec> specs) {
    return new Chip(id, vendor, name, aliases, Optional.of("SXM"), Optional.of("2024"), Optional.empty(),
        Optional.empty(), Optional.empty(), origin, Market.DATACENTER, specs, List.of("S01"), "");
  }
}
