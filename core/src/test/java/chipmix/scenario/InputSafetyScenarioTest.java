package chipmix.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.scenario.Plan.OrderResult;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue #16 findings 4 and 5 on scenario files: numbers out of range, slips, .nan and aliases. */
class InputSafetyScenarioTest {

  private static List<String> problems(String yaml) {
    try {
      Fixtures.loader().loadText(yaml, "test.yaml");
    } catch (InvalidInputException e) {
      return e.issues().stream().map(ValidationIssue::toString).toList();
    }
    throw new AssertionError("expected the scenario to be rejected");
  }

  private static String settings(String pue, String price, String years) {
    return """
        name: test
        organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2025-12, pue: %s, electricity_usd_per_kwh: %s, amortization_years: %s}
        """.formatted(pue, price, years);
  }

  @Test
  void hugePueTinyAmortisationAndDearPower_areRangeErrorsNamingTheKey() {
    // before: pue 1e308 printed "$InfinityB" and amortization 1e-320 "$Infinity"
    assertThat(problems(settings("1e308", "11", "1e-320"))).containsExactlyInAnyOrder(
        "settings.pue: must be a number from 1 to 3, got 1.0E308",
        "settings.electricity_usd_per_kwh: must be a number from 0 to 10 USD/kWh, got 11",
        "settings.amortization_years: must be a number from 0.1 to 30 years, got 1.0E-320");
  }

  @Test
  void nanValue_isOneProblemAmongTheOthers_notASyntaxErrorHidingThem() {
    List<String> p = problems(settings(".nan", "-.inf", "4") + """
        pools: [{id: p, chip: h20, count: 0, online: 2025-01-01}]
        """);
    assertThat(p).containsExactlyInAnyOrder(
        "settings.pue: must be a number from 1 to 3, got NaN",
        "settings.electricity_usd_per_kwh: must be a number from 0 to 10 USD/kWh, got -Infinity",
        "pools[0].count: must be a whole number from 1 to 10,000,000 devices, got 0");
  }

  @Test
  void slipDelayOfIntMax_isARangeError() {
    // before: delivered in the year 5,879,611 and counted as received
    List<String> p = problems(Fixtures.HEADER + """
        orders:
          - {id: o, chip: h20, quantity: 10, deliveries: [{date: 2025-02-01, count: 10}], slip: {delay_days: 2147483647}}
        """);
    assertThat(p).containsExactly("orders[0].slip.delay_days: must be a whole number from 0 to 3,650 days, got 2,147,483,647");
  }

  @Test
  void deliverySlippedPastTheHorizonEnd_isNotReceivedWithinTheHorizon() {
    Scenario s = Fixtures.loader().loadText(Fixtures.HEADER + """
        orders:
          - {id: o, chip: h20, quantity: 30, unit_price_usd: 1000,
             deliveries: [{date: 2025-02-01, count: 10}, {date: 2025-11-01, count: 20}], slip: {delay_days: 90}}
        """, "t.yaml");
    Plan p = Fixtures.planner().plan(s, Optional.empty());
    OrderResult o = p.orders().get(0);
    // 2025-02-01 + 90 days is inside the 2025 horizon; 2025-11-01 + 90 days = 2026-01-30 is after its end
    assertThat(o.deliveries().get(1).arrives()).isEqualTo(LocalDate.of(2025, 11, 1).plusDays(90)).isAfter(LocalDate.of(2025, 12, 31));
    assertThat(o.deliveries()).extracting(Plan.DeliveryResult::received).containsExactly(true, false);
    assertThat(o.received()).isEqualTo(10);
    assertThat(o.spendUsd()).isEqualTo(10 * 1000.0);
    assertThat(p.pools().get(0).online().get(11)).isEqualTo(10);
  }

  @Test
  void fleetAboveTheDeviceCap_isRefused() {
    List<String> p = problems(Fixtures.HEADER + """
        pools:
          - {id: a, chip: h20, count: 6000000, online: 2025-01-01}
          - {id: b, chip: h20, count: 6000000, online: 2025-01-01}
        """);
    assertThat(p).containsExactly("pools: pools and orders total 12,000,000 devices, more than the 10,000,000 a scenario's fleet may have");
  }

  @Test
  void variantGrowingTheFleetAboveTheDeviceCap_isRefused() {
    List<String> p = problems(Fixtures.HEADER + """
        pools:
          - {id: a, chip: h20, count: 6000000, online: 2025-01-01}
        variants:
          - name: bigger
            pools: [{id: b, chip: h20, count: 6000000, online: 2025-01-01}]
        """);
    assertThat(p).hasSize(1);
    assertThat(p.get(0)).startsWith("variants[0]").contains("pools and orders total 12,000,000 devices");
  }

  @Test
  void alias_isRefusedAtItsLineAndColumn_notStoredAsTheAnchorName() {
    // before: "description: *nm" stored the text "nm"
    try {
      Fixtures.loader().loadText("""
          name: &nm test
          description: *nm
          """, "test.yaml");
      throw new AssertionError("expected the alias to be refused");
    } catch (InvalidInputException e) {
      assertThat(e.issues()).extracting(ValidationIssue::describe).containsExactly("test.yaml (line 2, column 14): uses"
          + " the alias *nm: YAML anchors and aliases are not supported; write the value out");
      assertThat(e.issues().get(0).position()).hasValue(new ValidationIssue.Position(2, 14));
    }
  }

  @Test
  void rpsAboveTheRange_isRefused() {
    List<String> p = problems(Fixtures.HEADER + """
        pools: [{id: a, chip: h20, count: 8, online: 2025-01-01}]
        serving:
          - {id: chat, model: llama3-70b, requests_per_second: {2025-01: 1e12}, prompt_tokens: 100, output_tokens: 100,
             ttft_ms: 1e300, tpot_ms: 50, pools: [a]}
        """);
    assertThat(p).containsExactlyInAnyOrder(
        "serving[0].ttft_ms: must be a number above 0 and at most 3,600,000 ms, got 1.0E300",
        "serving[0].requests_per_second.2025-01: must be a number from 0 to 1,000,000,000 requests/s, got 1.0E12");
  }
}
