package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerCommandTest {

  @Test
  void help_matchesGolden() {
    CliRun r = CliRun.of("server", "--help");
    assertThat(r.exitCode()).isZero();
    Golden.assertMatches("server-help.txt", r.out());
  }

  @Test
  void rootHelp_listsServer() {
    assertThat(CliRun.of("--help").out()).contains("server").contains("Start the local web application");
  }

  @Test
  void portOutOfRange_isInvalidInputNamingTheOption() {
    CliRun r = CliRun.of("server", "--port", "70000");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--port").contains("70000").contains("0 to 65535");
  }

  @Test
  void badToken_isInvalidInputNamingTheOption() {
    CliRun r = CliRun.of("server", "--token", "short");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--token").contains("16 to 256");
  }
}
