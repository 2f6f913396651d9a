package chipmix.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridTest {
  private static Axis values(String name, int n) {
    List<com.fasterxml.jackson.databind.JsonNode> vs = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      vs.add(JsonNodeFactory.instance.numberNode(i));
    }
    return new Axis.Set(name, AxisPath.parse("pools[a].count").orElseThrow(), vs);
  }

  @Test
  void expand_countIsTheProductOfTheAxisSizes() {
    List<Axis> axes = List.of(values("a", 3), values("b", 2), values("c", 4));
    assertThat(Grid.expand(axes)).hasSize(3 * 2 * 4);
    assertThat(new SweepSpec("s", "x.yaml", java.util.Optional.empty(), axes, 1, java.util.Optional.empty(),
        List.of(Outcome.Group.values())).points()).isEqualTo(3L * 2 * 4);
  }

  @Test
  void expand_numbersPointsInMixedRadixOrder_theLastAxisFastest() {
    List<Grid.Point> points = Grid.expand(List.of(values("a", 3), values("b", 2)));
    assertThat(points).extracting(Grid.Point::values).containsExactly(
        List.of(0, 0), List.of(0, 1), List.of(1, 0), List.of(1, 1), List.of(2, 0), List.of(2, 1));
    for (int k = 0; k < points.size(); k++) {
      assertThat(points.get(k).index()).isEqualTo(k);
      // index = first digit x size of the second axis + second digit
      assertThat(points.get(k).values().get(0) * 2 + points.get(k).values().get(1)).isEqualTo(k);
    }
  }

  @Test
  void point_labelsNameEachAxisValue() {
    List<Axis> axes = List.of(values("a", 2), new Axis.Multiply("m", AxisPath.parse("x").orElseThrow(), List.of(1.0, 2.5)));
    assertThat(Grid.point(axes, 3).labels(axes)).containsExactly("1", "x2.5");
  }
}
