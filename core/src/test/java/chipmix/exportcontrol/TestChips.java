package chipmix.exportcontrol;

import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chips for the export tests, built from the figures in chips-and-rules.md Part A (table A.2,
 * source ids as given there). Only the facts the rules use are set.
 */
final class TestChips {
  private TestChips() {}

  static final class Builder {
    private final String id;
    private final Map<Metric, Spec> specs = new EnumMap<>(Metric.class);
    private Market market = Market.DATACENTER;
    private String origin = "US";
    private List<String> aliases = List.of();

    Builder(String id) {
      this.id = id;
    }

    Builder with(Metric m, double value, String source) {
      specs.put(m, Spec.exact(value, source, Confidence.HIGH));
      return this;
    }

    Builder range(Metric m, double low, double high, String source) {
      specs.put(m, new Spec(low, low, high, List.of(source), Confidence.LOW, "sources conflict"));
      return this;
    }

    Builder market(Market m) {
      market = m;
      return this;
    }

    Builder origin(String o) {
      origin = o;
      return this;
    }

    Builder aliases(String... a) {
      aliases = List.of(a);
      return this;
    }

    /** The vendor a vendor letter binds, from the id (the catalog's vendor names); "test" otherwise. */
    private String vendor() {
      if (id.matches("(h|a|b|l)[0-9].*|rtx-.*")) {
        return "NVIDIA";
      }
      if (id.startsWith("mi")) {
        return "AMD";
      }
      if (id.startsWith("gaudi")) {
        return "Intel";
      }
      return "test";
    }

