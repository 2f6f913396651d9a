package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.validation.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue #16 finding 5 for rule packs: read like every other input file. */
class RulePackFileTest {

  @Test
  @Timeout(10)
  void deviceAsRulePack_isRefusedWithoutReading() {
    assertThatThrownBy(() -> RuleBookLoader.Pack.read(Path.of("/dev/zero"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  void utf16RulePack_isNamedAsSuch(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("pack.yaml");
    Files.write(f, "rules: []\n".getBytes(StandardCharsets.UTF_16));
    assertThatThrownBy(() -> RuleBookLoader.Pack.read(f)).hasMessageContaining("file is UTF-16 text");
  }

  @Test
  void aliasInRulePack_isRefusedAtItsLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("pack.yaml");
    Files.writeString(f, "a: &x [1]\nb: *x\n");
    assertThatThrownBy(() -> RuleBookLoader.Pack.read(f)).hasMessageContaining("(line 2, column 4): uses the alias *x");
  }
}
