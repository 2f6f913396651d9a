package chipmix.testing;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chips for core tests, with the figures of chips-and-rules.md Part A (rows A02 A100 80GB SXM4,
 * A06 H100 SXM5, A08 H800 SXM5); the bundled catalog is owned by the catalog module.
 */
public final class TestChips {
  private TestChips() {}

  public static final Chip A100 = chip("a100-80gb-sxm", "A100 80GB SXM4", List.of("a100", "a100-80gb", "a100-sxm4-80gb"),
      Map.of(Metric.BF16, 312.0, Metric.MEMORY_CAPACITY, 80.0, Metric.MEMORY_BANDWIDTH, 2.039, Metric.SCALE_UP_BANDWIDTH, 600.0,
          Metric.SCALE_OUT_BANDWIDTH, 200.0, Metric.TDP, 400.0));
  public static final Chip H100 = chip("h100-sxm", "H100 SXM5 80GB", List.of("h100"),
      Map.of(Metric.BF16, 989.4, Metric.FP8, 1979.0, Metric.MEMORY_CAPACITY, 80.0, Metric.MEMORY_BANDWIDTH, 3.35,
          Metric.SCALE_UP_BANDWIDTH, 900.0, Metric.SCALE_OUT_BANDWIDTH, 400.0, Metric.TDP, 700.0, Metric.PRICE, 33600.0));
  public static final Chip H800 = chip("h800-sxm", "H800 SXM5", List.of("h800"),
      Map.of(Metric.BF16, 989.5, Metric.FP8, 1979.0, Metric.MEMORY_CAPACITY, 80.0, Metric.MEMORY_BANDWIDTH, 3.35,
          Metric.SCALE_UP_BANDWIDTH, 400.0, Metric.TDP, 700.0));

  public static final Catalog CATALOG = new Catalog(List.of(A100, H100, H800),
      List.of(node(A100, 600), node(H100, 900), node(H800, 400)), Map.of());

  public static Chip chip(String id, String name, List<String> aliases, Map<Metric, Double> values) {
    Map<Metric, Spec> specs = new EnumMap<>(Metric.class);
    values.forEach((m, v) -> specs.put(m, Spec.exact(v, "S01", Confidence.HIGH)));
    return new Chip(id, "NVIDIA", name, aliases, Optional.of("SXM"), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), "US", Market.values()[0], specs, List.of("S01"), "");
  }

  public static SystemSpec node(Chip c, double nvlinkGbs) {
    return new SystemSpec(c.id() + "-x8", c.name() + " x8 node", c.id(), 8, 8, Spec.exact(nvlinkGbs, "S01", Confidence.HIGH),
        c.spec(Metric.SCALE_OUT_BANDWIDTH), List.of("S01"), "");
  }

  /** The profile of a test chip with the bundled calibration. */
  public static Hardware hardware(String id) {
    Chip c = CATALOG.chip("`chip`", id);
    return Hardware.of(c, CATALOG.defaultSystemFor(c).orElseThrow(), Calibrations.bundled().forChip(c));
  }
}