    Chip build() {
      return new Chip(id, vendor(), id.toUpperCase(java.util.Locale.ROOT), aliases, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), origin, market, specs, List.of("S01"), "");
    }
  }

  static Builder chip(String id) {
    return new Builder(id);
  }

  /** A chip with a published TPP and (optionally) die area: for threshold boundaries. */
  static Chip tppChip(double tpp, Double dieArea, Market market) {
    Builder b = chip("custom").with(Metric.TPP_REPORTED, tpp, "user-input").market(market);
    if (dieArea != null) {
      b.with(Metric.DIE_AREA, dieArea, "user-input");
    }
    return b.build();
  }

  // A10 H20: FP8 296 (S01; S02), die 814 (S02), 4.0 TB/s, NVLink 900.
  static final Chip H20 = chip("h20").with(Metric.FP8, 296, "S02").with(Metric.BF16, 148, "S01")
      .with(Metric.DIE_AREA, 814, "S02").with(Metric.MEMORY_BANDWIDTH, 4.0, "S01")
      .with(Metric.SCALE_UP_BANDWIDTH, 900, "S01").build();
  // A06 H100 SXM: FP8 1979, die 814, 3.35 TB/s, NVLink 900.
  static final Chip H100 = chip("h100-sxm").with(Metric.FP8, 1979, "S01").with(Metric.DIE_AREA, 814, "S02")
      .with(Metric.MEMORY_BANDWIDTH, 3.35, "S01").with(Metric.SCALE_UP_BANDWIDTH, 900, "S01").build();
  // A11 H200 SXM: FP8 1979, die 814, 4.8 TB/s, NVLink 900.
  static final Chip H200 = chip("h200-sxm").with(Metric.FP8, 1979, "S01").with(Metric.DIE_AREA, 814, "S02")
      .with(Metric.MEMORY_BANDWIDTH, 4.8, "S01").with(Metric.SCALE_UP_BANDWIDTH, 900, "S22").build();
  // A02 A100 80GB SXM4: INT8 624, die 826, NVLink 600.
  static final Chip A100 = chip("a100").with(Metric.INT8, 624, "S01").with(Metric.DIE_AREA, 826, "S01")
      .with(Metric.MEMORY_BANDWIDTH, 2.039, "S23").with(Metric.SCALE_UP_BANDWIDTH, 600, "S01").build();
  // A04 A800: INT8 624, die 826, NVLink cut to 400.
  static final Chip A800 = chip("a800").with(Metric.INT8, 624, "S01").with(Metric.DIE_AREA, 826, "S01")
      .with(Metric.MEMORY_BANDWIDTH, 2.04, "S01").with(Metric.SCALE_UP_BANDWIDTH, 400, "S02").build();
  // A08 H800 SXM: FP8 1979, die 814, NVLink 400.
  static final Chip H800 = chip("h800").with(Metric.FP8, 1979, "S02").with(Metric.DIE_AREA, 814, "S02")
      .with(Metric.MEMORY_BANDWIDTH, 3.35, "S02").with(Metric.SCALE_UP_BANDWIDTH, 400, "S02").build();
  // A12 B200: FP8 4500, die ~1628 (estimate), 7.7 TB/s.
  static final Chip B200 = chip("b200").with(Metric.FP8, 4500, "S01").with(Metric.DIE_AREA, 1628, "S02")
      .with(Metric.MEMORY_BANDWIDTH, 7.7, "S01").with(Metric.SCALE_UP_BANDWIDTH, 1800, "S01").build();
  // A24 MI325X: FP8 2614.9, die 1017 (est.), 6.0 TB/s.
  static final Chip MI325X = chip("mi325x").with(Metric.FP8, 2614.9, "S01").with(Metric.DIE_AREA, 1017, "S01")
      .with(Metric.MEMORY_BANDWIDTH, 6.0, "S01").with(Metric.SCALE_UP_BANDWIDTH, 896, "S02").build();
  // A18 L40S: FP8 733, die 609, PCIe 64 GB/s, no NVLink.
  static final Chip L40S = chip("l40s").with(Metric.FP8, 733, "S11").with(Metric.DIE_AREA, 609, "S11")
      .with(Metric.MEMORY_BANDWIDTH, 0.864, "S11").with(Metric.IO_BANDWIDTH, 64, "S11").build();
  // A16 L20: INT8 239, die 609.
  static final Chip L20 = chip("l20").with(Metric.INT8, 239, "S01").with(Metric.DIE_AREA, 609, "S01")
      .with(Metric.MEMORY_BANDWIDTH, 0.864, "S01").with(Metric.IO_BANDWIDTH, 64, "S01").build();
  // A17 L2: INT8 193, no die area.
  static final Chip L2 = chip("l2").with(Metric.INT8, 193, "S01").with(Metric.MEMORY_BANDWIDTH, 0.3, "S01").build();
  // A19 RTX 4090: INT8 660.6, die 609, consumer, no NVLink: I/O is PCIe Gen4 x16, 64 GB/s as in the L20/L40S rows.
  static final Chip RTX4090 = chip("rtx-4090").with(Metric.INT8, 660.6, "S01").with(Metric.DIE_AREA, 609, "S13")
      .with(Metric.MEMORY_BANDWIDTH, 1.008, "S12").with(Metric.IO_BANDWIDTH, 64, "S01").market(Market.CONSUMER).build();
  // A20 RTX 4090 D: TPP 4707 as published (S12), die 609 (unconfirmed), consumer.
  static final Chip RTX4090D = chip("rtx-4090d").with(Metric.TPP_REPORTED, 4707, "S12")
      .with(Metric.DIE_AREA, 609, "S12").market(Market.CONSUMER).build();
  // A21 MI250X: BF16 383, die 1580 (S02 estimate), Infinity Fabric 800.
  static final Chip MI250X = chip("mi250x").with(Metric.BF16, 383, "S01").with(Metric.DIE_AREA, 1580, "S02")
      .with(Metric.SCALE_UP_BANDWIDTH, 800, "S01").with(Metric.MEMORY_BANDWIDTH, 3.2, "S01").build();
  // A41 TPU v4: BF16 275, no die area, cloud only.
  static final Chip TPU_V4 = chip("tpu-v4").with(Metric.BF16, 275, "S05").with(Metric.MEMORY_BANDWIDTH, 1.2, "S05")
      .market(Market.CLOUD_ONLY).build();
  // A42 TPU v5e: BF16 197, die 325 (S01, unconfirmed), cloud only.
  static final Chip TPU_V5E = chip("tpu-v5e").with(Metric.BF16, 197, "S06").with(Metric.DIE_AREA, 325, "S01")
      .market(Market.CLOUD_ONLY).build();
  // A29 Ascend 910B: FP16 320 (S03) to 376 (S01), no die area, designed in China.
  static final Chip ASCEND_910B = chip("ascend-910b").range(Metric.BF16, 320, 376, "S01").origin("CN")
      .with(Metric.MEMORY_BANDWIDTH, 1.228, "S01").build();
  // A40 MTT S4000: INT8 200 -> TPP exactly 1600, no die area.
  static final Chip MTT_S4000 = chip("mtt-s4000").with(Metric.INT8, 200, "S01").origin("CN")
      .with(Metric.MEMORY_BANDWIDTH, 0.768, "S01").build();
  // MI308X: specs not public; S02 assumes a TPP close to the H20's (2368). Named by the April 2025 action.
  /** A Gaudi-like Intel part outside 3A090 (TPP 2000, PD 2) with 1,500 GB/s DRAM bandwidth: for Intel's letter. */
  static final Chip GAUDI_BELOW_3A090 = chip("gaudi-test").with(Metric.TPP_REPORTED, 2000, "user-input")
      .with(Metric.DIE_AREA, 1000, "user-input").with(Metric.MEMORY_BANDWIDTH, 1.5, "user-input").build();
  static final Chip MI308X = chip("mi308x").with(Metric.TPP_REPORTED, 2368, "S02").with(Metric.DIE_AREA, 1017, "S01")
      .build();
}
