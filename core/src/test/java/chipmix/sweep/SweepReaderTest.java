package chipmix.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.CatalogLoader;
import chipmix.io.Yaml;
import chipmix.io.YamlPositions;
import chipmix.model.ModelPresets;
import chipmix.scenario.ScenarioLoader;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SweepReaderTest {
  static final Path EXAMPLE = Path.of("..", "examples", "bytedance-2025.yaml");
  static ScenarioLoader loader;
  static JsonNode base;

  @BeforeAll
  static void load() {
    loader = new ScenarioLoader(CatalogLoader.bundled(), ModelPresets.names());
    base = Yaml.parseFile(EXAMPLE);
  }

  private static List<String> problems(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e.issues().stream().map(ValidationIssue::describe).toList();
    }
    throw new AssertionError("expected the sweep to be rejected");
  }

  private static SweepSpec read(String yaml) {
    return YamlPositions.placing(yaml, () -> SweepReader.read(Yaml.parse(yaml, "s.yaml"), "s"));
  }

  @Test
  void read_aMalformedSweep_listsEveryProblemWithItsPathAndLine() {
    String yaml = """
        scenrio: bytedance-2025.yaml
        samples: 0
        keep: [cost, servng]
        axes:
          - {path: "pools[h20-fleet].count", values: [1, 2], multiply: [2]}
          - {add: racks, values: [~]}
          - {path: "pools..count", values: [1]}
          - {path: "orders[x].quantity", multiply: [two]}
        """;
    List<String> p = problems(() -> read(yaml));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("scenrio (line 1").contains("did you mean 'scenario'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("scenario").contains("is required"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("samples (line 2").contains("at least 1"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("keep[1]").contains("'servng'").contains("did you mean 'serving'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("axes[0] (line 5").contains("not both"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("axes[1].add (line 6").contains("'racks'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("axes[2].path (line 7").contains("not a scenario path"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("axes[3].multiply[0] (line 8").contains("number"));
  }

  @Test
  void check_pathsAndValuesAgainstTheScenario_listEveryProblemWithDidYouMean() {
    SweepSpec spec = read("""
        scenario: bytedance-2025.yaml
        variant: all-h2O
        axes:
          - {path: "orders[ascend-910c].slip.delivered_fraction", values: [0.5]}
          - {path: "orders[ascend-910b].slip.delivered_fraction", values: [0.5, 1.5]}
          - {path: "pools[h20-fleet].cuont", values: [1000]}
        """);
    List<String> p = problems(() -> SweepReader.check(spec, base, List.of("all-h20", "all-910b"),
        t -> loader.load(t, "bytedance-2025")));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("variant").contains("did you mean 'all-h20'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("axes[0].path").contains("no item with id 'ascend-910c'")
        .contains("did you mean 'ascend-910b'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("axes[1].values[1]")
        .contains("orders[0].slip.delivered_fraction"));
    assertThat(p).noneSatisfy(m -> assertThat(m).startsWith("axes[1].values[0]"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("axes[2].values[0]").contains("cuont").contains("did you mean 'count'"));
  }

  @Test
  void read_aValidSweep_keepsAxesInFileOrder_andDefaultsToEveryOutcome() {
    SweepSpec spec = read("""
        scenario: bytedance-2025.yaml
        axes:
          - {name: frac, path: "orders[ascend-910b].slip.delivered_fraction", values: [0.3, 0.5, 0.7]}
          - {path: "serving[chatbot].requests_per_second", multiply: [1, 2]}
          - {add: orders, values: [~, {id: more, chip: h20, quantity: 1, deliveries: [{date: 2025-02-01, count: 1}]}]}
        """);
    assertThat(spec.axes()).extracting(Axis::name).containsExactly("frac", "serving[chatbot].requests_per_second", "orders+");
    assertThat(spec.points()).isEqualTo(3 * 2 * 2);
    assertThat(spec.keep()).containsExactly(Outcome.Group.values());
    assertThat(spec.samples()).isEqualTo(1);
  }

  @Test
  void read_twoAxesWithOneName_isRefused() {
    assertThatThrownBy(() -> read("""
        scenario: x.yaml
        axes:
          - {path: "pools[a].count", values: [1]}
          - {path: "pools[a].count", values: [2]}
        """)).isInstanceOf(InvalidInputException.class).hasMessageContaining("used twice");
  }

  @Test
  void check_aFieldsAxis_reportsTheValueWhoseFieldsClash() {
    SweepSpec spec = read("""
        scenario: bytedance-2025.yaml
        axes:
          - name: more-h20
            labels: ["+0", "+20000", "too many"]
            fields:
              - {}
              - {"orders[h20-2025].quantity": 80000, "orders[h20-2025].deliveries[0].count": 40000}
              - {"orders[h20-2025].deliveries[0].count": 40000}
        """);
    assertThat(spec.axes().get(0).label(1)).isEqualTo("+20000");
    List<String> p = problems(() -> SweepReader.check(spec, base, List.of(), t -> loader.load(t, "bytedance-2025")));
    // 40,000 + 20,000 + 20,000 delivered of an order of 60,000
    assertThat(p).allSatisfy(m -> assertThat(m).startsWith("axes[0].fields[2]").contains("more-h20 = too many"));
    assertThat(p).anySatisfy(m -> assertThat(m).contains("deliveries sum to " + (40000 + 20000 + 20000) + " devices"));
  }

  @Test
  void read_aFieldsAxisWithTooFewLabels_isRefused() {
    assertThatThrownBy(() -> read("""
        scenario: x.yaml
        axes:
          - {name: m, labels: [a], fields: [{}, {"pools[a].count": 1}]}
        """)).isInstanceOf(InvalidInputException.class).hasMessageContaining("labels").hasMessageContaining("names 1 value(s)");
  }
}
