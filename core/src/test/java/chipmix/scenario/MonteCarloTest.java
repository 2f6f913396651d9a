package chipmix.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import chipmix.scenario.MonteCarlo.Outlook;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class MonteCarloTest {
  private static final String SCENARIO = """
      name: mc
      organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
      settings: {start: 2025-01, end: 2025-12, pue: 1.25, electricity_usd_per_kwh: 0.1, allocation: serving-first,
                 uncertainty: {stop_probability: {license-required: %s}, model_error: %s}}
      pools: [{id: ascend, chip: ascend-910b, count: 640, online: 2024-12-01}]
      orders:
        - {id: h20, chip: h20, quantity: 800, unit_price_usd: 1000, deliveries: [{date: 2025-05-01, count: 800}],
           slip_range: {delay_days: [0, 30], delivered_fraction: [0.5, 1.0]}}
      serving:
        - {id: chat, model: deepseek-v3, prompt_tokens: 100, output_tokens: 100, ttft_ms: 1000, tpot_ms: 50,
           pools: [h20], requests_per_second: {2025-06: 1000}}
      training:
        - {id: llm, model: llama3-70b, tokens: 2e12, sequence_length: 4096, global_batch: 512,
           earliest_start: 2025-03-01, deadline: 2025-04-15, devices: 640, pools: [ascend]}
      """;

  private static Scenario scenario(String stop, String error) {
    return Fixtures.loader().loadText(SCENARIO.formatted(stop, error), "mc.yaml");
  }

  private static Outlook outlook(Scenario s, int n, long seed) {
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    return MonteCarlo.sample(s, p, Fixtures.catalog(), n, seed);
  }

  @Test
  void sameSeed_sameNumbers_whateverTheThreadCount() throws Exception {
    Scenario s = scenario("0.5", "0.2");
    Outlook a = outlook(s, 400, 42);
    Outlook b = new ForkJoinPool(1).submit(() -> outlook(s, 400, 42)).get();
    assertThat(b).isEqualTo(a);
    assertThat(outlook(s, 400, 43)).isNotEqualTo(a);
  }

  @Test
  void anAtRiskDeliveryStoppedInEverySample_leavesItsDemandUnmetAndIsNotPaidFor() {
    // h20 after 2025-04-09 is at risk (license-required) in the fake engine: stopped with probability 1.
    Outlook o = outlook(scenario("1", "0.2"), 200, 1);
    assertThat(o.demands().get(0).maxUnmetRps().p10()).isCloseTo(1000, within(1e-9));
    // Nothing is bought; the ascend pool predates the horizon and has no price: the cost is the run's electricity only.
    assertThat(o.costUsd().p90()).isLessThan(800 * 1000);
  }

  @Test
  void aTinyModelErrorAndNoRange_finishNearThePlannedDate_andTheDeadlineIsMetAsPlanned() {
    Scenario s = scenario("0", "0.0001");
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    LocalDate planned = p.training().get(0).placement().orElseThrow().finish();
    Outlook o = MonteCarlo.sample(s, p, Fixtures.catalog(), 100, 5);
    assertThat(o.runs().get(0).finishP10().orElseThrow()).isBetween(planned.minusDays(1), planned);
    assertThat(o.runs().get(0).finishP90().orElseThrow()).isBetween(planned, planned.plusDays(1));
    assertThat(o.runs().get(0).meetsDeadline()).contains(planned.isAfter(LocalDate.of(2025, 4, 15)) ? 0.0 : 1.0);
  }

  /** A table whose Ascend family has {@code sigma} on many cases from several case families, and a pooled figure of 50%. */
  private static ModelErrorTable table(double sigma) {
    ModelErrorTable.Figure pooled = new ModelErrorTable.Figure(10, java.util.List.of("p1", "p2"), 0.5 * 0.6745, 0.5);
    ModelErrorTable.Figure own = new ModelErrorTable.Figure(5, java.util.List.of("a", "b"), sigma * 0.6745, sigma);
    return new ModelErrorTable(3, 2, pooled, pooled, java.util.List.of(new ModelErrorTable.ChipFamily("huawei-ascend-910",
        java.util.List.of("ascend-910b"), "test", Optional.of(own), Optional.empty())));
  }

  @Test
  void withoutADeclaredError_eachChipUsesItsFamilysCrossValidatedSigma_andTheOutlookSaysWhichAndWhy() {
    // 2e13 tokens: about 17 days on the 640 devices, long enough for a spread in days to show
    Scenario s = Fixtures.loader().loadText(SCENARIO.replace(", model_error: %s", "").replace("tokens: 2e12", "tokens: 2e13")
        .formatted("0"), "mc.yaml");
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    LocalDate planned = p.training().get(0).placement().orElseThrow().finish();
    Outlook tight = MonteCarlo.sample(s, p, Fixtures.catalog(), 200, 3, table(0.0001));
    MonteCarlo.ChipError ascend = tight.modelError().stream().filter(e -> e.chipId().equals("ascend-910b")).findFirst()
        .orElseThrow();
    assertThat(ascend.trainingSigma()).isEqualTo(0.0001);
    assertThat(ascend.trainingBasis()).startsWith("huawei-ascend-910 training cases: 5 cases in 2 case families");
    // the family has no serving cases: the pooled figure, and the basis says so
    assertThat(ascend.servingSigma()).isEqualTo(0.5);
    assertThat(ascend.servingBasis()).startsWith("pooled serving").contains("no serving cases");
    assertThat(tight.assumptions()).anyMatch(a -> a.contains("ascend-910b: training 0.0%"));
    // the run trains on the Ascend pool: a tiny family sigma keeps its finish at the planned date
    assertThat(tight.runs().get(0).finishP10().orElseThrow()).isBetween(planned.minusDays(1), planned);
    assertThat(tight.runs().get(0).finishP90().orElseThrow()).isBetween(planned, planned.plusDays(1));
    // a wide family sigma spreads it
    Outlook wide = MonteCarlo.sample(s, p, Fixtures.catalog(), 200, 3, table(0.3));
    assertThat(wide.runs().get(0).finishP90().orElseThrow()).isAfter(planned.plusDays(1));
    assertThat(wide.runs().get(0).finishP10().orElseThrow()).isBefore(planned.minusDays(1));
  }
}
