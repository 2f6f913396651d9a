package chipmix.cli.infer;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.Workload;
import chipmix.validation.Issues;
import java.util.List;
import java.util.Optional;
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

  @Option(names = "--weights", paramLabel = "PRECISION", defaultValue = "bf16",
      description = "Weight precision: bf16 (default), fp8, int8 or int4 (int4 is weight-only: matmuls in bf16).")
  Precision weights;

  @Option(names = "--kv", paramLabel = "PRECISION", defaultValue = "bf16",
      description = "KV-cache precision: bf16 (default) or fp8 (int8 also accepted: one byte per element).")
  Precision kv;

  @Option(names = "--scale-out-gbps", paramLabel = "GBPS",
      description = "Per-device scale-out (NIC) bandwidth in Gb/s to assume for chips the catalog gives none"
          + " (needed for expert parallelism across nodes and for KV transfer when disaggregated).")
  Double scaleOutGbps;

  void check(Issues issues) {
    issues.addAll(Workload.problems(promptTokens, outputTokens, kv, "--prompt-tokens", "--output-tokens", "--kv"));
    if (scaleOutGbps != null && (!(scaleOutGbps > 0) || scaleOutGbps > 1e6)) {
      issues.add("--scale-out-gbps", "must be a positive bandwidth in Gb/s (e.g. 400), got " + scaleOutGbps);
    }
  }

  Workload workload() {
    return new Workload((int) promptTokens, (int) outputTokens, weights, kv);
  }

  /** The device profile of {@code id}: catalog chip, its default system, calibration; the scale-out assumption applied where missing. */
  InferenceDevice device(Catalog catalog, String path, String id) {
    Chip chip = catalog.chip(path, id);
    Hardware hw = HardwareProfiles.resolve(catalog, chip.id(), Optional.empty());
    if (hw.scaleOutPerDevice().isEmpty() && scaleOutGbps != null) {
      hw = hw.withScaleOutGbps(new Spec(scaleOutGbps, scaleOutGbps, scaleOutGbps, List.of("user: --scale-out-gbps"),
          Confidence.LOW, "assumed by the user"));
    }
    return new InferenceDevice(hw, Calibrations.bundled().inferenceFor(chip));
  }
}
