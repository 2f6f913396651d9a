package chipmix.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Source;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.scenario.Engines.Finding;
import chipmix.scenario.Engines.Reason;
import chipmix.scenario.Engines.Replica;
import chipmix.scenario.Engines.TrainingRate;
import chipmix.scenario.Engines.Verdict;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test chips and fake engines. The fakes stand in for the export, training and inference
 * capabilities with simple, stated rules so that planner expectations can be derived by hand.
 */
final class Fixtures {
  private Fixtures() {}

  /** Test TDP in watts for every test chip (a round number so energy is easy to derive). */
  static final double TDP_W = 400;

  static Chip chip(String id, String vendor, double bf16) {
    return new Chip(id, vendor, vendor + " " + id.toUpperCase(java.util.Locale.ROOT), List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), vendor.equals("Huawei") ? "CN" : "US",
        Market.DATACENTER, Map.of(Metric.BF16, Spec.exact(bf16, "T1", Confidence.HIGH),
            Metric.TDP, Spec.exact(TDP_W, "T1", Confidence.HIGH)), List.of("T1"), "test chip");
  }

  static final Chip H20 = chip("h20", "NVIDIA", 148);
  static final Chip H800 = chip("h800", "NVIDIA", 989);
  static final Chip ASCEND = chip("ascend-910b", "Huawei", 320);
  static final Chip BANNED = chip("banned-x", "NVIDIA", 1000);

  static Catalog catalog() {
    SystemSpec hgx = new SystemSpec("hgx-h20", "HGX H20", "h20", 8, 8, Spec.exact(900, "T1", Confidence.HIGH),
        Optional.empty(), List.of("T1"), "");
    return new Catalog(List.of(H20, H800, ASCEND, BANNED), List.of(hgx),
        Map.of("T1", new Source("T1", "test source", "test", "", ""),
            "R10", new Source("R10", "H20 licence requirement (test copy)", "test", "https://example.org/r10", "2025-04")));
  }

  /** Training fake: the model fits on {@link #MIN_TRAIN_DEVICES} or more devices; throughput is linear in devices. */
  static final int MIN_TRAIN_DEVICES = 64;

  /** Tokens per second per device: bf16 TFLOP/s x 1e12 x 40% MFU / (6 x 1e9 parameters). */
  static double tokensPerDevice(Chip chip) {
    return chip.spec(Metric.BF16).orElseThrow().nominal() * 1e12 * 0.4 / (6 * 1e9);
  }

  static final Engines.Training TRAINING = (model, seq, batch, chip, system, scaleOut, devices) ->
      devices < MIN_TRAIN_DEVICES ? Optional.empty()
          : Optional.of(new TrainingRate(devices * tokensPerDevice(chip), devices, "DP " + devices));

  /** Serving fake: a replica is 8 devices serving 10 requests/s on any chip. */
  static final Engines.Serving SERVING = (model, prompt, output, ttft, tpot, weights, kv, chip, system, scaleOut) ->
      Optional.of(new Replica(8, 10, "8 devices (TP 8)"));

  /** Export fake: banned-x is blocked; h20 on or after 2025-04-09 is at risk; all else clear. */
  static final Engines.Compliance COMPLIANCE = (chip, from, destination, hq, parties, date) -> {
    if (chip.id().equals("banned-x")) {
      return new Finding(Verdict.BLOCKED, "license-required", List.of(new Reason("presumption of denial", List.of("R03"))),
          List.of());
    }
    if (chip.id().equals("h20") && !date.isBefore(LocalDate.of(2025, 4, 9))) {
      return new Finding(Verdict.AT_RISK, "license-required", List.of(new Reason("is-informed letter", List.of("R10"))),
          List.of(new Reason("PRC regulator discourages purchases", List.of("R13"))));
    }
    return new Finding(Verdict.CLEAR, "no-license-required", List.of(new Reason("not controlled", List.of("R03"))), List.of());
  };

  static Engines engines() {
    return new Engines(COMPLIANCE, TRAINING, SERVING, Map.of("catalog", "test"));
  }

  static Planner planner() {
    return new Planner(catalog(), engines(), msg -> {});
  }

  static ScenarioLoader loader() {
    return new ScenarioLoader(catalog(), List.of("llama3-70b", "deepseek-v3"));
  }

  static final String HEADER = """
      name: test
      organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
      settings: {start: 2025-01, end: 2025-12, pue: 1.25, electricity_usd_per_kwh: 0.1, amortization_years: 4,
                 allocation: serving-first}
      """;
}
