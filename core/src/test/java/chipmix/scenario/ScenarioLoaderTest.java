package chipmix.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

  private static Scenario load(String yaml) {
    return Fixtures.loader().loadText(yaml, "test.yaml");
  }

  private static List<String> problems(String yaml) {
    try {
      load(yaml);
    } catch (InvalidInputException e) {
      return e.issues().stream().map(ValidationIssue::toString).toList();
    }
    throw new AssertionError("expected the scenario to be rejected");
  }

  @Test
  void load_validScenario_readsEverySection() {
    Scenario s = load(Fixtures.HEADER + """
        pools:
          - {id: h20-fleet, chip: H20, system: hgx-h20, count: 1000, online: 2024-12-01, unit_price_usd: 12000}
        orders:
          - id: ascend
            chip: ascend-910b
            quantity: 300
            unit_price_usd: 16854
            deliveries: [{date: 2025-02-01, count: 100}, {date: 2025-05-01, count: 200}]
            slip: {delay_days: 60, delivered_fraction: 0.4}
        training:
          - {id: llm, model: llama3-70b, tokens: 1.5e13, sequence_length: 4096, global_batch: 1024,
             earliest_start: 2025-03-01, deadline: 2025-11-30, pools: [h20-fleet, ascend], grow: true}
        serving:
          - {id: chat, model: llama3-70b, prompt_tokens: 1000, output_tokens: 300, ttft_ms: 2000, tpot_ms: 50,
             pools: [h20-fleet], requests_per_second: {2025-03: 50, 2025-06: 80}}
        variants:
          - {name: no-ascend, description: without the Ascend order, remove: [ascend]}
        """);
    assertThat(s.organisation().headquarters()).isEqualTo("CN");
    assertThat(s.pools().get(0).chipId()).isEqualTo("h20");
    assertThat(s.pools().get(0).systemId()).contains("hgx-h20");
    assertThat(s.orders().get(0).slip()).isEqualTo(new Scenario.Slip(60, 0.4));
    assertThat(s.orders().get(0).scheduled()).isEqualTo(100 + 200);
    assertThat(s.training().get(0).tokens()).isEqualTo(1.5e13);
    assertThat(s.training().get(0).grow()).isTrue();
    assertThat(s.serving().get(0).demandIn(YearMonth.of(2025, 2))).isZero();
    assertThat(s.serving().get(0).demandIn(YearMonth.of(2025, 5))).isEqualTo(50);
    assertThat(s.serving().get(0).demandIn(YearMonth.of(2025, 12))).isEqualTo(80);
    assertThat(s.settings().months()).hasSize(12);
    assertThat(s.apply(s.variant("no-ascend").orElseThrow()).orders()).isEmpty();
  }

  @Test
  void load_manyProblems_reportsEveryOneWithItsPath() {
    List<String> p = problems(Fixtures.HEADER + """
        pools:
          - {id: fleet, chip: h2O, count: 10, online: 2024-12-01, colour: green}
        orders:
          - {id: a, chip: h20, quantity: 10, deliveries: [{date: 2025-01-01, count: 5}]}
          - id: b
            chip: ascend-910b
            quantity: 100
            deliveries:
              - {date: 2025-02-01, count: 50}
              - {date: 2025-03-01, count: 40}
              - {date: 2025-13-01, count: 5}
        training:
          - {id: llm, model: llama3-70b, tokens: 1e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-06-01, deadline: 2025-05-01, pools: [flet]}
        """);
    assertThat(p).contains(
        "orders[1].deliveries[2].date: 2025-13-01 is not a date (expected YYYY-MM-DD)",
        "training[0].deadline: 2025-05-01 is before earliest_start 2025-06-01");
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("pools[0].chip: unknown chip 'h2O'").contains("did you mean 'h20'"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("pools[0].colour: unknown key 'colour'"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("training[0].pools[0]: unknown pool 'flet'"));
  }

  @Test
  @DisplayName("many unknown pool references among many pools: each message stays short (the names listed are capped) and "
      + "suggestions stop after the first problems, so the answer grows linearly, not with unknowns x pools")
  void load_manyUnknownPoolRefsAmongManyPools_staysLinear() {
    int pools = 300;
    int unknown = 300;
    StringBuilder y = new StringBuilder(Fixtures.HEADER).append("pools:\n");
    for (int i = 0; i < pools; i++) {
      y.append("  - {id: pool-").append(i).append(", chip: h20, count: 8, online: 2024-12-01}\n");
    }
    y.append("training:\n  - {id: llm, model: llama3-70b, tokens: 1e12, sequence_length: 4096, global_batch: 512,\n")
        .append("     earliest_start: 2025-06-01, deadline: 2025-12-01, pools: [");
    for (int i = 0; i < unknown; i++) {
      y.append(i == 0 ? "" : ", ").append("pool-x").append(i);
    }
    y.append("]}\n");
    List<String> p = problems(y.toString()).stream().filter(s -> s.contains("unknown pool")).toList();
    assertThat(p).hasSize(unknown);
    String first = p.get(0);
    assertThat(first).contains("and " + (pools - ScenarioLoader.MAX_LISTED_NAMES) + " more").doesNotContain("pool-299,");
    assertThat(p.get(0)).contains("did you mean");
    assertThat(p.get(unknown - 1)).doesNotContain("did you mean");
    // every message is as short as the first: none repeats the whole list of pools
    assertThat(p).allSatisfy(s -> assertThat(s.length()).isLessThan(first.length() + 40));
  }

  @Test
  void load_deliveriesAboveQuantity_isAnImpossibleSchedule() {
    List<String> p = problems(Fixtures.HEADER + """
        orders:
          - {id: a, chip: h20, quantity: 100, deliveries: [{date: 2025-01-01, count: 60}, {date: 2025-02-01, count: 60}]}
        """);
    // 60 + 60 = 120 > 100
    assertThat(p).containsExactly("orders[0].deliveries: deliveries sum to 120 devices, more than the order's quantity 100"
        + " (lower a count or raise quantity)");
  }

  @Test
  void load_datesOutsideHorizon_areErrors() {
    List<String> p = problems(Fixtures.HEADER + """
        pools: [{id: p, chip: h20, count: 8, online: 2026-02-01}]
        orders: [{id: a, chip: h20, quantity: 10, deliveries: [{date: 2026-01-15, count: 5}]}]
        serving:
          - {id: chat, model: llama3-70b, prompt_tokens: 1000, output_tokens: 300, ttft_ms: 2000, tpot_ms: 50,
             pools: [p], requests_per_second: {2027-01: 5}}
        """);
    assertThat(p).containsExactlyInAnyOrder(
        "pools[0].online: 2026-02-01 is after the horizon end 2025-12",
        "orders[0].deliveries[0].date: 2026-01-15 is after the horizon end 2025-12 (extend settings.end or drop the delivery)",
        "serving[0].requests_per_second.2027-01: month 2027-01 is outside the horizon 2025-01 to 2025-12");
  }

  @Test
  void load_itemWithAnotherError_stillHasItsHorizonAndScheduleChecked() {
    // Each item also has an unrelated error; its horizon and schedule problems are listed in the same run.
    List<String> p = problems(Fixtures.HEADER + """
        pools: [{id: p, chip: h2O, count: 8, online: 2026-02-01}]
        orders: [{id: a, chip: h20, quantity: 10, deliveries: [{date: 2025-13-01, count: 6}, {date: 2026-01-15, count: 5}]}]
        training:
          - {id: llm, model: llama3-70b, tokens: -1, sequence_length: 4096, global_batch: 512,
             earliest_start: 2026-03-01, pools: [a]}
        serving:
          - {id: chat, model: llama3-70b, prompt_tokens: 0, output_tokens: 300, ttft_ms: 2000, tpot_ms: 50,
             pools: [a], requests_per_second: {2027-01: 5}}
        """);
    assertThat(p).contains(
        "pools[0].online: 2026-02-01 is after the horizon end 2025-12",
        "orders[0].deliveries[1].date: 2026-01-15 is after the horizon end 2025-12 (extend settings.end or drop the delivery)",
        // 6 + 5 = 11 > 10, although the first delivery's date is not a date
        "orders[0].deliveries: deliveries sum to 11 devices, more than the order's quantity 10 (lower a count or raise quantity)",
        "training[0].earliest_start: 2026-03-01 is after the horizon end 2025-12",
        "serving[0].requests_per_second.2027-01: month 2027-01 is outside the horizon 2025-01 to 2025-12");
  }

  @Test
  void load_unknownModel_suggestsTheNearestPreset() {
    List<String> p = problems(Fixtures.HEADER + """
        pools: [{id: p, chip: h20, count: 8, online: 2024-01-01}]
        training:
          - {id: llm, model: llama3-7ob, tokens: 1e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-06-01, pools: [p]}
        """);
    assertThat(p).singleElement().asString().startsWith("training[0].model: unknown model 'llama3-7ob'")
        .contains("did you mean 'llama3-70b'");
  }

  @Test
  void load_spanVendorsDemanded_isRefusedWithTheReason() {
    List<String> p = problems(Fixtures.HEADER + """
        pools: [{id: p, chip: h20, count: 8, online: 2024-01-01}, {id: q, chip: ascend-910b, count: 8, online: 2024-01-01}]
        training:
          - {id: llm, model: llama3-70b, tokens: 1e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-06-01, pools: [p, q], span_vendors: true}
        """);
    assertThat(p).singleElement().asString().startsWith("training[0].span_vendors: a training run cannot span chips of"
        + " different vendors");
  }

  @Test
  void load_unknownTopLevelKeyAndMissingSections_areAllReported() {
    List<String> p = problems("""
        name: x
        organization: {name: typo}
        """);
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("organization: unknown key").contains("did you mean 'organisation'"));
    assertThat(p).contains("organisation: is required", "settings: is required");
  }

  @Test
  void load_variantWithBadReferences_pointsAtTheVariant() {
    List<String> p = problems(Fixtures.HEADER + """
        pools: [{id: p, chip: h20, count: 8, online: 2024-01-01}]
        variants:
          - name: v
            remove: [nope]
            training:
              - {id: llm, model: llama3-70b, tokens: 1e12, sequence_length: 4096, global_batch: 512,
                 earliest_start: 2025-06-01, pools: [q]}
          - {name: v}
        """);
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("variants[0].remove[0]: 'nope' is not the id of"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("variants[0].training[0].pools[0]: unknown pool 'q'"));
    assertThat(p).contains("variants[1].name: variant name 'v' is used twice");
  }

  @Test
  void load_badSlipAndSettings_nameTheAcceptedRange() {
    List<String> p = problems("""
        organisation: {name: X, headquarters: China, data_centres: [CN]}
        settings: {start: 2025-01, end: 2024-12, pue: 0.9, electricity_usd_per_kwh: 0.1, objective: fastest}
        orders:
          - {id: a, chip: h20, quantity: 10, deliveries: [{date: 2025-01-01, count: 5}], slip: {delivered_fraction: 1.4}}
        """);
    assertThat(p).contains(
        "organisation.headquarters: 'China' is not a country code (expected two letters, ISO 3166, such as CN or US)",
        "settings.pue: must be a number from 1 to 3, got 0.9",
        "settings.end: 2024-12 is before start 2025-01",
        "orders[0].slip.delivered_fraction: must be more than 0 and at most 1 (0.4 means 40% of each delivery arrives), got 1.4");
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("settings.objective: 'fastest' is not one of finish, cost"));
  }

  @Test
  void load_notYaml_isAnInputErrorWithTheLine() {
    assertThatThrownBy(() -> load("a: [1, 2\nb: 3"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("test.yaml: not valid YAML (line");
  }

  @Test
  void slip_arrivingCount_roundsDownToWholeDevices() {
    // 40% of 33 devices is 13.2: 13 arrive.
    assertThat(new Scenario.Slip(0, 0.4).arrivingCount(new Scenario.Delivery(LocalDate.of(2025, 1, 1), 33))).isEqualTo(13);
  }

  @Test
  void load_partiesAndFormats_areCheckedAgainstWhatTheEnginesKnow() {
    List<String> p;
    try {
      new ScenarioLoader(Fixtures.catalog(), List.of("llama3-70b"), List.of("huawei", "sophgo")).loadText("""
          organisation: {name: X, headquarters: CN, data_centres: [CN], parties: [huawai]}
          settings: {start: 2025-01, end: 2025-12, pue: 1.2, electricity_usd_per_kwh: 0.1}
          pools: [{id: p, chip: h20, count: 8, online: 2024-01-01, scale_out_gbps: -5}]
          orders: [{id: o, chip: h20, quantity: 8, deliveries: [{date: 2025-01-01, count: 8}], ships_from: USA}]
          serving:
            - {id: s, model: llama3-70b, prompt_tokens: 10, output_tokens: 10, ttft_ms: 100, tpot_ms: 10, weights: fp4,
               pools: [p], requests_per_second: {2025-01: 1}}
          """, "t.yaml");
      throw new AssertionError("expected the scenario to be rejected");
    } catch (InvalidInputException e) {
      p = e.issues().stream().map(ValidationIssue::toString).toList();
    }
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("organisation.parties[0]: unknown party 'huawai'")
        .contains("did you mean 'huawei'"));
    assertThat(p).contains("pools[0].scale_out_gbps: must be a number above 0 and at most 1,000,000 Gb/s, got -5",
        "orders[0].ships_from: 'USA' is not a country code (expected two letters, ISO 3166, such as CN or US)");
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("serving[0].weights: 'fp4' is not one of bf16, fp8, int8"));
  }

  @Test
  void load_orderDefaults_shipFromTheUsWithoutSlip() {
    Scenario s = load(Fixtures.HEADER + """
        orders: [{id: o, chip: h20, quantity: 8, deliveries: [{date: 2025-01-01, count: 8}]}]
        """);
    assertThat(s.orders().get(0).shipsFrom()).isEqualTo("US");
    assertThat(s.orders().get(0).slip().isNone()).isTrue();
    assertThat(s.orders().get(0).destination()).isEmpty();
  }

  @Test
  void load_countryCodesTheRulesDoNotKnow_areListedWithSuggestions() {
    // The loader the CLI and web use checks countries against the export rules' country table.
    ScenarioLoader strict = new ScenarioLoader(Fixtures.catalog(), List.of("llama3-70b"), List.of(),
        java.util.Map.of("CN", "China", "US", "United States", "AE", "United Arab Emirates"));
    InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
        () -> strict.loadText("""
            name: test
            organisation: {name: Example AI, headquarters: ZZ, data_centres: [CM, US]}
            settings: {start: 2025-01, end: 2025-12, pue: 1.25, electricity_usd_per_kwh: 0.1}
            """, "test.yaml"));
    assertThat(e.issues().stream().map(ValidationIssue::toString).toList())
        .anySatisfy(p -> assertThat(p).startsWith("organisation.headquarters: unknown country code 'ZZ'"))
        .anySatisfy(p -> assertThat(p).startsWith("organisation.data_centres[0]: unknown country code 'CM'")
            .contains("'CN'"));
  }

  @Test
  void settings_importSide_defaultsToAtRiskAndAcceptsIgnoreAndBlock() {
    assertThat(load(Fixtures.HEADER).settings().importSide()).isEqualTo(ImportSidePolicy.AT_RISK);
    String block = Fixtures.HEADER.replace("allocation: serving-first}", "allocation: serving-first, import_side: block}");
    assertThat(load(block).settings().importSide()).isEqualTo(ImportSidePolicy.BLOCK);
    String atRisk = Fixtures.HEADER.replace("allocation: serving-first}", "allocation: serving-first, import_side: at_risk}");
    assertThat(load(atRisk).settings().importSide()).isEqualTo(ImportSidePolicy.AT_RISK);
    String bad = Fixtures.HEADER.replace("allocation: serving-first}", "allocation: serving-first, import_side: stop}");
    assertThat(problems(bad)).anyMatch(p -> p.contains("settings.import_side") && p.contains("ignore")
        && p.contains("at-risk") && p.contains("block"));
  }
}
