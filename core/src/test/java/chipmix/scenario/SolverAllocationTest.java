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

  /** The same pool, demand and run, with the demand's months, the run's deadline and priorities given. */
  private static Scenario scenario(String settingsExtra, String demandMonths, String demandExtra, String runExtra) {
    String yaml = """
        name: test
        organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2025-12, pue: 1.25, electricity_usd_per_kwh: 0%s}
        pools: [{id: ascend, chip: ascend-910b, count: %d, online: 2024-12-01}]
        serving:
          - {id: chat, model: deepseek-v3, prompt_tokens: 100, output_tokens: 100, ttft_ms: 1000, tpot_ms: 50,
             pools: [ascend], requests_per_second: %s%s}
        training:
          - {id: llm, model: llama3-70b, tokens: %s, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, devices: %d, pools: [ascend]%s}
        """.formatted(settingsExtra, DEVICES, demandMonths, demandExtra, Double.toString(TOKENS), DEVICES, runExtra);
    return Fixtures.loader().loadText(yaml, "t.yaml");
  }

  @Test
  void weighted_aRunWithoutADeadline_isNotChargedLateFromItsEarliestStart_soItWaitsForServingToEnd() {
    // Serving needs every device until June; the run has no deadline. Finishing within the horizon is all it asks,
    // so at these weights it waits for July rather than leave 800 requests/s unmet (bug: it was "late" from March 1).
    Scenario s = scenario(", priorities: {late_usd_per_day: 1000000, unmet_usd_per_request_hour: 1}",
        "{2025-01: 800, 2025-07: 0}", "", "");
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    Placement pl = p.training().get(0).placement().orElseThrow();
    assertThat(pl.start()).isEqualTo(LocalDate.of(2025, 7, 1));
    assertThat(p.serving().get(0).maxUnmet()).isZero();
  }

  @Test
  void weighted_aRunWithoutADeadlineThatCannotFinish_paysItsNeverPlacedPrice() {
    // Serving needs every device all year: a run without a deadline that never runs costs the hours it still needs
    // at $1M a day, far more than a month of unmet serving at $1 a request-hour (800 x 744 h = $595,200), so it runs.
    Scenario s = scenario(", priorities: {late_usd_per_day: 1000000, unmet_usd_per_request_hour: 1}",
        "{2025-01: 800}", "", "");
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    assertThat(p.training().get(0).placement()).isPresent();
    assertThat(p.training().get(0).placement().get().finish()).isBefore(LocalDate.of(2026, 1, 1));
  }

  @Test
  void weighted_theEarlyWorkTieBreak_isWorthLessThanADeclaredEightyDollars() {
    // March's demand (800 requests/s, 744 h) priced so that leaving it unmet costs exactly $80: 1/7440 $ per request-hour.
    // Training in April instead meets the deadline as well; only the tie-break towards early work favours March.
    // Worth a dollar per month it must lose; at a hundred dollars (the bug) it moved the run into March.
    Scenario s = scenario(", priorities: {late_usd_per_day: 1, unmet_usd_per_request_hour: 0.000134408602}",
        "{2025-03: 800, 2025-04: 0}", "", ", deadline: 2025-12-31");
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    assertThat(p.training().get(0).placement().orElseThrow().start()).isEqualTo(LocalDate.of(2025, 4, 1));
    assertThat(p.serving().get(0).maxUnmet()).isZero();
  }

  @Test
  void aLaterStageThatFindsNoAnswer_keepsTheEarlierStagesAnswer_andSaysWhichStageTimedOut() {
    // without priorities the model is solved in stages; the second (hours late) gets no time at all
    Scenario s = scenario("", "{2025-01: 800, 2025-07: 0}", "", ", deadline: 2025-12-31");
    CapacityLedger capacity = new CapacityLedger(Fixtures.catalog());
    CostBook costs = new CostBook(s.settings());
    s.pools().forEach(pool -> capacity.addFleetPool(pool, s.settings(), costs));
    Optional<SolverAllocation.Outcome> out = SolverAllocation.allocate(s, capacity, costs, Fixtures.engines(),
        stage -> stage == 0 ? SolverAllocation.DETERMINISTIC_LIMIT : 0);
    assertThat(out).isPresent();
    assertThat(out.get().notes()).anyMatch(n -> n.contains("over unmet serving (request-hours);")
        && n.contains("the next stage (hours late (training deadlines)) reached the solver's deterministic limit"));
    // the first stage's answer: serving is fully met
    assertThat(out.get().serving().get(0).maxUnmet()).isZero();
  }

  @Test
  void explanation_namesTheWeightsEachWorkloadDeclares_notOnlyTheSettings() {
    // no settings-level priorities: the run and the demand each declare their own price
    Scenario s = scenario("", "{2025-01: 800}", ", unmet_usd_per_request_hour: 1",
        ", deadline: 2025-04-30, late_usd_per_day: 1000000");
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    assertThat(p.training().get(0).placement()).isPresent();
    assertThat(p.training().get(0).notes()).anyMatch(n -> n.startsWith("Why: meets its deadline")
        && n.contains("serving chat is short of up to 800.0 requests/s")
        && n.contains("(the declared priorities: $1,000,000 per day late against $1 per unmet request-hour)"));
  }
}
