package chipmix.scenario;

import chipmix.catalog.CatalogLoader;
import chipmix.io.CleanJson;
import chipmix.scenario.engines.Planning;
import chipmix.scenario.report.JsonReport;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * Issue #16: a small scenario with finite, in-range values (the documented bounds of PUE,
 * electricity price, amortization, slip delay, counts, demand) plans with the real engines to a
 * JSON report with no NaN, Infinity or negative count.
 */
class PlanOutputPropertyTest {
  private static final Planning PLANNING = Planning.of(CatalogLoader.bundled(), java.util.List.of());

  @Property(tries = 12, seed = "20261203")
  void smallPlan_jsonHasOnlyFiniteNonNegativeCounts(
      @ForAll("chips") String poolChip, @ForAll @IntRange(min = 1, max = 100_000) int poolCount,
      @ForAll("chips") String orderChip, @ForAll @IntRange(min = 1, max = 100_000) int ordered,
      @ForAll @IntRange(min = 0, max = 3650) int delayDays, @ForAll @DoubleRange(min = 0.001, max = 1) @Scale(3) double fraction,
      @ForAll @DoubleRange(min = 1, max = 3) double pue, @ForAll @DoubleRange(min = 0, max = 10) double usdPerKwh,
      @ForAll @DoubleRange(min = 0.1, max = 30) double years, @ForAll("demands") double rps,
      @ForAll("tokens") double tokens, @ForAll @DoubleRange(min = 1, max = 1e5) double price) {
    String yaml = String.format(Locale.ROOT, """
        name: prop
        organisation: {name: Example AI, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2025-12, pue: %s, electricity_usd_per_kwh: %s, amortization_years: %s}
        pools:
          - {id: fleet, chip: %s, count: %d, online: 2024-12-01, unit_price_usd: %s, scale_out_gbps: 400}
        orders:
          - {id: order, chip: %s, quantity: %d, unit_price_usd: %s, scale_out_gbps: 400,
             deliveries: [{date: 2025-03-01, count: %d}], slip: {delay_days: %d, delivered_fraction: %s}}
        training:
          - {id: run, model: llama3-8b, tokens: %s, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-02-01, pools: [fleet, order]}
        serving:
          - {id: chat, model: llama3-8b, prompt_tokens: 1000, output_tokens: 300, ttft_ms: 2000, tpot_ms: 50,
             pools: [fleet, order], requests_per_second: {2025-01: %s, 2025-06: %s}}
        """, pue, usdPerKwh, years, poolChip, poolCount, price, orderChip, ordered, price, ordered, delayDays, fraction,
        tokens, rps, rps / 2);
    Scenario s = PLANNING.loadText(yaml, "prop.yaml");
    Plan p = PLANNING.planner(line -> { }).plan(s, Optional.empty());
    CleanJson.assertClean(JsonReport.tree(s, java.util.List.of(p)));
  }

  @Provide
  Arbitrary<String> chips() {
    return Arbitraries.of("h20", "h100-sxm", "ascend-910b");
  }

  @Provide
  Arbitrary<Double> demands() {
    return Arbitraries.doubles().between(-2, 7).map(e -> Math.pow(10, e));
  }

  @Provide
  Arbitrary<Double> tokens() {
    return Arbitraries.doubles().between(8, 14).map(e -> Math.pow(10, e));
  }
}
