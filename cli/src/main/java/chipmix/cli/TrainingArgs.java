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

  @Option(names = "--recipe", paramLabel = "ID",
      description = "Framework recipe whose settings fill what is not given: megatron-2021, megatron-core-2024, megatron-bridge-2025, "
          + "torchtitan, deepspeed, mindspeed (default: the chip vendor's current stack: NVIDIA megatron-bridge-2025, Huawei mindspeed, "
          + "others megatron-core-2024).")
  String recipe;

  @Option(names = "--grad-precision", paramLabel = "G",
      description = "Gradient buffer and data-parallel reduction: fp32, bf16 or fp16 (default: the recipe's).")
  String gradPrecision;

  @Option(names = "--schedule", paramLabel = "S", description = "Pipeline schedule: 1f1b (interleaved when vpp > 1) or dualpipe (default: the recipe's).")
  String schedule;

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

  @Option(names = "--overlap-grad-reduce", description = "Data-parallel traffic overlaps backward and forward (default: the recipe's).")
  boolean overlapGradReduce;

  @Option(names = "--no-overlap-grad-reduce", description = "Data-parallel traffic (gradient reductions, weight gathers) does not overlap backward or forward.")
  boolean noOverlapGradReduce;

  @Option(names = "--tp-comm-overlap", description = "Tensor-parallel collectives overlap the GEMMs (Megatron --tp-comm-overlap, TorchTitan async TP; how: the recipe's tp_overlap; default: the recipe's).")
  boolean tpCommOverlap;

  @Option(names = "--no-tp-comm-overlap", description = "Tensor-parallel collectives are exposed.")
  boolean noTpCommOverlap;

  @Option(names = "--ep-comm-overlap", description = "Expert all-to-alls overlap another micro-batch's layer compute (with --schedule dualpipe the whole layer, otherwise each beside one piece as Megatron-Core's combined 1F1B pairs them; default: the recipe's).")
  boolean epCommOverlap;

  @Option(names = "--no-ep-comm-overlap", description = "Expert all-to-alls are exposed.")
  boolean noEpCommOverlap;

  @Option(names = "--ep-node-dedup", description = "Cross-node expert dispatch sends a token once per destination node and forwards it over the scale-up link (DeepEP-style; default: the recipe's).")
  boolean epNodeDedup;

  @Option(names = "--no-ep-node-dedup", description = "Cross-node expert dispatch sends every routed copy.")
  boolean noEpNodeDedup;

  @Option(names = "--ep-dispatch-precision", paramLabel = "P",
      description = "Precision of the expert dispatch all-to-all: bf16 or fp8; combine stays bf16 (default: the recipe's).")
  String epDispatchPrecision;

  @Option(names = "--sequence-parallel", description = "With --tp above 1, norms and dropout are split over the tensor-parallel ranks (default: the recipe's).")
  boolean sequenceParallel;

  @Option(names = "--no-sequence-parallel",
      description = "With --tp above 1, norms and dropout run replicated on every tensor-parallel rank (Megatron before 2022).")
  boolean noSequenceParallel;

  @Option(names = "--flash-attention", description = "Fused attention: scores are never stored (default: the recipe's).")
  boolean flashAttention;

  @Option(names = "--no-flash-attention", description = "Attention scores are materialised (no fused attention kernel).")
  boolean noFlashAttention;

  @Option(names = "--elementwise", paramLabel = "K",
      description = "Element-wise kernels: fused, eager (PyTorch eager mode, not compiled: each op reads and writes HBM) or eager-fused-norm (eager with a fused RMSNorm) (default: the recipe's).")
  String elementwise;

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
        amortizationYears, Optional.ofNullable(scaleOutGbps), new TrainingInput.Settings(Optional.ofNullable(recipe),
            flag(overlapGradReduce, noOverlapGradReduce), flag(tpCommOverlap, noTpCommOverlap), flag(epCommOverlap, noEpCommOverlap),
            flag(epNodeDedup, noEpNodeDedup), Optional.ofNullable(epDispatchPrecision), flag(sequenceParallel, noSequenceParallel),
            flag(flashAttention, noFlashAttention), Optional.ofNullable(gradPrecision), Optional.ofNullable(schedule),
            Optional.ofNullable(elementwise)));
  }

  /** An on/off pair: on, off, or neither (the recipe's); given both, the last word is off (the safer estimate). */
  private static Optional<Boolean> flag(boolean on, boolean off) {
    return off ? Optional.of(false) : on ? Optional.of(true) : Optional.empty();
  }
}
