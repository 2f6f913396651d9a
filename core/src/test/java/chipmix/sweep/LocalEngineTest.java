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
    Catalog catalog = CatalogLoader.bundled();
    ScenarioLoader loader = new ScenarioLoader(catalog, ModelPresets.names());
    String sweep = """
        scenario: bytedance-2025.yaml
        axes:
          - {path: "orders[ascend-910b].slip.delivered_fraction", values: [0.3, 0.6, 0.9]}
          - {path: "pools[h20-fleet].count", values: [50000, 166000]}
          - {path: "serving[chatbot].requests_per_second", multiply: [1, 4]}
        """;
    SweepSpec spec = SweepReader.read(Yaml.parse(sweep, "s.yaml"), "s");
    Planner planner = new Planner(catalog, engines, m -> {});
    return new SweepJob(spec, (ObjectNode) Yaml.parseFile(EXAMPLE), t -> loader.load(t, "bytedance-2025"), planner::plan,
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
}
