package chipmix.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

class YamlTest {

  @Test
  void parse_duplicateKey_isAnErrorNamingTheKey() {
    assertThatThrownBy(() -> Yaml.parse("a: 1\nb: 2\na: 3\n", "f.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("f.yaml")
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void parse_badSyntax_namesTheLine() {
    assertThatThrownBy(() -> Yaml.parse("a: [1, 2\nb: 3\n", "f.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("f.yaml: not valid YAML (line");
  }

  @Test
  void parse_alias_isRefusedAtItsLineAndColumn() {
    assertThatThrownBy(() -> Yaml.parse("a: &x 1\nb: *x\n", "f.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("f.yaml (line 2, column 4): uses the alias *x: YAML anchors and aliases are not supported;"
            + " write the value out");
  }

  @Test
  void parse_billionLaughs_isRefusedQuickly() {
    StringBuilder y = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    assertThatThrownBy(() -> Yaml.parse(y.toString(), "f.yaml")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("uses the alias *a0");
  }

  @Test
  void parse_nanAndInfinity_areNumbersForTheLoadersToReport() {
    var t = Yaml.parse("a: .nan\nb: -.inf\nc: 1e400\n", "f.yaml");
    org.assertj.core.api.Assertions.assertThat(t.get("a").asDouble()).isNaN();
    org.assertj.core.api.Assertions.assertThat(t.get("b").asDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
    org.assertj.core.api.Assertions.assertThat(t.get("c").asDouble()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void parse_scalarsResolveAsBefore() {
    var t = Yaml.parse("a: 1e12\nb: 1_000\nc: 0x10\nd: 2025-01-01\ne: 2025-01\nf: yes\ng: NO\nh: ~\ni: '5'\n"
        + "j: 99999999999999999999\nk: 12:30\nl: 0.08\n", "f.yaml");
    org.assertj.core.api.Assertions.assertThat(t.toString()).isEqualTo("{\"a\":1.0E12,\"b\":1000,\"c\":16,"
        + "\"d\":\"2025-01-01\",\"e\":\"2025-01\",\"f\":true,\"g\":false,\"h\":null,\"i\":\"5\","
        + "\"j\":99999999999999999999,\"k\":\"12:30\",\"l\":0.08}");
  }

  @Test
  void parse_deepNesting_isRefused() {
    String deep = "[".repeat(200) + "]".repeat(200);
    assertThatThrownBy(() -> Yaml.parse(deep, "f.yaml")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nests mappings and lists more than 64 deep");
  }

  @Test
  void parse_textOverTheCap_isRefusedBeforeParsing() {
    String big = "a: " + "x".repeat(TextFiles.MAX_BYTES);
    assertThatThrownBy(() -> Yaml.parse(big, "body")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("body: file is too large");
  }
}
