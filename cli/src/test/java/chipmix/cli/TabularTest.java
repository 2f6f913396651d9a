package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TabularTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void of_nestedObjects_becomeDottedColumns_inFirstSeenOrder() throws Exception {
    var t = Tabular.of(JSON.readTree("""
        [{"chip": "h20", "memory": {"total_gib": 96, "fits": true}},
         {"chip": "h100", "memory": {"total_gib": 80.5}, "note": "x"}]
        """));
    assertThat(t.header()).containsExactly("chip", "memory.total_gib", "memory.fits", "note");
    assertThat(t.rows()).containsExactly(java.util.List.of("h20", "96", "true", ""), java.util.List.of("h100", "80.5", "", "x"));
  }

  @Test
  void csv_quotesCommasAndQuotes_andWritesLargeNumbersInFull() throws Exception {
    var t = Tabular.of(JSON.readTree("""
        {"name": "a, \\"b\\"", "tokens": 1.48E13, "tiny": 0.000125, "list": [1, 2], "rows": [{"x": 1}]}
        """));
    // 1.48e13 written as 14800000000000: spreadsheets read it, people never see scientific notation
    assertThat(t.csv()).isEqualTo("name,tokens,tiny,list\n\"a, \"\"b\"\"\"," + (long) 1.48e13 + ",0.000125,1; 2\n");
  }

  @Test
  void of_keyNullInOneRowAndAnObjectInAnother_keepsOnlyTheDottedColumns() throws Exception {
    var t = Tabular.of(JSON.readTree("""
        [{"id": "a", "placement": {"chip": "h20"}}, {"id": "b", "placement": null}]
        """));
    assertThat(t.header()).containsExactly("id", "placement.chip");
    assertThat(t.rows().get(1)).containsExactly("b", "");
  }
}
