package chipmix.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue #16 finding 5: control characters and terminal escapes in names were echoed raw. */
class EscapeTest {

  @Test
  void terminalEscapeAndControls_areShownNotObeyed() {
    assertThat(Escape.controls("h20\u001b[2J\u0007x")).isEqualTo("h20\\e[2J\\x07x");
    assertThat(Escape.controls("a\nb\rc")).isEqualTo("a\\nb\\rc");
    assertThat(Escape.controls("csi\u009b31m del\u007f rlo\u202e")).isEqualTo("csi\\u009b31m del\\u007f rlo\\u202e");
  }

  @Test
  void terminal_keepsNewlinesAndTabs() {
    assertThat(Escape.terminal("line 1\n\tline 2\u001b")).isEqualTo("line 1\n\tline 2\\e");
  }

  @Test
  void plainText_isReturnedAsItIs() {
    String s = "Ascend 910B — 中文 mm²";
    assertThat(Escape.controls(s)).isSameAs(s);
  }

  @Test
  void validationIssue_escapesItsPathAndMessage() {
    ValidationIssue i = new ValidationIssue("pools[0].\u001b[31mid", "unknown chip '\u001b]0;pwned\u0007'");
    assertThat(i.toString()).isEqualTo("pools[0].\\e[31mid: unknown chip '\\e]0;pwned\\x07'");
  }
}
