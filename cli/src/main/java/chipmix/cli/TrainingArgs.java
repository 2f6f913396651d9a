package chipmix.cli;

import chipmix.search.TrainingInput;
import chipmix.search.TrainingRequest;
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

  @Option(names = "--grad-precision", paramLabel = "G", defaultValue = "fp32",
      description = "Gradient buffer and data-parallel reduction: fp32, bf16 or fp16 (default: ${DEFAULT-VALUE}, Megatron's for BF16 training).")
  String gradPrecision;

  @Option(names = "--tokens", paramLabel = "T", converter = LargeCount.class,
      description = "Token budget: adds days, device-hours, energy and cost (e.g. 15e12, 15T or 800B).")
  Double tokens;

  @Option(names = "--pue", paramLabel = "X", defaultValue = "1.0", description = "Power usage effectiveness for energy (default: ${DEFAULT-VALUE}, device energy only).")
  double pue;

  @Option(names = "--usd-per-device-hour", paramLabel = "USD", description = "Rental price; default: the catalog price amortised.")
  Double usdPerDeviceHour;

  @Option(names = {"--amortization-years", "--amortisation-years"}, paramLabel = "Y", defaultValue = "4",
      description = "Years to amortize the catalog price over (default: ${DEFAULT-VALUE}); spelled as in infer size and scenarios.")
  double amortizationYears;

  @Option(names = "--scale-out-gbps", paramLabel = "GBPS", description = "Per-device network bandwidth in Gb/s, where the catalog has none or to override it.")
  Double scaleOutGbps;

  @Option(names = "--no-overlap-grad-reduce", negatable = false, description = "Data-parallel traffic (gradient reductions, weight gathers) does not overlap backward or forward.")
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
    return input().request(catalogOptions.catalog());
  }

  /** The options as a core {@link TrainingInput}. */
  TrainingInput input() {
    return new TrainingInput(model, chip, Optional.ofNullable(system), devices, seqLen, globalBatch,
        Optional.ofNullable(tp), Optional.ofNullable(pp), Optional.ofNullable(dp), Optional.ofNullable(cp),
        Optional.ofNullable(ep), Optional.ofNullable(vpp), Optional.ofNullable(microBatch), Optional.ofNullable(recompute),
        Optional.ofNullable(zero), precision, Optional.ofNullable(tokens), pue, Optional.ofNullable(usdPerDeviceHour),
        amortizationYears, Optional.ofNullable(scaleOutGbps), !noOverlapGradReduce, tpCommOverlap, epCommOverlap,
        epNodeDedup, epDispatchPrecision, !noSequenceParallel, !noFlashAttention, gradPrecision);
  }
}
