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
}
