package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code chipmix infer} from the packaged jar ({@code -Dchipmix.jar}, set by Failsafe). */
class InferIT {
  @TempDir Path home;

  private JarRun run(String... args) {
    return JarRun.withEnv(Map.of("CHIPMIX_HOME", home.toString()), args);
  }

  @Test
  void size_printsTheRankedExplainedAnswer() {
    JarRun r = run("infer", "size", "--model", "llama3-70b", "--demand-rps", "10", "--prompt-tokens", "2000",
        "--output-tokens", "500", "--ttft-ms", "2000", "--tpot-ms", "50", "--weights", "fp8", "--kv", "fp8");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Rank").contains("h20").contains("h100-sxm").contains("ascend-910b").contains("ranks first");
  }

  @Test
  void estimate_modelDoesNotFit_exitsThree() {
    JarRun r = run("infer", "estimate", "--model", "deepseek-v3", "--chip", "h100-sxm", "--devices", "1",
        "--prompt-tokens", "100", "--output-tokens", "100");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("no answer: ").contains("the smallest replica that fits is");
  }

  @Test
  void estimate_zeroLengths_exitsTwo() {
    JarRun r = run("infer", "estimate", "--model", "llama3-8b", "--chip", "h20", "--prompt-tokens", "0",
        "--output-tokens", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--prompt-tokens").contains("--output-tokens");
  }
}
