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
  void severalBadOptions_areAllListedInOneMessage() {
    CliRun r = CliRun.of("infer", "estimate", "--model", "llama3-70b", "--chip", "h20", "--devices", "8",
        "--prompt-tokens", "2000", "--output-tokens", "500", "--weights", "fp4", "--format", "xml");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("2 problems")
        .contains("Invalid value for option '--weights'").contains("'fp4'")
        .contains("Invalid value for option '--format'").contains("'xml'");
  }

  @Test
  void aBadOptionAndMissingRequiredOnes_areListedTogether_withoutCallingTheRemovedOptionMissing() {
    CliRun r = CliRun.of("infer", "estimate", "--weights", "fp4");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("Invalid value for option '--weights'")
        .contains("Missing required options").contains("--model").doesNotContain("'--weights=");
  }

  @Test
  void unknownCommand_isInvalidInputWithUsageHint() {
    CliRun r = CliRun.of("no-such-command");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("Unmatched argument").contains("chipmix --help");
  }
}
