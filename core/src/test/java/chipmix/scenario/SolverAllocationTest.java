package chipmix.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CP-SAT allocation (settings.allocation: solver) on the fake engines of {@link Fixtures}. */
class SolverAllocationTest {
  private static final int DEVICES = 640;
  /** Twenty days of training on all 640 devices. */
  private static final double TOKENS = DEVICES * Fixtures.tokensPerDevice(Fixtures.ASCEND) * 86400 * 20;

  private static Plan plan(String priorities) {
    String yaml = """
        name: test
        organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2025-12, pue: 1.25, electricity_usd_per_kwh: 0.1%s}
        pools: [{id: ascend, chip: ascend-910b, count: %d, online: 2024-12-01}]
        serving:
          - {id: chat, model: deepseek-v3, prompt_tokens: 100, output_tokens: 100, ttft_ms: 1000, tpot_ms: 50,
             pools: [ascend], requests_per_second: {2025-01: 800}}
        training:
          - {id: llm, model: llama3-70b, tokens: %s, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, deadline: 2025-04-30, devices: %d, pools: [ascend]}
        """.formatted(priorities, DEVICES, Double.toString(TOKENS), DEVICES);
    return Fixtures.planner().plan(Fixtures.loader().loadText(yaml, "t.yaml"), Optional.empty());
  }

  @Test
  void withoutPriorities_servingComesFirst_andTheRunSaysHowManyMoreDevicesItNeeds() {
    // 800 requests/s need 80 replicas of 8 devices (the fake serves 10 requests/s per replica): all 640 devices.
    Plan p = plan("");
    TrainingResult run = p.training().get(0);
    assertThat(run.placement()).isEmpty();
    assertThat(p.serving().get(0).maxUnmet()).isZero();
    assertThat(run.notes()).anyMatch(n -> n.startsWith("Why: not placed") && n.contains("serving chat holds 640 of the 640")
        && n.contains("With 640 more"));
    assertThat(p.notes()).anyMatch(n -> n.contains("CP-SAT") && n.contains("proven optimal"));
  }

  @Test
  void declaredPriorities_aDayLateCostingMoreThanUnmetServing_placeTheRunOnTime() {
    Plan p = plan(", priorities: {late_usd_per_day: 1000000, unmet_usd_per_request_hour: 1}");
    Placement pl = p.training().get(0).placement().orElseThrow();
    assertThat(pl.start()).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(pl.finish()).isEqualTo(LocalDate.of(2025, 3, 1).plusDays(20));
    assertThat(pl.peakDevices()).isEqualTo(DEVICES);
    ServingResult chat = p.serving().get(0);
    // March: every device trains, so all 800 requests/s are unmet; the other months are fully served.
    assertThat(chat.months().get(2).unmetRps()).isCloseTo(800, within(1e-9));
    assertThat(chat.months().stream().filter(m -> m.unmetRps() > 0).count()).isEqualTo(1);
  }

  @Test
  void declaredPriorities_unmetServingCostingMore_keepServingAndTheRunWaits() {
    // A day late costs $1; a month of 800 unmet requests/s costs 800 x 744 h x $100: serving keeps the devices.
    Plan p = plan(", priorities: {late_usd_per_day: 1, unmet_usd_per_request_hour: 100}");
    assertThat(p.training().get(0).placement()).isEmpty();
    assertThat(p.serving().get(0).maxUnmet()).isZero();
  }
}
