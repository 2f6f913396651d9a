package chipmix.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static Axis axis(String name, int... values) {
    List<com.fasterxml.jackson.databind.JsonNode> vs = new ArrayList<>();
    for (int v : values) {
      vs.add(JsonNodeFactory.instance.numberNode(v));
    }
    return new Axis.Set(name, AxisPath.parse("x").orElseThrow(), vs);
  }

  /** cost = 100 x price + 0 x colour: a synthetic sweep whose answer is known. */
  private static List<Row> rows(List<Axis> axes) {
    List<Row> out = new ArrayList<>();
    for (Grid.Point p : Grid.expand(axes)) {
      List<String> labels = p.labels(axes);
      double cost = 100 * Integer.parseInt(labels.get(0));
      out.add(new Row(p.index(), 0, "k" + p.index(), labels, List.of(), List.of(new Row.ServingOutcome("chat", 0)), cost,
          0, 0, Optional.empty()));
    }
    return out;
  }

  @Test
  void sensitivity_anAxisThatDoesNotAffectCost_hasZeroRange_andTheOtherRanksFirst() {
    List<Axis> axes = List.of(axis("colour", 1, 2, 3), axis("price", 1, 2, 5));
    // colour is the first axis; price the second: reorder so cost depends on the second label
    List<Row> rs = new ArrayList<>();
    for (Row r : rows(List.of(axes.get(1), axes.get(0)))) {
      rs.add(new Row(r.point(), 0, r.key(), List.of(r.values().get(1), r.values().get(0)), r.training(), r.serving(),
          r.costUsd(), 0, 0, Optional.empty()));
    }
    Summary s = Summary.of(axes, List.of(Outcome.Group.COST), rs);
    Summary.Sensitivity cost = s.sensitivity().stream().filter(x -> x.outcome().equals("cost_usd")).findFirst().orElseThrow();
    assertThat(cost.axes().get(0).axis()).isEqualTo("price");
    // mean cost at price 1 is 100, at price 5 is 500, whatever the colour
    assertThat(cost.axes().get(0).low()).isEqualTo(100 * 1);
    assertThat(cost.axes().get(0).high()).isEqualTo(100 * 5);
    assertThat(cost.axes().get(0).range()).isEqualTo(100 * 5 - 100 * 1);
    assertThat(cost.axes().get(1).axis()).isEqualTo("colour");
    assertThat(cost.axes().get(1).range()).isZero();
    assertThat(cost.overallMean()).isEqualTo(100 * (1 + 2 + 5) / 3.0);
  }

  @Test
  void summary_keepsOnlyTheOutcomeGroupsAsked_andLeavesFailedRowsOut() {
    List<Axis> axes = List.of(axis("price", 1, 2));
    List<Row> rs = new ArrayList<>(rows(axes));
    rs.add(Row.failed(2, 0, "bad", List.of("3"), "deliveries exceed the order"));
    Summary s = Summary.of(axes, List.of(Outcome.Group.COST), rs);
    assertThat(s.outcomes()).containsExactly("cost_usd");
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.points()).hasSize(2);
  }

  @Test
  void stats_percentilesInterpolateBetweenClosestRanks() {
    Summary.Stats st = Summary.Stats.of(new double[] {4, 1, 3, 2, 5});
    assertThat(st.mean()).isEqualTo((1 + 2 + 3 + 4 + 5) / 5.0);
    assertThat(st.p50()).isEqualTo(3);
    // rank (5 - 1) x 0.1 = 0.4: 1 + 0.4 x (2 - 1)
    assertThat(st.p10()).isCloseTo(1 + 0.4 * (2 - 1), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(st.p90()).isCloseTo(4 + 0.6 * (5 - 4), org.assertj.core.data.Offset.offset(1e-12));
  }
}
