package chipmix.cli.infer;

import chipmix.perfmodel.Precision;
import chipmix.serving.WeightsRequest;
import picocli.CommandLine.Option;

/** Options shared by {@code infer estimate} and {@code infer size}: model, request shape, precisions. */
public final class WorkloadOptions {
  @Option(names = "--model", required = true, paramLabel = "PRESET|FILE",
      description = "Model preset (e.g. llama3-70b, deepseek-v3, pangu-pro-moe) or a model YAML file.")
  String model;

  @Option(names = "--prompt-tokens", required = true, paramLabel = "P", description = "Tokens per prompt (input).")
  long promptTokens;

  @Option(names = "--output-tokens", required = true, paramLabel = "O", description = "Tokens generated per request.")
  long outputTokens;

  @Option(names = "--weights", paramLabel = "PRECISION", defaultValue = "auto",
      description = "Weight precision: auto (default: fp8 where the chip has an FP8 peak, else int8 W8A8, else bf16),"
          + " bf16, fp8, int8 or int4 (int4 is weight-only: matmuls in bf16). The embedding and LM head stay bf16,"
          + " as quantised checkpoints keep them.")
  WeightsRequest weights;

  @Option(names = "--kv", paramLabel = "PRECISION", defaultValue = "bf16",
      description = "KV-cache precision: bf16 (default) or fp8 (int8 also accepted: one byte per element).")
  Precision kv;

  @Option(names = "--scale-out-gbps", paramLabel = "GBPS",
      description = "Per-device scale-out (NIC) bandwidth in Gb/s to assume for chips the catalog gives none"
          + " (needed for expert parallelism across nodes and for KV transfer when disaggregated).")
  Double scaleOutGbps;
}
