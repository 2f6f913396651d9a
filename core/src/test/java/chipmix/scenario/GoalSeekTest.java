package chipmix.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Source;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.scenario.Engines.Replica;
import chipmix.scenario.Engines.TrainingRate;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code plan --solve}: the goal-seeking answers, checked against brute force on a small scenario. */
class GoalSeekTest {
  static Chip chip(String id, String vendor, double bf16, double price) {
    return new Chip(id, vendor, vendor + " " + id, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), "US", Market.DATACENTER, Map.of(Metric.BF16, Spec.exact(bf16, "T1", Confidence.HIGH),
            Metric.TDP, Spec.exact(400, "T1", Confidence.HIGH), Metric.PRICE, Spec.exact(price, "T1", Confidence.HIGH)),
        List.of("T1"), "test chip");
  }

  static final Chip CHEAP = chip("cheap-a", "NVIDIA", 100, 1000);
  static final Chip FAST = chip("fast-b", "Huawei", 400, 5000);
  static final Chip BANNED = chip("banned-x", "NVIDIA", 1000, 100);

  static final Catalog CATALOG = new Catalog(List.of(CHEAP, FAST, BANNED), List.<SystemSpec>of(),
      Map.of("T1", new Source("T1", "test source", "test", "", "")));

  /** Training as in Fixtures (64 devices or more, linear); serving only on fast-b: 8 devices serve 10 requests/s. */
  static final Engines ENGINES = new Engines(Fixtures.COMPLIANCE, Fixtures.TRAINING,
      (model, prompt, output, ttft, tpot, weights, kv, chip, system, scaleOut) -> chip.id().equals("fast-b")
          ? Optional.of(new Replica(8, 10, "TP 8")) : Optional.empty(), Map.of());

  /** 60 days of training on 128 cheap-a devices, deadline 2025-03-31; 40 requests/s of serving from 2025-01. */
  static final double TOKENS = 128 * Fixtures.tokensPerDevice(CHEAP) * 86400 * 60;

  static Scenario scenario() {
    return new ScenarioLoader(CATALOG, List.of("llama3-70b")).loadText("""
        name: mix
        organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2025-06, pue: 1.25, electricity_usd_per_kwh: 0.1}
        pools: [{id: seed, chip: cheap-a, count: 8, online: 2024-12-01}]
        training:
          - {id: llm, model: llama3-70b, tokens: %s, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-01-01, deadline: 2025-03-31, pools: [seed]}
        serving:
          - {id: chat, model: llama3-70b, prompt_tokens: 100, output_tokens: 100, ttft_ms: 1000, tpot_ms: 50,
             pools: [seed], requests_per_second: {2025-01: 40}}
        """.formatted(Double.toString(TOKENS)), "mix.yaml");
  }

  static GoalSeek seek() {
    return new GoalSeek(new Planner(CATALOG, ENGINES, m -> {}), CATALOG, ENGINES.compliance());
  }

  @Test
  void mix_isTheCheapestCompliantFleetThatMeetsEverything_asBruteForceFindsIt() {
    Scenario s = scenario();
    GoalSeek g = seek();
    LocalDate by = LocalDate.of(2025, 1, 1);
    int step = 32;
    GoalSeek.MixAnswer answer = g.mix(s, List.of(CHEAP, FAST, BANNED), by, step);
    // banned-x is blocked for this buyer by the (fake) export engine: dropped, with its finding.
    assertThat(answer.dropped()).extracting(c -> c.chip().id()).containsExactly("banned-x");
    // Brute force over the same grid.
    double best = Double.POSITIVE_INFINITY;
    int[] bestCounts = null;
    for (int a = 0; a <= 256; a += step) {
      for (int b = 0; b <= 256; b += step) {
        Plan p = new Planner(CATALOG, ENGINES, m -> {}).plan(g.withDevices(s, Map.of(CHEAP, a, FAST, b), by), Optional.empty());
        double cost = a * 1000.0 + b * 5000.0;
        if (GoalSeek.meetsAll(p) && cost < best) {
          best = cost;
          bestCounts = new int[] {a, b};
        }
      }
    }
    assertThat(bestCounts).isNotNull();
    GoalSeek.Mix mix = answer.mix().orElseThrow();
    assertThat(mix.costUsd()).isEqualTo(best);
    assertThat(mix.devices()).containsEntry("cheap-a", bestCounts[0]).containsEntry("fast-b", bestCounts[1]);
    assertThat(GoalSeek.meetsAll(mix.plan())).isTrue();
    // Serving runs only on fast-b, so the mix has some: 40 requests/s need 4 replicas of 8 = 32 devices.
    assertThat(bestCounts[1]).isGreaterThanOrEqualTo(32);
  }

  @Test
  void devices_isTheFewestOfOneChipThatMeetEverything_andOneStepFewerDoesNot() {
    Scenario s = scenario();
    GoalSeek g = seek();
    LocalDate by = LocalDate.of(2025, 1, 1);
    GoalSeek.Mix m = g.devices(s, FAST, by, 8).orElseThrow();
    int n = m.devices().get("fast-b");
    assertThat(GoalSeek.meetsAll(m.plan())).isTrue();
    Plan fewer = new Planner(CATALOG, ENGINES, x -> {}).plan(g.withDevices(s, Map.of(FAST, n - 8), by), Optional.empty());
    assertThat(GoalSeek.meetsAll(fewer)).isFalse();
  }

  @Test
  void least_bisectsAMonotonePredicateOnTheGrid() {
    assertThat(GoalSeek.least(x -> x >= 1000, 64, 0)).contains(1024);
    assertThat(GoalSeek.least(x -> x >= 0, 64, 0)).contains(0);
    assertThat(GoalSeek.least(x -> false, 1_000_000, 0)).isEmpty();
  }
}
