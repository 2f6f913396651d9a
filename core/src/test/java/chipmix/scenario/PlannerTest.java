package chipmix.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import chipmix.scenario.Engines.Verdict;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.ServingMonth;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static Plan plan(String yaml) {
    return Fixtures.planner().plan(Fixtures.loader().loadText(Fixtures.HEADER + yaml, "t.yaml"), Optional.empty());
  }

  @Test
  void capacity_slipDelaysAndShrinksEveryDelivery() {
    Plan p = plan("""
        orders:
          - id: ascend
            chip: ascend-910b
            quantity: 300
            deliveries: [{date: 2025-02-01, count: 100}, {date: 2025-05-01, count: 200}]
            slip: {delay_days: 60, delivered_fraction: 0.4}
        """);
    // 2025-02-01 + 60 days = 2025-04-02 with floor(0.4 * 100) = 40; 2025-05-01 + 60 days = 2025-06-30 with 0.4 * 200 = 80.
    OrderResult o = p.orders().get(0);
    assertThat(o.deliveries().get(0).arrives()).isEqualTo(LocalDate.of(2025, 2, 1).plusDays(60));
    assertThat(o.deliveries().get(1).arrives()).isEqualTo(LocalDate.of(2025, 5, 1).plusDays(60));
    assertThat(o.received()).isEqualTo(40 + 80);
    assertThat(o.lostToSlip()).isEqualTo((100 - 40) + (200 - 80));
    // Counted on the first day of each month: nothing until April, 40 from May, 120 from July.
    assertThat(p.pools().get(0).online()).containsExactly(0, 0, 0, 0, 40, 40, 120, 120, 120, 120, 120, 120);
  }

  @Test
  void compliance_blockedDeliveriesAreNotReceivedAndAtRiskOnesGetAFallbackPlan() {
    Plan p = plan("""
        orders:
          - {id: banned, chip: banned-x, quantity: 100, unit_price_usd: 1000, deliveries: [{date: 2025-02-01, count: 100}]}
          - {id: h20, chip: h20, quantity: 200, deliveries: [{date: 2025-03-01, count: 100}, {date: 2025-05-01, count: 100}]}
        """);
    OrderResult banned = p.orders().get(0);
    assertThat(banned.blocked()).isEqualTo(100);
    assertThat(banned.received()).isZero();
    assertThat(banned.spendUsd()).isZero();
    assertThat(p.pools().get(0).online()).containsOnly(0);
    OrderResult h20 = p.orders().get(1);
    // The fake export engine puts h20 at risk from 2025-04-09: the March delivery is clear, May is at risk.
    assertThat(h20.deliveries()).extracting(d -> d.finding().verdict()).containsExactly(Verdict.CLEAR, Verdict.AT_RISK);
    assertThat(h20.received()).isEqualTo(200);
    assertThat(h20.atRisk()).isEqualTo(100);
    assertThat(p.withoutAtRisk()).isPresent();
    assertThat(p.withoutAtRisk().get().orders().get(1).received()).isEqualTo(100);
    assertThat(p.withoutAtRisk().get().pools().get(1).online().get(11)).isEqualTo(100);
  }

  @Test
  void planWithoutFallback_isThePlanLessItsAtRiskPlan() {
    Scenario s = Fixtures.loader().loadText(Fixtures.HEADER + """
        orders:
          - {id: h20, chip: h20, quantity: 200, deliveries: [{date: 2025-03-01, count: 100}, {date: 2025-05-01, count: 100}]}
        """, "t.yaml");
    Plan full = Fixtures.planner().plan(s, Optional.empty());
    Plan lean = Fixtures.planner().planWithoutFallback(s, Optional.empty());
    // the May delivery is at risk (the fake export engine, from 2025-04-09), so the full plan has a second plan
    assertThat(full.orders().get(0).atRisk()).isEqualTo(100);
    assertThat(full.withoutAtRisk()).isPresent();
    assertThat(lean.withoutAtRisk()).isEmpty();
    assertThat(lean.orders()).isEqualTo(full.orders());
    assertThat(lean.pools()).isEqualTo(full.pools());
    assertThat(lean.training()).isEqualTo(full.training());
    assertThat(lean.serving()).isEqualTo(full.serving());
    assertThat(lean.costs()).isEqualTo(full.costs());
    assertThat(lean.notes()).isEqualTo(full.notes());
  }

  @Test
  void training_fixedDevices_finishDeviceHoursEnergyAndCostFollowFromTheRate() {
    Plan p = plan("""
        pools: [{id: ascend, chip: ascend-910b, count: 640, online: 2024-12-01, unit_price_usd: 16000}]
        training:
          - {id: llm, model: llama3-70b, tokens: 2e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, deadline: 2025-04-15, pools: [ascend]}
        """);
    Placement pl = p.training().get(0).placement().orElseThrow();
    double tps = 640 * Fixtures.tokensPerDevice(Fixtures.ASCEND);
    long days = (long) Math.ceil(2e12 / tps / 86400);
    assertThat(pl.start()).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(pl.finish()).isEqualTo(LocalDate.of(2025, 3, 1).plusDays(days));
    double deviceHours = 640.0 * days * 24;
    assertThat(pl.deviceHours()).isCloseTo(deviceHours, within(1e-6));
    double kwh = deviceHours * Fixtures.TDP_W / 1000 * 1.25;
    assertThat(pl.energyKwh()).hasValueSatisfying(v -> assertThat(v).isCloseTo(kwh, within(1e-6)));
    assertThat(pl.energyUsd()).isCloseTo(kwh * 0.1, within(1e-6));
    assertThat(pl.capitalUsd()).isCloseTo(deviceHours * 16000 / (4 * 365.25 * 24), within(1e-6));
    assertThat(p.training().get(0).daysLate())
        .contains(ChronoUnit.DAYS.between(LocalDate.of(2025, 4, 15), pl.finish()));
  }

  @Test
  void training_poolsOfTwoVendors_isPlacedOnOneVendorAndSaysSo() {
    Plan p = plan("""
        pools:
          - {id: h20, chip: h20, count: 1000, online: 2024-12-01}
          - {id: ascend, chip: ascend-910b, count: 1000, online: 2024-12-01}
        training:
          - {id: llm, model: llama3-70b, tokens: 5e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, pools: [h20, ascend]}
        """);
    Placement pl = p.training().get(0).placement().orElseThrow();
    // The fake rate is linear in BF16: 320 (Ascend) beats 148 (H20) per device, so the Ascend pool finishes first.
    assertThat(pl.pools()).containsExactly("ascend");
    assertThat(pl.vendor()).isEqualTo("Huawei");
    assertThat(p.training().get(0).notes()).anySatisfy(n -> assertThat(n)
        .contains("NVIDIA and Huawei").contains("never spans vendors"));
  }

  @Test
  void training_grow_takesDevicesAsTheyArrive() {
    Plan p = plan("""
        pools: [{id: base, chip: ascend-910b, count: 64, online: 2024-12-01}]
        orders: [{id: more, chip: ascend-910b, quantity: 64, deliveries: [{date: 2025-04-01, count: 64}]}]
        training:
          - {id: llm, model: llama3-70b, tokens: 1e13, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, pools: [base, more], grow: true}
        """);
    Placement pl = p.training().get(0).placement().orElseThrow();
    assertThat(pl.start()).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(pl.segments()).extracting(Plan.Segment::devices).containsExactly(64, 128);
    double perDevice = Fixtures.tokensPerDevice(Fixtures.ASCEND);
    double firstTokens = 64 * perDevice * ChronoUnit.DAYS.between(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1)) * 86400;
    long restDays = (long) Math.ceil((1e13 - firstTokens) / (128 * perDevice) / 86400);
    assertThat(pl.finish()).isEqualTo(LocalDate.of(2025, 4, 1).plusDays(restDays));
  }

  @Test
  void training_withoutGrow_waitsUntilEnoughDevicesOrTakesWhatIsFreeIfThatFinishesFirst() {
    Plan p = plan("""
        pools: [{id: base, chip: ascend-910b, count: 32, online: 2024-12-01}]
        orders: [{id: more, chip: ascend-910b, quantity: 64, deliveries: [{date: 2025-04-01, count: 64}]}]
        training:
          - {id: llm, model: llama3-70b, tokens: 1e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, pools: [base, more]}
        """);
    // 32 devices are below the fake's 64-device minimum, so the run waits for the April delivery: 96 devices.
    Placement pl = p.training().get(0).placement().orElseThrow();
    assertThat(pl.start()).isEqualTo(LocalDate.of(2025, 4, 1));
    assertThat(pl.peakDevices()).isEqualTo(32 + 64);
  }

  @Test
  void serving_unmetDemandIsShownAndServingGoesBeforeTraining() {
    Plan p = plan("""
        pools: [{id: h20, chip: h20, count: 80, online: 2024-12-01}]
        serving:
          - {id: chat, model: llama3-70b, prompt_tokens: 1000, output_tokens: 300, ttft_ms: 2000, tpot_ms: 50,
             pools: [h20], requests_per_second: {2025-01: 30, 2025-06: 200}}
        training:
          - {id: llm, model: llama3-70b, tokens: 1e11, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-01-01, pools: [h20]}
        """);
    ServingMonth jan = p.serving().get(0).months().get(0);
    // 30 requests/s at 10 per 8-device replica: 3 replicas, 24 devices; all 80 devices could serve 10 replicas.
    assertThat(jan.devices()).isEqualTo(3 * 8);
    assertThat(jan.capacityRps()).isEqualTo(80 / 8 * 10);
    assertThat(jan.unmetRps()).isZero();
    ServingMonth jun = p.serving().get(0).months().get(5);
    assertThat(jun.servedRps()).isEqualTo(100);
    assertThat(jun.unmetRps()).isEqualTo(200 - 100);
    // Training gets the 80 - 24 = 56 devices left in January: below the 64-device minimum. It cannot run at all
    // (from June serving holds every device), so it is not placed and says why.
    assertThat(p.training().get(0).placement()).isEmpty();
    assertThat(p.training().get(0).notes()).anySatisfy(n -> assertThat(n).contains("cannot be placed"));
  }

  @Test
  void costs_capitalIsPaidInTheMonthADeliveryArrives() {
    Plan p = plan("""
        orders:
          - {id: a, chip: ascend-910b, quantity: 10, unit_price_usd: 1000, deliveries: [{date: 2025-03-10, count: 10}],
             slip: {delay_days: 30}}
        """);
    // 2025-03-10 + 30 days = 2025-04-09.
    assertThat(p.costs().get(3).month()).isEqualTo(YearMonth.of(2025, 4));
    assertThat(p.costs().get(3).capital()).isEqualTo(10 * 1000.0);
    assertThat(p.totalCapital()).isEqualTo(10 * 1000.0);
  }

  @Test
  void variants_planAllComparesTheBaseAndEachVariant() {
    Scenario s = Fixtures.loader().loadText(Fixtures.HEADER + """
        pools:
          - {id: h20, chip: h20, count: 1000, online: 2024-12-01}
          - {id: ascend, chip: ascend-910b, count: 1000, online: 2024-12-01}
        training:
          - {id: llm, model: llama3-70b, tokens: 5e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, pools: [h20, ascend]}
        variants:
          - {name: all-h20, remove: [ascend]}
        """, "t.yaml");
    var plans = Fixtures.planner().planAll(s);
    assertThat(plans).extracting(Plan::label).containsExactly("base", "all-h20");
    assertThat(plans.get(1).training().get(0).placement().orElseThrow().chipId()).isEqualTo("h20");
    assertThat(plans.get(1).training().get(0).placement().get().finish())
        .isAfter(plans.get(0).training().get(0).placement().get().finish());
  }

  @Test
  void compliance_deliveriesBeforeTheHorizonAreHistoryAndStayInTheFallbackPlan() {
    Plan p = plan("""
        orders:
          - {id: h20, chip: h20, quantity: 200, deliveries: [{date: 2024-11-01, count: 100}, {date: 2025-05-01, count: 100}]}
        """);
    // The fake engine would flag both if they were after 2025-04-09; the 2024 one is before, so it is clear anyway.
    // The May 2025 one is at risk: counted in the main plan, dropped in the fallback; the 2024 devices stay.
    assertThat(p.orders().get(0).atRisk()).isEqualTo(100);
    assertThat(p.withoutAtRisk().orElseThrow().pools().get(0).online()).containsOnly(100);
  }

  @Test
  void compliance_anAtRiskDeliveryBeforeTheHorizonIsHistory() {
    Scenario s = Fixtures.loader().loadText("""
        organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-06, end: 2025-12, pue: 1.25, electricity_usd_per_kwh: 0.1}
        orders:
          - {id: h20, chip: h20, quantity: 100, deliveries: [{date: 2025-05-01, count: 100}]}
        """, "t.yaml");
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    // The fake engine flags H20 from 2025-04-09, but the delivery arrived before the June horizon: it is in hand.
    assertThat(p.orders().get(0).deliveries().get(0).finding().verdict()).isEqualTo(Verdict.AT_RISK);
    assertThat(p.orders().get(0).received()).isEqualTo(100);
    assertThat(p.orders().get(0).atRisk()).isZero();
    assertThat(p.withoutAtRisk()).isEmpty();
  }

  @Test
  void sources_areTheCatalogEntriesOfTheIdsTheFindingsCite() {
    Plan p = plan("""
        orders:
          - {id: h20, chip: h20, quantity: 100, deliveries: [{date: 2025-05-01, count: 100}]}
        """);
    // The at-risk finding cites R10 and, import side, R13; the test catalog holds only R10 (and T1, not cited).
    assertThat(p.sources()).extracting(chipmix.catalog.Source::id).containsExactly("R10");
  }

  @Test
  void engines_thatCannotEstimateAChip_leaveANoteNotAFailedPlan() {
    Engines throwing = new Engines(Fixtures.COMPLIANCE,
        (model, seq, batch, chip, system, scaleOut, devices) -> {
          throw chipmix.validation.InvalidInputException.of("`chip`", "chip " + chip.id() + " has no bf16_tflops");
        },
        (model, prompt, output, ttft, tpot, weights, kv, chip, system, scaleOut) -> {
          throw new chipmix.validation.InfeasibleException("no layout fits");
        },
        java.util.Map.of());
    Scenario s = Fixtures.loader().loadText(Fixtures.HEADER + """
        pools: [{id: p, chip: h20, count: 64, online: 2024-12-01}]
        training:
          - {id: llm, model: llama3-70b, tokens: 1e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, pools: [p]}
        serving:
          - {id: chat, model: llama3-70b, prompt_tokens: 100, output_tokens: 100, ttft_ms: 1000, tpot_ms: 50,
             pools: [p], requests_per_second: {2025-01: 5}}
        """, "t.yaml");
    Plan p = new Planner(Fixtures.catalog(), throwing, m -> {}).plan(s, Optional.empty());
    assertThat(p.training().get(0).placement()).isEmpty();
    assertThat(p.training().get(0).notes()).anySatisfy(n -> assertThat(n)
        .contains("the training model cannot estimate it: `chip`: chip h20 has no bf16_tflops"));
    assertThat(p.serving().get(0).notes()).anySatisfy(n -> assertThat(n).contains("no layout fits"));
    assertThat(p.serving().get(0).months().get(0).unmetRps()).isEqualTo(5);
  }

  @Test
  void objectiveCost_prefersTheCheaperChipEvenWhenItFinishesLater() {
    Scenario s = Fixtures.loader().loadText("""
        organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2025-12, pue: 1.25, electricity_usd_per_kwh: 0.1, amortization_years: 4,
                   objective: cost, allocation: serving-first}
        pools:
          - {id: h20, chip: h20, count: 1000, online: 2024-12-01, unit_price_usd: 12000}
          - {id: ascend, chip: ascend-910b, count: 1000, online: 2024-12-01, unit_price_usd: 100000}
        training:
          - {id: llm, model: llama3-70b, tokens: 5e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, pools: [h20, ascend]}
        """, "t.yaml");
    Placement pl = Fixtures.planner().plan(s, Optional.empty()).training().get(0).placement().orElseThrow();
    // Device-hours are tokens / (tokens per device-second) / 3600 whatever the count: 148 vs 320 TFLOP/s makes the
    // H20 run 320/148 = 2.2x the device-hours, but at 12,000 against 100,000 USD per device it costs less.
    assertThat(pl.chipId()).isEqualTo("h20");
  }

  @Test
  void training_fixedDeviceCountNeverFree_isNotPlacedAndSaysWhy() {
    Plan p = plan("""
        pools: [{id: a, chip: ascend-910b, count: 100, online: 2024-12-01}]
        training:
          - {id: llm, model: llama3-70b, tokens: 1e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, pools: [a], devices: 128}
        """);
    assertThat(p.training().get(0).placement()).isEmpty();
    assertThat(p.training().get(0).notes()).anySatisfy(n -> assertThat(n)
        .contains("the 128 devices asked for are never free at once within the horizon (at most 100 are free, from 2025-03-01)"));
  }

  @Test
  void training_heldByServing_saysHowManyAreFreeAndWhoHoldsTheRest() {
    // 100 devices; serving takes what one month's demand needs first, so the run's 100 are never all free.
    Plan p = plan("""
        pools: [{id: a, chip: h20, count: 100, online: 2024-12-01}]
        training:
          - {id: llm, model: llama3-70b, tokens: 1e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-03-01, pools: [a], devices: 100}
        serving:
          - {id: chat, model: llama3-70b, prompt_tokens: 1000, output_tokens: 200, ttft_ms: 2000, tpot_ms: 50,
             pools: [a], requests_per_second: {2025-01: 1}}
        """);
    assertThat(p.training().get(0).placement()).isEmpty();
    assertThat(p.training().get(0).notes()).anySatisfy(n -> assertThat(n)
        .containsPattern("never free at once within the horizon \\(at most \\d+ are free, from 2025-03-01; other"
            + " workloads hold the rest, and serving is sized first\\)"));
  }
}
