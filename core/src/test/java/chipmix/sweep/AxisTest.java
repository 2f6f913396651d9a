package chipmix.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AxisTest {
  private static ObjectNode tree(String json) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(json);
  }

  private static final String BASE = """
      {"pools": [{"id": "a", "count": 10}, {"id": "b", "count": 20}],
       "orders": [{"id": "o", "quantity": 100}],
       "serving": [{"id": "chat", "requests_per_second": {"2025-01": 100, "2025-06": 250}}]}
      """;

  @Test
  void parse_readsKeysIdsAndIndices() {
    AxisPath p = AxisPath.parse("orders[ascend-910b].slip.delivered_fraction").orElseThrow();
    assertThat(p.steps()).containsExactly(new AxisPath.Key("orders"), new AxisPath.ById("ascend-910b"),
        new AxisPath.Key("slip"), new AxisPath.Key("delivered_fraction"));
    assertThat(AxisPath.parse("pools[2].count").orElseThrow().steps()).contains(new AxisPath.ByIndex(2));
    assertThat(AxisPath.parse("pools..count")).isEmpty();
  }

  @Test
  void set_byIdAndByIndex_changesOnlyThatItem() throws Exception {
    ObjectNode t = tree(BASE);
    Axis byId = new Axis.Set("n", AxisPath.parse("pools[b].count").orElseThrow(), List.of(new ObjectMapper().readTree("7")));
    assertThat(byId.apply(t, 0)).isEmpty();
    assertThat(t.at("/pools/1/count").asInt()).isEqualTo(7);
    assertThat(t.at("/pools/0/count").asInt()).isEqualTo(10);
    Axis byIndex = new Axis.Set("n", AxisPath.parse("pools[0].count").orElseThrow(), List.of(new ObjectMapper().readTree("3")));
    assertThat(byIndex.apply(t, 0)).isEmpty();
    assertThat(t.at("/pools/0/count").asInt()).isEqualTo(3);
  }

  @Test
  void set_aFieldTheBaseLeavesOut_createsTheMappingOnTheWay() throws Exception {
    ObjectNode t = tree(BASE);
    Axis slip = new Axis.Set("f", AxisPath.parse("orders[o].slip.delivered_fraction").orElseThrow(),
        List.of(new ObjectMapper().readTree("0.5")));
    assertThat(slip.apply(t, 0)).isEmpty();
    assertThat(t.at("/orders/0/slip/delivered_fraction").asDouble()).isEqualTo(0.5);
  }

  @Test
  void set_unknownId_saysWhichIdsExistWithASuggestion() throws Exception {
    Axis a = new Axis.Set("n", AxisPath.parse("pools[aa].count").orElseThrow(), List.of(new ObjectMapper().readTree("1")));
    Optional<String> problem = a.apply(tree(BASE), 0);
    assertThat(problem).hasValueSatisfying(m -> assertThat(m).contains("no item with id 'aa'").contains("did you mean 'a'"));
  }

  @Test
  void multiply_aMappingOfNumbers_multipliesEveryValue_andWholeNumbersStayWhole() throws Exception {
    ObjectNode t = tree(BASE);
    Axis m = new Axis.Multiply("d", AxisPath.parse("serving[chat].requests_per_second").orElseThrow(), List.of(1.0, 4.0));
    assertThat(m.apply(t, 1)).isEmpty();
    assertThat(t.at("/serving/0/requests_per_second/2025-01").asLong()).isEqualTo(100 * 4);
    assertThat(t.at("/serving/0/requests_per_second/2025-06").isIntegralNumber()).isTrue();
    assertThat(t.at("/serving/0/requests_per_second/2025-06").asLong()).isEqualTo(250 * 4);
  }

  @Test
  void multiply_aFieldThatIsNotANumber_isRefused() throws Exception {
    Axis m = new Axis.Multiply("d", AxisPath.parse("pools[a].id").orElseThrow(), List.of(2.0));
    assertThat(m.apply(tree(BASE), 0)).hasValueSatisfying(msg -> assertThat(msg).contains("multiply needs a number"));
  }

  @Test
  void add_appendsTheItem_orNothingForNone() throws Exception {
    ObjectNode item = tree("{\"id\": \"extra\", \"count\": 5}");
    Axis add = new Axis.Add("extra", "pools", List.of(Optional.empty(), Optional.of(item)));
    ObjectNode none = tree(BASE);
    add.apply(none, 0);
    assertThat(none.get("pools")).hasSize(2);
    ObjectNode with = tree(BASE);
    add.apply(with, 1);
    assertThat(with.get("pools")).hasSize(3);
    assertThat(add.label(0)).isEqualTo("none");
    assertThat(add.label(1)).isEqualTo("extra");
  }

  @Test
  void fields_setsEveryFieldOfTheValueTogether_andAnEmptyValueChangesNothing() throws Exception {
    Axis f = new Axis.Fields("more", List.of("+0", "+50"), List.of(java.util.Map.of(),
        java.util.Map.of(AxisPath.parse("orders[o].quantity").orElseThrow(), new ObjectMapper().readTree("150"),
            AxisPath.parse("pools[a].count").orElseThrow(), new ObjectMapper().readTree("60"))));
    ObjectNode unchanged = tree(BASE);
    assertThat(f.apply(unchanged, 0)).isEmpty();
    assertThat(unchanged).isEqualTo(tree(BASE));
    ObjectNode t = tree(BASE);
    assertThat(f.apply(t, 1)).isEmpty();
    assertThat(t.at("/orders/0/quantity").asInt()).isEqualTo(150);
    assertThat(t.at("/pools/0/count").asInt()).isEqualTo(60);
  }
}
