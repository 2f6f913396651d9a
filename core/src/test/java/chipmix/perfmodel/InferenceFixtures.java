package chipmix.perfmodel;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test chips with the figures of {@code chips-and-rules.md} Part A (rows A06 H100 SXM, A10 H20,
 * A29 Ascend 910B), sources S01–S03, S19. Independent of the bundled catalog.
 */
public final class InferenceFixtures {
  private InferenceFixtures() {}

  static Spec s(double v) {
    return Spec.exact(v, "S01", Confidence.HIGH);
  }

  static Spec range(double nominal, double low, double high) {
    return new Spec(nominal, low, high, List.of("S01", "S03"), Confidence.LOW, "sources disagree");
  }

  public static Chip h100() {
    Map<Metric, Spec> m = new EnumMap<>(Metric.class);
    m.put(Metric.BF16, s(989.4));
    m.put(Metric.FP8, s(1979));
    m.put(Metric.INT8, s(1979));
    m.put(Metric.MEMORY_CAPACITY, s(80));
    m.put(Metric.MEMORY_BANDWIDTH, s(3.35));
    m.put(Metric.SCALE_OUT_BANDWIDTH, s(400));
    m.put(Metric.TDP, s(700));
    m.put(Metric.PRICE, new Spec(33_600, 30_000, 44_500, List.of("S01", "S24"), Confidence.LOW, "DGX price / 8"));
    return chip("h100-sxm", "NVIDIA", "H100 SXM5 80GB", "US", m);
  }

  public static Chip h20() {
    Map<Metric, Spec> m = new EnumMap<>(Metric.class);
    m.put(Metric.BF16, s(148));
    m.put(Metric.FP8, s(296));
    m.put(Metric.INT8, s(296));
    m.put(Metric.MEMORY_CAPACITY, s(96));
    m.put(Metric.MEMORY_BANDWIDTH, s(4.0));
    m.put(Metric.TDP, s(400));
    m.put(Metric.PRICE, new Spec(12_000, 10_000, 13_000, List.of("S01"), Confidence.LOW, "reported 10k-13k"));
    return chip("h20", "NVIDIA", "H20", "US", m);
  }

  public static Chip ascend910b() {
    Map<Metric, Spec> m = new EnumMap<>(Metric.class);
    m.put(Metric.BF16, range(320, 320, 376));
    m.put(Metric.INT8, s(640));
    m.put(Metric.MEMORY_CAPACITY, s(64));
    m.put(Metric.MEMORY_BANDWIDTH, range(1.228, 1.2, 1.6));
    m.put(Metric.TDP, s(400));
    m.put(Metric.PRICE, new Spec(16_854, 16_854, 16_854, List.of("S01"), Confidence.LOW, "CNY 120k"));
    return chip("ascend-910b", "Huawei", "Ascend 910B", "CN", m);
  }

  static Chip chip(String id, String vendor, String name, String origin, Map<Metric, Spec> specs) {
    return new Chip(id, vendor, name, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), origin, Market.values()[0], specs, List.of("S01"), "");
  }

  public static SystemSpec system(Chip chip) {
    double scaleUp = chip.id().equals("ascend-910b") ? 392 : 900;
    Optional<Spec> scaleOut = chip.id().equals("h100-sxm") ? Optional.of(s(400)) : Optional.empty();
    return new SystemSpec(chip.id() + "-node", chip.name() + " x8", chip.id(), 8, 8, s(scaleUp), scaleOut,
        List.of("S01"), "");
  }

  public static Catalog catalog() {
    List<Chip> chips = List.of(h100(), h20(), ascend910b());
    return new Catalog(chips, chips.stream().map(InferenceFixtures::system).toList(), Map.of());
  }

  public static InferenceDevice device(Chip chip) {
    Calibrations c = Calibrations.bundled();
    return new InferenceDevice(Hardware.of(chip, system(chip), c.forChip(chip)), c.inferenceFor(chip));
  }

  /** The device with a 400 Gb/s NIC per device assumed where the catalog gives none (as a user's --scale-out-gbps 400). */
  public static InferenceDevice deviceWithScaleOut(Chip chip) {
    InferenceDevice d = device(chip);
    return d.hardware().scaleOutPerDevice().isPresent() ? d
        : new InferenceDevice(d.hardware().withScaleOutGbps(new Spec(400, 400, 400, List.of("user"), Confidence.LOW,
            "assumed")), d.serving());
  }
}
