package chipmix.cli;

import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.Recompute;
import chipmix.perfmodel.Sharding;
import chipmix.perfmodel.TrainingOptions;
import chipmix.search.PartialLayout;
import chipmix.search.TrainingRequest;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by {@code train estimate} and {@code train search}. */
public final class TrainingArgs {
  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--model", required = true, paramLabel = "PRESET|FILE",
      description = "Model preset (for example llama3-70b, deepseek-v3) or a model YAML file.")
  String model;

  @Option(names = "--chip", required = true, paramLabel = "ID", description = "Chip id or alias from the catalog.")
  String chip;

  @Option(names = "--system", paramLabel = "ID", description = "Catalog system (node/pod) of the chip; default: the chip's first.")
  String system;

  @Option(names = "--devices", required = true, paramLabel = "N", description = "Number of devices.")
  long devices;

  @Option(names = "--seq-len", required = true, paramLabel = "S", description = "Tokens per sequence.")
  int seqLen;

  @Option(names = "--global-batch", required = true, paramLabel = "B", description = "Sequences per step.")
  long globalBatch;

  @Option(names = "--tp", paramLabel = "N", description = "Tensor parallel (with sequence parallel unless --no-sequence-parallel); open if left out.")
  Integer tp;

  @Option(names = "--pp", paramLabel = "N", description = "Pipeline parallel stages; open if left out.")
  Integer pp;

  @Option(names = "--dp", paramLabel = "N", description = "Data parallel replicas; open if left out.")
  Integer dp;

  @Option(names = "--cp", paramLabel = "N", description = "Context parallel; open if left out.")
  Integer cp;

  @Option(names = "--ep", paramLabel = "N", description = "Expert parallel (MoE; divides experts and dp); open if left out.")
  Integer ep;

  @Option(names = "--vpp", paramLabel = "V", description = "Virtual pipeline stages per device (interleaved 1F1B); open if left out.")
  Integer vpp;

  @Option(names = "--micro-batch", paramLabel = "M", description = "Micro-batch size in sequences; open if left out.")
  Integer microBatch;

  @Option(names = "--recompute", paramLabel = "MODE", description = "Activation recompute: none, selective, full; open if left out.")
  String recompute;

  @Option(names = "--zero", paramLabel = "Z", description = "Model-state sharding: 0, 1, 2, 3 or dist-opt; open if left out.")
  String zero;

  @Option(names = "--precision", paramLabel = "P", defaultValue = "bf16", description = "Matmul precision: bf16 or fp8 (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--tokens", paramLabel = "T", description = "Token budget: adds days, device-hours, energy and cost (e.g. 15e12).")
  Double tokens;

  @Option(names = "--pue", paramLabel = "X", defaultValue = "1.0", description = "Power usage effectiveness for energy (default: ${DEFAULT-VALUE}, device energy only).")
  double pue;

  @Option(names = "--usd-per-device-hour", paramLabel = "USD", description = "Rental price; default: the catalog price amortised.")
  Double usdPerDeviceHour;

  @Option(names = "--amortisation-years", paramLabel = "Y", defaultValue = "4", description = "Years to amortise the catalog price over (default: ${DEFAULT-VALUE}).")
  double amortisationYears;

  @Option(names = "--scale-out-gbps", paramLabel = "GBPS", description = "Per-device network bandwidth in Gb/s, where the catalog has none or to override it.")
  Double scaleOutGbps;

  @Option(names = "--no-overlap-grad-reduce", negatable = false, description = "Data-parallel gradient traffic does not overlap backward.")
  boolean noOverlapGradReduce;

  @Option(names = "--tp-comm-overlap", description = "Tensor-parallel collectives overlap the GEMMs (Megatron --tp-comm-overlap).")
  boolean tpCommOverlap;

  @Option(names = "--ep-comm-overlap", description = "Expert all-to-alls overlap another micro-batch's layer compute (DualPipe-style).")
  boolean epCommOverlap;

  @Option(names = "--ep-node-dedup", description = "Cross-node expert dispatch sends a token once per destination node and forwards it over the scale-up link (DeepEP-style).")
  boolean epNodeDedup;

  @Option(names = "--ep-dispatch-precision", paramLabel = "P", defaultValue = "bf16",
      description = "Precision of the expert dispatch all-to-all: bf16 or fp8; combine stays bf16 (default: ${DEFAULT-VALUE}).")
  String epDispatchPrecision;

  @Option(names = "--no-sequence-parallel",
      description = "With --tp above 1, norms and dropout run replicated on every tensor-parallel rank (Megatron before 2022).")
  boolean noSequenceParallel;

  @Option(names = "--no-flash-attention", description = "Attention scores are materialised (no fused attention kernel).")
  boolean noFlashAttention;

  /** Validates the options and builds the request; every problem is reported at once. */
  TrainingRequest request() {
    Issues issues = new Issues();
    Optional<Precision> p = enumOption(issues, "--precision", precision, Precision.class, List.of("bf16", "fp8"));
    Optional<Precision> dispatch = enumOption(issues, "--ep-dispatch-precision", epDispatchPrecision, Precision.class,
        List.of("bf16", "fp8"));
    Optional<Recompute> r = recompute == null ? Optional.empty()
        : enumOption(issues, "--recompute", recompute, Recompute.class, List.of("none", "selective", "full"));
    Optional<Sharding> z = Optional.empty();
    if (zero != null) {
      z = Sharding.parse(zero);
      if (z.isEmpty()) {
        issues.add("--zero", "'" + zero + "' is not one of 0, 1, 2, 3, dist-opt");
      }
    }
    if (seqLen < 1) {
      issues.add("--seq-len", "must be at least 1, got " + seqLen);
    }
    if (globalBatch < 1) {
      issues.add("--global-batch", "must be at least 1 sequence, got " + globalBatch);
    }
    if (!(pue >= 1) || pue > 5) {
      issues.add("--pue", "must be between 1 and 5, got " + pue);
    }
    if (!(amortisationYears > 0) || amortisationYears > 50) {
      issues.add("--amortisation-years", "must be between 0 and 50, got " + amortisationYears);
    }
    if (usdPerDeviceHour != null && !(usdPerDeviceHour > 0 && usdPerDeviceHour < 1e6)) {
      issues.add("--usd-per-device-hour", "must be positive and below 1e6, got " + usdPerDeviceHour);
    }
    if (scaleOutGbps != null && !(scaleOutGbps > 0 && scaleOutGbps < 1e6)) {
      issues.add("--scale-out-gbps", "must be positive and below 1e6 Gb/s, got " + scaleOutGbps);
    }
    TransformerModel m = null;
    Hardware hw = null;
    try {
      m = Models.resolve("--model", model);
    } catch (InvalidInputException e) {
      issues.addAll(e.issues());
    }
    try {
      hw = hardware();
    } catch (InvalidInputException e) {
      issues.addAll(e.issues());
    }
    issues.throwIfAny();
    TrainingOptions o = new TrainingOptions(seqLen, globalBatch, p.orElseThrow(), Optional.ofNullable(tokens),
        !noOverlapGradReduce, tpCommOverlap, epCommOverlap, epNodeDedup, dispatch.orElseThrow(), !noSequenceParallel, !noFlashAttention, pue, Optional.ofNullable(usdPerDeviceHour), amortisationYears);
    PartialLayout layout = new PartialLayout(Optional.ofNullable(tp), Optional.ofNullable(pp), Optional.ofNullable(dp),
        Optional.ofNullable(cp), Optional.ofNullable(ep), Optional.ofNullable(vpp), Optional.ofNullable(microBatch), r, z);
    TrainingRequest req = new TrainingRequest(m, hw, devices, o, layout);
    req.validate();
    return req;
  }

  private Hardware hardware() {
    Hardware hw = HardwareProfiles.resolve(catalogOptions.catalog(), chip, Optional.ofNullable(system));
    if (scaleOutGbps != null) {
      hw = hw.withScaleOutGbps(new Spec(scaleOutGbps, scaleOutGbps, scaleOutGbps, List.of("user: --scale-out-gbps"),
          Confidence.MEDIUM, "given on the command line"));
    }
    return hw;
  }

  private static <E extends Enum<E>> Optional<E> enumOption(Issues issues, String option, String value, Class<E> type,
      List<String> allowed) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value.strip()) && allowed.contains(e.name().toLowerCase())) {
        return Optional.of(e);
      }
    }
    issues.add(option, "'" + value + "' is not one of " + String.join(", ", allowed)
        + chipmix.validation.Suggestions.didYouMean(value, allowed));
    return Optional.empty();
  }
}
