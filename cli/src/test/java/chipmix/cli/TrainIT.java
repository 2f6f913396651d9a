package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the packaged jar: the train and validate commands as users call them. */
class TrainIT {
  @Test
  void trainSearch_json_exit0() {
    JarRun r = JarRun.of("train", "search", "--model", "mixtral-8x7b", "--chip", "h100", "--devices", "64", "--seq-len", "4096",
        "--global-batch", "512", "--top", "2", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"evaluated\"").contains("\"best\"").contains("\"step_time_s\"");
  }

  @Test
  void trainEstimate_badTp_exit2() {
    JarRun r = JarRun.of("train", "estimate", "--model", "llama3-70b", "--chip", "h100", "--devices", "64", "--seq-len", "4096",
        "--global-batch", "64", "--tp", "16");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--tp: 16 exceeds the scale-up domain of 8");
  }

  @Test
  void docsExamples_run() {
    // the example commands of docs/training-model.md's README section
    JarRun a = JarRun.of("train", "estimate", "--model", "llama3-70b", "--chip", "h100", "--devices", "64", "--seq-len", "8192",
        "--global-batch", "128", "--tokens", "1e12");
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(a.out()).contains("Budget").contains("Step breakdown");
    JarRun b = JarRun.of("train", "search", "--model", "llama3-405b", "--chip", "h100", "--devices", "16384", "--seq-len", "8192",
        "--global-batch", "2048", "--tp", "8", "--top", "5");
    assertThat(b.exitCode()).as(b.err()).isZero();
    assertThat(b.out()).contains("layouts evaluated");
    JarRun c = JarRun.of("train", "estimate", "--model", "deepseek-v3", "--chip", "h800", "--devices", "2048", "--seq-len", "4096",
        "--global-batch", "15360", "--tp", "1", "--pp", "16", "--dp", "128", "--ep", "64", "--cp", "1", "--vpp", "1",
        // DeepSeek-V3's own recompute of RMSNorm and the MLA up-projections (report §3.2.3) is 'selective';
        // the H800 network figure now comes from the catalog
        "--micro-batch", "1", "--recompute", "selective", "--zero", "1", "--precision", "fp8", "--ep-comm-overlap", "--ep-node-dedup",
        "--ep-dispatch-precision", "fp8");
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(c.out()).contains("Step breakdown");
  }

  @Test
  void validate_exit0_withSummary() {
    JarRun r = JarRun.of("validate");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("all:");
  }
}
