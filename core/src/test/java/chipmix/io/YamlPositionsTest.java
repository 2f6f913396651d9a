package chipmix.io;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.validation.ValidationIssue.Position;
import org.junit.jupiter.api.Test;

class YamlPositionsTest {
  private static final String TEXT = """
      name: x
      orders:
        - id: a
          deliveries:
            - {date: 2025-01-01, count: 5}
            - date: 2025-02-01
              count: -1
      """;

  /** The 1-based position of the first {@code word} on 1-based {@code line} of TEXT. */
  private static Position at(int line, String word) {
    return new Position(line, TEXT.lines().toList().get(line - 1).indexOf(word) + 1);
  }

  @Test
  void find_writtenPath_isTheLineAndColumnOfItsKey() {
    YamlPositions p = YamlPositions.of(TEXT);
    assertThat(p.find("orders[0].deliveries[1].count")).contains(at(7, "count"));
    assertThat(p.find("orders[0].id")).contains(at(3, "id"));
  }

  @Test
  void find_missingKey_isItsNearestWrittenParent() {
    YamlPositions p = YamlPositions.of(TEXT);
    // orders[0].quantity is not written: the issue points at the order itself (line 3, the "- id: a" item).
    assertThat(p.find("orders[0].quantity")).contains(at(3, "id"));
    assertThat(p.find("orders[0].deliveries[0].count")).contains(at(5, "count"));
  }

  @Test
  void of_textThatIsNotYaml_hasNoPositions() {
    assertThat(YamlPositions.of("a: [unclosed").find("a")).isEmpty();
  }
}
