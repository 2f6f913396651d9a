package chipmix.perfmodel;

import java.util.Optional;

/**
 * How a framework splits the data-parallel gradient reduction and weight gathering into collectives; each
 * collective pays its own latency term, so the split sets how the exposed time grows with the group size.
 */
public enum DpBucketing implements Keyword {
  /** One collective over the whole gradient buffer (Megatron-LM 2021 local DDP). */
  WHOLE("whole"),
  /** Buckets of max(40M, 1M·d) parameters (Megatron-Core DistributedDataParallelConfig.bucket_size default). */
  MEGATRON("megatron"),
  /** Buckets of 5e8 elements (DeepSpeed zero_optimization reduce_bucket_size / allgather_bucket_size defaults). */
  DEEPSPEED("deepspeed"),
  /** One collective per transformer block (FSDP2 fully_shard per block, as TorchTitan applies it). */
  PER_LAYER("per-layer");

  private final String text;

  DpBucketing(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  /** Collectives for {@code params} parameters over {@code d} ranks on a device holding {@code layers} layers. */
  public double buckets(double params, double d, double layers) {
    return switch (this) {
      case WHOLE -> 1;
      case MEGATRON -> Math.max(1, Math.ceil(params / Math.max(40e6, 1e6 * d)));
      case DEEPSPEED -> Math.max(1, Math.ceil(params / 5e8));
      case PER_LAYER -> Math.max(1, layers);
    };
  }

  public static Optional<DpBucketing> parse(String s) {
    return Keyword.parse(DpBucketing.class, s);
  }
}
