package chipmix.scenario.engines;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.CatalogLoader;
import chipmix.scenario.Plan;
import chipmix.scenario.Scenario;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Export conditions with a cost become cost lines in the plan (POTUS-232-2026-01, R11). */
class ExportCostsInPlanTest {
  private static final Planning PLANNING = Planning.of(CatalogLoader.bundled(), List.of());

  private static Plan plan(String chip, String date) {
    Scenario s = PLANNING.loadText("""
        name: tariff
        organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2026-12, pue: 1.2, electricity_usd_per_kwh: 0.1}
        orders:
          - {id: o1, chip: %s, quantity: 1000, unit_price_usd: 30000, deliveries: [{date: %s, count: 1000}]}
        """.formatted(chip, date), "tariff.yaml");
    return PLANNING.planner(line -> { }).planAll(s).get(0);
  }

  @Test
  void h200ToChinaIn2026_addsThe25PercentTariffToCapital() {
    Plan p = plan("h200", "2026-03-10");
    Plan.MonthCost march = p.costs().stream().filter(c -> c.month().equals(YearMonth.of(2026, 3))).findFirst().orElseThrow();
    // 1000 units x $30,000, plus the 25% Section 232 duty on the same value.
    assertThat(march.capital()).isEqualTo(1000 * 30000.0 * 1.25);
    assertThat(p.notes()).anyMatch(n -> n.contains("25% tariff") && n.contains("POTUS-232-2026-01")
        && n.contains("$7,500,000"));
  }

  @Test
  void h20ToChinaAfterAugust2025_notesTheRevenueShareWithoutAddingIt() {
    Plan p = plan("h20", "2025-09-10");
    Plan.MonthCost sept = p.costs().stream().filter(c -> c.month().equals(YearMonth.of(2025, 9))).findFirst().orElseThrow();
    assertThat(sept.capital()).isEqualTo(1000 * 30000.0);
    // 15% of 1000 x $30,000 remitted by the vendor (R11).
    assertThat(p.notes()).anyMatch(n -> n.contains("15% revenue share") && n.contains("$4,500,000")
        && n.contains("not added"));
  }
}
