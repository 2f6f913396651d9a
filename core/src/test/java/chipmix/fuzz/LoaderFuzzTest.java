package chipmix.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.catalog.MetricRanges;
import chipmix.exportcontrol.RuleBookLoader;
import chipmix.io.Resources;
import chipmix.io.Yaml;
import chipmix.model.ModelPresets;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Issue #16: random and mutated YAML fed to the scenario, catalog and rule loaders gives a result
 * or an {@link InvalidInputException} with issues: never another exception, never a hang. Seed
 * override: see {@link Fuzz} ({@code -Dchipmix.fuzz.seed}).
 */
class LoaderFuzzTest {
  private static final Catalog CATALOG = CatalogLoader.bundled();
  private static final ScenarioLoader SCENARIOS = new ScenarioLoader(CATALOG, ModelPresets.names(), List.of("huawei"));

  /** A result or input errors with at least one issue; anything else fails the try. */
  private static void loadsOrRefuses(Runnable load) {
    try {
      load.run();
    } catch (InvalidInputException e) {
      assertThat(e.issues()).isNotEmpty();
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  private static final String EXAMPLE;

  static {
    try {
      EXAMPLE = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../examples/bytedance-2025.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Property(tries = 400, seed = "20261203", shrinking = ShrinkingMode.OFF)
  void scenarioLoader_randomAndMutatedYaml_loadsOrListsIssues(@ForAll("scenarios") String text) {
    Fuzz.run(text, t -> loadsOrRefuses(() -> inRange(SCENARIOS.loadText(t, "fuzz.yaml"))));
  }

  /** What loads holds only documented values (the oracle for mutations such as {@code pue: 1e308}). */
  private static void inRange(Scenario s) {
    assertThat(Limits.PUE.contains(s.settings().pue())).as("pue %s", s.settings().pue()).isTrue();
    assertThat(Limits.USD_PER_KWH.contains(s.settings().electricityUsdPerKwh())).isTrue();
    s.settings().amortizationYears().ifPresent(y -> assertThat(Limits.AMORTIZATION_YEARS.contains(y)).as("years %s", y).isTrue());
    for (Scenario.Pool p : s.pools()) {
      assertThat(Limits.DEVICES.contains(p.count())).as("pool count %s", p.count()).isTrue();
      p.unitPriceUsd().ifPresent(u -> assertThat(Limits.DEVICE_PRICE_USD.contains(u)).as("price %s", u).isTrue());
    }
    for (Scenario.Order o : s.orders()) {
      assertThat(Limits.DEVICES.contains(o.quantity())).as("quantity %s", o.quantity()).isTrue();
      assertThat(Limits.SLIP_DELAY_DAYS.contains(o.slip().delayDays())).as("delay %s", o.slip().delayDays()).isTrue();
      o.deliveries().forEach(d -> assertThat(Limits.DEVICES.contains(d.count())).as("delivery %s", d.count()).isTrue());
    }
    for (Scenario.TrainingRun r : s.training()) {
      assertThat(Limits.TRAINING_TOKENS.contains(r.tokens())).as("tokens %s", r.tokens()).isTrue();
      assertThat(Limits.SEQUENCE_LENGTH.contains(r.sequenceLength())).isTrue();
      assertThat(Limits.GLOBAL_BATCH.contains(r.globalBatch())).isTrue();
    }
    for (Scenario.ServingDemand d : s.serving()) {
      d.requestsPerSecond().values().forEach(v -> assertThat(Limits.REQUESTS_PER_SECOND.contains(v)).as("rps %s", v).isTrue());
      assertThat(Limits.LATENCY_MS.contains(d.ttftMs()) && Limits.LATENCY_MS.contains(d.tpotMs())).isTrue();
    }
  }

  @Provide
  Arbitrary<String> scenarios() {
    return Fuzz.inputs(EXAMPLE);
  }

  private static final String CATALOG_SEED = """
        sources:
          - {id: U01, title: Datasheet, publisher: Acme, url: "https://example.org/x1", date: 2025-01-01}
        chips:
          - id: acme-x1
            vendor: Acme
            name: Acme X1
            aliases: [x1]
            design_origin: US
            market: datacenter
            sources: [U01]
            specs:
              bf16_tflops: {value: 500, low: 450, high: 520, source: U01, confidence: medium}
              memory_gb: {value: 96, source: U01, confidence: high}
              memory_bandwidth_tbs: {value: 3.2, source: U01, confidence: high}
              tdp_w: {value: 700, source: U01, confidence: low}
        systems:
          - id: acme-node
            name: Acme node
            chip: acme-x1
            devices_per_node: 8
            scale_up_domain: 8
            scale_up_bandwidth_gbs: {value: 400, source: U01, confidence: high}
            sources: [U01]
        """;

  @Property(tries = 60, seed = "20261203", shrinking = ShrinkingMode.OFF)
  void catalogLoader_randomAndMutatedYaml_loadsOrListsIssues(@ForAll("catalogs") String text) throws Exception {
    Path file = Files.createTempFile("chipmix-fuzz", ".yaml");
    try {
      // getBytes writes a lone surrogate as '?' (Files.writeString would refuse it)
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
      Fuzz.run(text, t -> loadsOrRefuses(() -> CatalogLoader.loadFiles(List.of(file)).chips().forEach(c ->
          c.specs().forEach((m, spec) -> assertThat(MetricRanges.of(m).contains(spec.low())
              && MetricRanges.of(m).contains(spec.high())).as("%s %s %s", c.id(), m, spec).isTrue()))));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Provide
  Arbitrary<String> catalogs() {
    return Fuzz.inputs(CATALOG_SEED);
  }

  private static final String RULES_DIR = RuleBookLoader.BUNDLED_DIR;
  private static final JsonNode COUNTRIES = Yaml.parseResource(RULES_DIR + "countries.yaml");
  private static final JsonNode GROUPS = Yaml.parseResource(RULES_DIR + "groups.yaml");
  private static final JsonNode PARTIES = Yaml.parseResource(RULES_DIR + "parties.yaml");

  @Property(tries = 250, seed = "20261203", shrinking = ShrinkingMode.OFF)
  void ruleBookLoader_mutatedRules_loadsOrListsIssues(@ForAll("rules") String text) {
    Fuzz.run(text, t -> loadsOrRefuses(() -> RuleBookLoader.load(COUNTRIES, GROUPS, PARTIES, Yaml.parse(t, "rules.yaml"))));
  }

  @Provide
  Arbitrary<String> rules() {
    return Fuzz.inputs(Resources.text(RULES_DIR + "rules.yaml"));
  }

  @Property(tries = 1500, seed = "20261203", shrinking = ShrinkingMode.OFF)
  void yamlParser_randomText_parsesOrListsIssues(@ForAll("yaml") String text) {
    Fuzz.run(text, t -> loadsOrRefuses(() -> Yaml.parse(t, "f.yaml")));
  }

  @Provide
  Arbitrary<String> yaml() {
    return Fuzz.inputs("a: {b: [1, 2.5, .nan, x]}\nc: |\n  text\nd:\n  - e: 1\n    f: 'g'\n");
  }
}
