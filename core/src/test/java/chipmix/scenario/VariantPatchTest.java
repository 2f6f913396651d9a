package chipmix.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.validation.InvalidInputException;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * A variant item whose id names a base item of the same kind is a patch: it changes only the
 * keys it writes (RFC 7396 merge semantics), one test per kind of item.
 */
class VariantPatchTest {
  private static final String BASE = Fixtures.HEADER + """
      pools:
        - {id: fleet, chip: h20, system: hgx-h20, count: 1000, online: 2024-12-01, unit_price_usd: 12000}
      orders:
        - id: ascend
          chip: ascend-910b
          quantity: 300
          unit_price_usd: 16854
          deliveries: [{date: 2025-02-01, count: 100}, {date: 2025-05-01, count: 200}]
      training:
        - {id: llm, model: llama3-70b, tokens: 1.5e13, sequence_length: 4096, global_batch: 1024,
           earliest_start: 2025-03-01, deadline: 2025-11-30, pools: [fleet, ascend]}
      serving:
        - {id: chat, model: llama3-70b, prompt_tokens: 1000, output_tokens: 300, ttft_ms: 2000, tpot_ms: 50,
           pools: [fleet], requests_per_second: {2025-03: 50, 2025-06: 80}}
      """;

  private static Scenario variant(String variantYaml) {
    Scenario s = Fixtures.loader().loadText(BASE + "variants:\n" + variantYaml, "test.yaml");
    return s.apply(s.variants().get(0));
  }

  @Test
  void orderPatch_changesTheSlipAndKeepsEveryOtherKey() {
    Scenario s = variant("""
          - name: slips
            orders: [{id: ascend, slip: {delay_days: 90, delivered_fraction: 0.5}}]
        """);
    Scenario.Order order = s.orders().get(0);
    assertThat(order.slip()).isEqualTo(new Scenario.Slip(90, 0.5));
    assertThat(order.quantity()).isEqualTo(300);
    assertThat(order.scheduled()).isEqualTo(100 + 200);
    assertThat(order.chipId()).isEqualTo("ascend-910b");
  }

  @Test
  void poolPatch_changesTheCount() {
    Scenario s = variant("""
          - {name: bigger, pools: [{id: fleet, count: 4000}]}
        """);
    assertThat(s.pools().get(0).count()).isEqualTo(4000);
    assertThat(s.pools().get(0).chipId()).isEqualTo("h20");
  }

  @Test
  void trainingPatch_replacesTheListOfPoolsWhole() {
    Scenario s = variant("""
          - {name: only-ascend, training: [{id: llm, pools: [ascend]}]}
        """);
    assertThat(s.training().get(0).pools()).containsExactly("ascend");
    assertThat(s.training().get(0).tokens()).isEqualTo(1.5e13);
  }

  @Test
  void servingPatch_mergesTheDemandMappingMonthByMonth() {
    Scenario s = variant("""
          - {name: more, serving: [{id: chat, requests_per_second: {2025-06: 160}}]}
        """);
    assertThat(s.serving().get(0).demandIn(YearMonth.of(2025, 4))).isEqualTo(50);
    assertThat(s.serving().get(0).demandIn(YearMonth.of(2025, 7))).isEqualTo(160);
    assertThat(s.serving().get(0).tpotMs()).isEqualTo(50);
  }

  @Test
  void nullValue_removesAnOptionalKey() {
    Scenario s = variant("""
          - {name: no-deadline, training: [{id: llm, deadline: ~}]}
        """);
    assertThat(s.training().get(0).deadline()).isEmpty();
  }

  @Test
  void newId_mustBeComplete_andAPatchIsCheckedAtTheVariantsPath() {
    assertThatThrownBy(() -> variant("""
          - name: bad
            orders: [{id: extra, chip: h20}, {id: ascend, quantity: -5}]
        """))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).issues().stream().map(i -> i.describe()).toList())
            // the orders line comes after the base text, "variants:" and "- name: bad"; a missing key
            // points at its item, the "{" after "    orders: [" (column 14)
            .anySatisfy(m -> assertThat(m).startsWith("variants[0].orders[0].quantity (line " + (BASE.lines().count() + 3)
                + ", column " + ("    orders: [".length() + 1) + "): is required"))
            .anySatisfy(m -> assertThat(m).startsWith("variants[0].orders[1].quantity (line " + (BASE.lines().count() + 3))));
  }

  @Test
  void variantNamedBase_isRefused_becauseReportsCallTheScenarioWithoutVariantsSo() {
    assertThatThrownBy(() -> variant("""
          - {name: base, remove: [chat]}
        """))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("variants[0].name").hasMessageContaining("'base' names the scenario without variants");
  }
}
