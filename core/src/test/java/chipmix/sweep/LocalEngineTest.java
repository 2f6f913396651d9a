package chipmix.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.io.Yaml;
import chipmix.model.ModelPresets;
import chipmix.scenario.Engines;
import chipmix.scenario.Planner;
import chipmix.scenario.ScenarioLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalEngineTest {
  static final Path EXAMPLE = Path.of("..", "examples", "bytedance-2025.yaml");

  /** Fakes with stated rules: training runs at 1,000 tokens/s per device, a replica is 8 devices at 10 requests/s. */
  static Engines fakes(AtomicInteger trainingQuestions) {
    Engines.Compliance clear = (chip, from, to, hq, parties, date) ->
        new Engines.Finding(Engines.Verdict.CLEAR, "no-license-required", List.of(), List.of());
    Engines.Training training = (model, seq, batch, chip, system, scaleOut, devices) -> {
      trainingQuestions.incrementAndGet();
      return Optional.of(new Engines.TrainingRate(1000.0 * devices, devices, "DP " + devices));
    };
    Engines.Serving serving = (model, p, o, ttft, tpot, w, kv, chip, system, scaleOut) ->
        Optional.of(new Engines.Replica(8, 10, "TP 8"));
    return new Engines(clear, training, serving, Map.of());
  }

  static SweepJob job(Engines engines) {
    return job(engines, "");
  }

  /** The test sweep with extra top-level lines ({@code samples}, {@code seed}). */
  static SweepJob job(Engines engines, String extra) {
    Catalog catalog = CatalogLoader.bundled();
    ScenarioLoader loader = new ScenarioLoader(catalog, ModelPresets.names());
    String sweep = """
        scenario: bytedance-2025.yaml
        axes:
          - {path: "orders[ascend-910b].slip.delivered_fraction", values: [0.3, 0.6, 0.9]}
          - {path: "pools[h20-fleet].count", values: [50000, 166000]}
          - {path: "serving[chatbot].requests_per_second", multiply: [1, 4]}
        """ + extra;
    SweepSpec spec = SweepReader.read(Yaml.parse(sweep, "s.yaml"), "s");
    Planner planner = new Planner(catalog, engines, m -> {});
    return new SweepJob(spec, (ObjectNode) Yaml.parseFile(EXAMPLE), t -> loader.load(t, "bytedance-2025"), planner::plan, planner::draw,
        "test");
  }

  private static List<Row> run(SweepJob job, int threads, Set<String> done) throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    new LocalEngine(threads).run(job, LocalEngine.tasks(job), done, rows::add, (d, t, s) -> {});
    rows.sort(Comparator.comparingInt(Row::point));
    return rows;
  }

  @Test
  void run_rowsDoNotDependOnTheNumberOfThreads() throws Exception {
    SweepJob job = job(fakes(new AtomicInteger()));
    List<Row> one = run(job, 1, Set.of());
    List<Row> four = run(job, 4, Set.of());
    assertThat(one).hasSize(3 * 2 * 2);
    assertThat(four).isEqualTo(one);
    // the axes reach the plan: a third of the 910B order costs less than nine tenths of it
    assertThat(one.get(0).costUsd()).isLessThan(one.get(one.size() - 1).costUsd());
  }

  @Test
  void run_skipsTasksWhoseKeyIsDone() throws Exception {
    SweepJob job = job(fakes(new AtomicInteger()));
    List<LocalEngine.Task> tasks = LocalEngine.tasks(job);
    Set<String> done = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      done.add(job.key(tasks.get(i).point(), tasks.get(i).sample()));
    }
    List<Row> rest = run(job, 2, done);
    assertThat(rest).hasSize(tasks.size() - 5);
    assertThat(rest).extracting(Row::point).doesNotContain(0, 1, 2, 3, 4);
  }

  @Test
  void sharedAnswers_askEachDistinctQuestionOnce() throws Exception {
    AtomicInteger behind = new AtomicInteger();
    Engines raw = fakes(behind);
    SharedAnswers shared = new SharedAnswers();
    Engines memo = shared.wrap(raw, raw::training, raw::serving);
    SweepJob job = job(memo);
    run(job, 3, Set.of());
    int first = behind.get();
    assertThat(first).isPositive();
    run(job, 3, Set.of());
    // the second pass over the same points asks nothing new
    assertThat(behind.get()).isEqualTo(first);
  }

  @Test
  void key_dependsOnTheValuesAndTheSample_notOnThePointNumber() {
    SweepJob job = job(fakes(new AtomicInteger()));
    Grid.Point p = Grid.point(job.spec().axes(), 3);
    assertThat(job.key(p, 0)).isNotEqualTo(job.key(p, 1));
    assertThat(job.key(new Grid.Point(99, p.values()), 0)).isEqualTo(job.key(p, 0));
  }

  @Test
  void sampled_oneRowPerPointAndSample_sameWhateverTheThreads() throws Exception {
    SweepJob job = job(fakes(new AtomicInteger()), "samples: 5\nseed: 7\n");
    Comparator<Row> order = Comparator.comparingInt(Row::point).thenComparingInt(Row::sample);
    List<Row> one = run(job, 1, Set.of());
    List<Row> three = run(job, 3, Set.of());
    one.sort(order);
    three.sort(order);
    assertThat(one).hasSize(3 * 2 * 2 * 5);
    assertThat(three).isEqualTo(one);
    assertThat(one.subList(0, 5)).extracting(Row::sample).containsExactly(0, 1, 2, 3, 4);
    // the samples of a point differ (model error moves the energy bill), so they are draws, not copies
    assertThat(one.subList(0, 5).stream().map(Row::costUsd).distinct().count()).isGreaterThan(1);
  }

  @Test
  void sampled_rowsOfAPointAreThatPlansMonteCarloSamples() throws Exception {
    Catalog catalog = CatalogLoader.bundled();
    Engines engines = fakes(new AtomicInteger());
    int n = 9;
    SweepJob job = job(engines, "samples: " + n + "\nseed: 11\n");
    List<Row> rows = run(job, 2, Set.of()).stream().filter(r -> r.point() == 3).toList();
    assertThat(rows).hasSize(n);
    ScenarioLoader loader = new ScenarioLoader(catalog, ModelPresets.names());
    chipmix.scenario.Scenario scenario = loader.load(job.treeOf(Grid.point(job.spec().axes(), 3)), "bytedance-2025");
    Planner planner = new Planner(catalog, engines, m -> {});
    chipmix.scenario.Plan plan = planner.plan(scenario, Optional.empty());
    chipmix.scenario.MonteCarlo.Outlook outlook = chipmix.scenario.MonteCarlo.sample(scenario, plan, catalog, n, 11);
    double[] costs = rows.stream().mapToDouble(Row::costUsd).sorted().toArray();
    // MonteCarlo's percentiles are nearest-rank: P50 of 9 is the 5th smallest, P10 the 1st, P90 the 9th
    assertThat(costs[4]).isEqualTo(outlook.costUsd().p50());
    assertThat(costs[0]).isEqualTo(outlook.costUsd().p10());
    assertThat(costs[8]).isEqualTo(outlook.costUsd().p90());
  }

  @Test
  void unsampled_oneDeterministicRowPerPoint() throws Exception {
    SweepJob job = job(fakes(new AtomicInteger()));
    assertThat(job.spec().sampled()).isFalse();
    List<Row> rows = run(job, 2, Set.of());
    assertThat(rows).hasSize(3 * 2 * 2).extracting(Row::sample).containsOnly(0);
  }

  @Test
  void key_changesWithAnyDetailOfTheAxis_notWithAnUnchangedFile() {
    Engines e = fakes(new AtomicInteger());
    String sweep = """
        scenario: bytedance-2025.yaml
        axes:
          - name: extra
            add: orders
            values:
              - {id: x, chip: h20, system: hgx-h20-8, quantity: 100, unit_price_usd: %s,
                 deliveries: [{date: 2025-02-15, count: 100}]}
          - name: more
            labels: [big]
            fields:
              - {"orders[h20-2025].quantity": %s}
        """;
    SweepJob base = jobOf(e, sweep.formatted(12000, 80000));
    SweepJob same = jobOf(e, sweep.formatted(12000, 80000));
    SweepJob price = jobOf(e, sweep.formatted(13000, 80000));
    SweepJob quantity = jobOf(e, sweep.formatted(12000, 90000));
    Grid.Point p = Grid.point(base.spec().axes(), 0);
    assertThat(same.key(p, 0)).isEqualTo(base.key(p, 0));
    // the labels are the same ("x", "big") but the values behind them are not
    assertThat(price.key(p, 0)).isNotEqualTo(base.key(p, 0));
    assertThat(quantity.key(p, 0)).isNotEqualTo(base.key(p, 0));
  }

  @Test
  void key_sameAxisNameOnAnotherPath_differs() {
    Engines e = fakes(new AtomicInteger());
    SweepJob a = jobOf(e, "scenario: s.yaml\naxes:\n  - {name: n, path: \"pools[h20-fleet].count\", values: [1]}\n");
    SweepJob b = jobOf(e, "scenario: s.yaml\naxes:\n  - {name: n, path: \"pools[0].count\", values: [1]}\n");
    Grid.Point p = Grid.point(a.spec().axes(), 0);
    assertThat(b.key(p, 0)).isNotEqualTo(a.key(p, 0));
  }

  @Test
  void key_moreSamplesKeepTheKeysOfTheFirstOnes_anotherSeedDoesNot() {
    Engines e = fakes(new AtomicInteger());
    String axes = "scenario: s.yaml\naxes:\n  - {path: \"pools[h20-fleet].count\", values: [1, 2]}\n";
    SweepJob five = jobOf(e, axes + "samples: 5\nseed: 3\n");
    SweepJob ten = jobOf(e, axes + "samples: 10\nseed: 3\n");
    SweepJob otherSeed = jobOf(e, axes + "samples: 5\nseed: 4\n");
    Grid.Point p = Grid.point(five.spec().axes(), 1);
    assertThat(ten.key(p, 4)).isEqualTo(five.key(p, 4));
    assertThat(otherSeed.key(p, 4)).isNotEqualTo(five.key(p, 4));
  }

  @Test
  void sampledRows_sameWithoutTheAtRiskFallbackPlan() throws Exception {
    // the fakes, but H20 deliveries from 2025-04-09 need a licence that may not come (at risk)
    Engines clear = fakes(new AtomicInteger());
    Engines.Compliance h20AtRisk = (chip, from, to, hq, parties, date) -> chip.id().equals("h20")
        && !date.isBefore(java.time.LocalDate.of(2025, 4, 9))
            ? new Engines.Finding(Engines.Verdict.AT_RISK, "license-required", List.of(), List.of())
            : new Engines.Finding(Engines.Verdict.CLEAR, "no-license-required", List.of(), List.of());
    Engines engines = new Engines(h20AtRisk, clear.training(), clear.serving(), Map.of());
    Catalog catalog = CatalogLoader.bundled();
    ScenarioLoader loader = new ScenarioLoader(catalog, ModelPresets.names());
    SweepSpec spec = SweepReader.read(Yaml.parse("""
        scenario: s.yaml
        samples: 4
        seed: 9
        axes:
          - {path: "pools[h20-fleet].count", values: [50000, 166000]}
        """, "s.yaml"), "s");
    Planner planner = new Planner(catalog, engines, m -> {});
    ObjectNode tree = (ObjectNode) Yaml.parseFile(EXAMPLE);
    SweepJob full = new SweepJob(spec, tree, t -> loader.load(t, "bytedance-2025"), planner::plan, planner::draw, "test");
    SweepJob lean = new SweepJob(spec, tree, t -> loader.load(t, "bytedance-2025"), planner::planWithoutFallback,
        planner::draw, "test");
    List<Row> rows = run(full, 1, Set.of());
    assertThat(rows).hasSize(2 * 4).allSatisfy(r -> assertThat(r.devicesAtRisk()).isPositive());
    assertThat(run(lean, 1, Set.of())).isEqualTo(rows);
  }

  private static SweepJob jobOf(Engines engines, String sweep) {
    Catalog catalog = CatalogLoader.bundled();
    ScenarioLoader loader = new ScenarioLoader(catalog, ModelPresets.names());
    SweepSpec spec = SweepReader.read(Yaml.parse(sweep, "s.yaml"), "s");
    Planner planner = new Planner(catalog, engines, m -> {});
    return new SweepJob(spec, (ObjectNode) Yaml.parseFile(EXAMPLE), t -> loader.load(t, "bytedance-2025"), planner::plan,
        planner::draw, "test");
  }
}
