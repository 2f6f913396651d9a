package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue #16: the probe commands give clear exit-2 (or exit-3) answers, and outputs never destroy inputs. */
class InputSafetyCliTest {

  @Test
  void exportCheck_nanTpp_isExitTwoNamingTheOption() {
    // before: internal error (NumberFormatException), exit 4
    CliRun r = CliRun.of("export", "check", "--tpp", "NaN", "--to", "CN", "--date", "2025-06-01");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).isEqualTo("error: --tpp: must be a number above 0 and at most 100,000,000 bit-TOPS, got NaN\n");
  }

  @Test
  void exportCheck_infiniteAndNanDescription_listsEveryOption() {
    CliRun r = CliRun.of("export", "check", "--tpp", "Infinity", "--die-area", "NaN", "--memory-bandwidth", "1e400",
        "--io-bandwidth", "-Infinity", "--to", "CN");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--tpp: ", "--die-area: ", "--memory-bandwidth: ", "--io-bandwidth: ").doesNotContain("internal");
  }

  @Test
  void inferSize_demandNeedingMoreThanTheDeviceCap_isExitThreeNotANegativeDeviceCount() {
    // before: ascend-910b ranked first with -8 devices (2147483647 x 8 replicas)
    CliRun r = CliRun.of("infer", "size", "--model", "llama3-70b", "--demand-rps", "1e8", "--prompt-tokens", "2000",
        "--output-tokens", "500", "--ttft-ms", "2000", "--tpot-ms", "50");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INFEASIBLE.code());
    assertThat(r.err()).contains("would need more than 10,000,000 devices");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void inferSize_demandAboveTheDocumentedRange_isExitTwo() {
    CliRun r = CliRun.of("infer", "size", "--model", "llama3-70b", "--demand-rps", "1e12", "--prompt-tokens", "2000",
        "--output-tokens", "500", "--ttft-ms", "2000", "--tpot-ms", "50", "--amortization-years", "1e-320");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--demand-rps: must be a number from 0 to 1,000,000,000 requests/s, got 1,000,000,000,000",
        "--amortization-years: must be a number from 0.1 to 30 years, got 1.0E-320");
  }

  @Test
  void trainEstimate_hugePueAndTinyAmortisation_areExitTwo() {
    // before: the cost printed as $Infinity
    CliRun r = CliRun.of("train", "estimate", "--model", "llama3-70b", "--chip", "h100", "--devices", "64", "--seq-len",
        "8192", "--global-batch", "128", "--tokens", "1e12", "--amortisation-years", "1e-320", "--pue", "1e308");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--pue: must be a number from 1 to 3, got 1.0E308",
        "--amortization-years: must be a number from 0.1 to 30 years, got 1.0E-320");
  }

  @Test
  void plan_htmlNamingTheInputFile_isRefusedAndTheFileIsUnchanged(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("x.yaml");
    Files.copy(Path.of("../examples/bytedance-2025.yaml"), scenario);
    byte[] before = Files.readAllBytes(scenario);
    // the same file by another name: relative segments and a symbolic link
    Path link = dir.resolve("link.html");
    Files.createSymbolicLink(link, scenario);
    CliRun r = CliRun.of("plan", scenario.toString(), "--html", dir.resolve("sub/../x.yaml").toString(), "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--html: '" + dir.resolve("sub/../x.yaml") + "' is the input file " + scenario
        + "; writing the report there would overwrite it: give another file name");
    CliRun viaLink = CliRun.of("plan", scenario.toString(), "--output", link.toString(), "-q");
    assertThat(viaLink.exitCode()).isEqualTo(2);
    assertThat(viaLink.err()).contains("--output: '" + link + "' is the input file");
    assertThat(Files.readAllBytes(scenario)).isEqualTo(before);
  }

  @Test
  void plan_catalogFileAsOutput_isRefused(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("mine.yaml");
    Files.writeString(catalog, "chips: []\n");
    CliRun r = CliRun.of("plan", "../examples/bytedance-2025.yaml", "--catalog", catalog.toString(), "--output",
        catalog.toString(), "-q");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--output: '" + catalog + "' is the input file");
    assertThat(Files.readString(catalog)).isEqualTo("chips: []\n");
  }

  @Test
  @Timeout(30) // before: it hung reading /dev/zero
  void plan_deviceFile_isExitTwoWithoutReading() {
    CliRun r = CliRun.of("plan", "/dev/zero", "-q");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: /dev/zero: is not a regular file (a device, pipe or socket); give a YAML file\n");
  }

  @Test
  void errorMessages_escapeTerminalControlsInNames() {
    // before: the escape sequence reached the terminal raw
    CliRun r = CliRun.of("chips", "show", "h20\u001b[2J\u001b]0;owned\u0007");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\u0007").contains("h20\\e[2J\\e]0;owned\\x07");
  }

  @Test
  void terminalWriter_escapesControlsButKeepsLinesAndValidJson() throws Exception {
    StringWriter s = new StringWriter();
    try (PrintWriter w = new PrintWriter(new TerminalWriter(s))) {
      w.print("name \u001b[31mred\u001b[0m\n\tnext \u009b1m \u202e\n");
      w.print("{\"name\": \"a\u0085b\"}");
    }
    assertThat(s.toString()).isEqualTo("name \\e[31mred\\e[0m\n\tnext \\u009b1m \\u202e\n{\"name\": \"a\\u0085b\"}");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"name\": \"a\\u0085b\"}").get("name").asText())
        .isEqualTo("a\u0085b");
  }
}
