package chipmix.perfmodel;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The settings a framework recipe fixes (see {@code recipes.yaml} for what each means and where it comes
 * from), grouped by what they describe. A {@link TrainingOptions} holds the recipe's settings with the user's explicit
 * choices applied.
 *
 * <p>To change one setting, change its group and put the group back: {@code s.with(s.kernels().withFlashAttention(false))}.
 *
 * @param communication data- and tensor-parallel collectives: overlap and bucketing
 * @param expertComm expert-parallel all-to-all: overlap, node dedup and dispatch precision
 * @param parallelism pipeline schedule, model-state sharding and sequence parallelism
 * @param numerics precision of gradients, optimizer moments and the FP8 paths
 * @param kernels the kernels the recipe runs: attention, dropout, element-wise ops, selective recompute, CUDA graphs
 */
public record RecipeSettings(
    Communication communication, ExpertComm expertComm, Parallelism parallelism, Numerics numerics, Kernels kernels) {

  public RecipeSettings {
    Objects.requireNonNull(communication, "communication");
    Objects.requireNonNull(expertComm, "expertComm");
    Objects.requireNonNull(parallelism, "parallelism");
    Objects.requireNonNull(numerics, "numerics");
    Objects.requireNonNull(kernels, "kernels");
  }

  /**
   * Data- and tensor-parallel collectives.
   *
   * @param overlapDataParallel gradient reductions hide behind the backward they follow, weight gathers behind the forward they
   *     precede
   * @param overlapTensorParallel tensor-parallel collectives overlap the GEMMs
   * @param tpOverlap how they overlap when they do (which collective hides behind which GEMM)
   * @param tpFp8AllGather FP8 runs with tensorwise (current) scaling all-gather the tensor-parallel activations and
   *     activation gradients in FP8 (1 byte); other FP8 recipes gather BF16 (TrainingCostModel); reduce-scatters stay BF16
   * @param dpBucketing how the data-parallel reduction and gathering are split into collectives (each pays its latency)
   */
  public record Communication(boolean overlapDataParallel, boolean overlapTensorParallel, TpOverlap tpOverlap,
      boolean tpFp8AllGather, DpBucketing dpBucketing) {
    public Communication {
      Objects.requireNonNull(tpOverlap, "tpOverlap");
      Objects.requireNonNull(dpBucketing, "dpBucketing");
    }

    public Communication withOverlap(boolean dataParallel, boolean tensorParallel) {
      return new Communication(dataParallel, tensorParallel, tpOverlap, tpFp8AllGather, dpBucketing);
    }
  }

  /**
   * Expert-parallel (MoE) all-to-all communication.
   *
   * @param overlap expert all-to-alls overlap another micro-batch's compute
   * @param nodeDedup cross-node dispatch once per destination node
   * @param dispatchPrecision dispatch element precision
   */
  public record ExpertComm(boolean overlap, boolean nodeDedup, Precision dispatchPrecision) {
    public ExpertComm {
      Objects.requireNonNull(dispatchPrecision, "dispatchPrecision");
    }
  }

  /**
   * How the work is split: pipeline schedule, model-state sharding, sequence parallelism.
   *
   * @param schedule pipeline schedule
   * @param interleaving virtual pipeline stages offered to the search
   * @param shardings the model-state shardings the framework offers (the search chooses among them when --zero is open)
   * @param shardingWithPipeline ZeRO-2/3-style sharding combines with pipeline parallelism
   * @param sequenceParallel with tp > 1, norms and dropout (and their activations) split over the tensor-parallel ranks
   */
  public record Parallelism(
      PipelineSchedule schedule, boolean interleaving, Set<Sharding> shardings, boolean shardingWithPipeline,
      boolean sequenceParallel) {
    public Parallelism {
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(shardings, "shardings");
      if (shardings.isEmpty()) {
        throw new IllegalArgumentException("a recipe offers at least one sharding");
      }
      shardings = Set.copyOf(EnumSet.copyOf(shardings));
    }

    public Parallelism withSchedule(PipelineSchedule s) {
      return new Parallelism(s, interleaving, shardings, shardingWithPipeline, sequenceParallel);
    }

    public Parallelism withSequenceParallel(boolean sp) {
      return new Parallelism(schedule, interleaving, shardings, shardingWithPipeline, sp);
    }

    /**
     * Whether a layout with {@code pp} stages may use {@code z}: ZeRO-2/3 only without pipelining unless the recipe combines
     * them.
     */
    public boolean allows(Sharding z, int pp) {
      return pp == 1 || shardingWithPipeline || (z != Sharding.ZERO2 && z != Sharding.ZERO3);
    }
  }

  /**
   * Number formats beyond the GEMM precision.
   *
   * @param gradientPrecision gradient buffer and data-parallel reduction precision
   * @param fp8Recipe FP8 scaling recipe
   * @param optimizerMoments precision of the two Adam moments
   * @param fp8Activations which activations FP8 runs keep in 8 bits
   * @param fp8ParamGather FP8 runs gather the layers' weights in FP8 (1 byte) for the data-parallel all-gathers
   */
  public record Numerics(
      GradientPrecision gradientPrecision, Fp8Recipe fp8Recipe, MomentPrecision optimizerMoments,
      Fp8ActivationCache fp8Activations, boolean fp8ParamGather) {
    public Numerics {
      Objects.requireNonNull(gradientPrecision, "gradientPrecision");
      Objects.requireNonNull(fp8Recipe, "fp8Recipe");
      Objects.requireNonNull(optimizerMoments, "optimizerMoments");
      Objects.requireNonNull(fp8Activations, "fp8Activations");
    }

    public Numerics withGradientPrecision(GradientPrecision g) {
      return new Numerics(g, fp8Recipe, optimizerMoments, fp8Activations, fp8ParamGather);
    }

    public Numerics withMemorySavings(MomentPrecision moments, Fp8ActivationCache activations) {
      return new Numerics(gradientPrecision, fp8Recipe, moments, activations, fp8ParamGather);
    }

    public Numerics withFp8ParamGather(boolean fp8Gather) {
      return new Numerics(gradientPrecision, fp8Recipe, optimizerMoments, fp8Activations, fp8Gather);
    }
  }

  /**
   * The kernels the recipe runs.
   *
   * @param flashAttention fused attention (scores never stored)
   * @param causalSkip the attention kernel skips fully masked causal blocks
   * @param dropout hidden and attention dropout on (their masks are stored)
   * @param selectiveRecompute what selective recompute repeats with fused attention
   * @param elementwise fused element-wise kernels or PyTorch eager ops, one HBM round trip each
   * @param expertCudaGraph the recipe's CUDA graph scope covers the routed experts' GEMMs, so their per-expert host work
   *     (kernel launches, quantisation, the dispatcher's host sync) is replayed, not issued per micro-batch
   */
  public record Kernels(
      boolean flashAttention, boolean causalSkip, boolean dropout, SelectiveRecompute selectiveRecompute,
      ElementwiseKernels elementwise, boolean expertCudaGraph) {
    public Kernels {
      Objects.requireNonNull(selectiveRecompute, "selectiveRecompute");
      Objects.requireNonNull(elementwise, "elementwise");
    }

    /** Fused or unfused attention; unfused attention materialises the full score matrix, so it skips no causal block. */
    public Kernels withFlashAttention(boolean flash) {
      return new Kernels(flash, flash && causalSkip, dropout, selectiveRecompute, elementwise, expertCudaGraph);
    }

    public Kernels withElementwise(ElementwiseKernels k) {
      return new Kernels(flashAttention, causalSkip, dropout, selectiveRecompute, k, expertCudaGraph);
    }

    public Kernels withExpertCudaGraph(boolean graphed) {
      return new Kernels(flashAttention, causalSkip, dropout, selectiveRecompute, elementwise, graphed);
    }
  }

  public RecipeSettings with(Communication c) {
    return new RecipeSettings(c, expertComm, parallelism, numerics, kernels);
  }

  public RecipeSettings with(ExpertComm e) {
    return new RecipeSettings(communication, e, parallelism, numerics, kernels);
  }

  public RecipeSettings with(Parallelism p) {
    return new RecipeSettings(communication, expertComm, p, numerics, kernels);
  }

  public RecipeSettings with(Numerics n) {
    return new RecipeSettings(communication, expertComm, parallelism, n, kernels);
  }

  public RecipeSettings with(Kernels k) {
    return new RecipeSettings(communication, expertComm, parallelism, numerics, k);
  }
}
