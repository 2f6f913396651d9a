package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RootHelpTest {

  @Test
  void help_listsEveryExitCodeDefinedInExitCode() {
    CliRun r = CliRun.of("--help");
    assertThat(r.exitCode()).isZero();
    for (ExitCode c : ExitCode.values()) {
      assertThat(r.out()).contains(c.code() + "   " + c.meaning());
    }
  }

  @Test
  void help_matchesGolden() {
    Golden.assertMatches("root-help.txt", CliRun.of("--help").out());
  }

  @Test
  void bareCall_printsUsageAndSucceeds() {
    CliRun r = CliRun.of();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(CliRun.of("--help").out());
  }

  @Test
  void unknownCommand_isInvalidInputWithUsageHint() {
    CliRun r = CliRun.of("no-such-command");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("Unmatched argument").contains("chipmix --help");
  }
}
