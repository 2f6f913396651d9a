package chipmix.perfmodel;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The settings a framework recipe fixes (see {@code recipes.yaml} for what each means and where it comes
 * from). A {@link TrainingOptions} holds the recipe's settings with the user's explicit choices applied.
 *
 * @param overlapDataParallel gradient reductions hide behind the backward they follow, weight gathers behind the forward they precede
 * @param overlapTensorParallel tensor-parallel collectives overlap the GEMMs
 * @param gradientPrecision gradient buffer and data-parallel reduction precision
 * @param sequenceParallel with tp > 1, norms and dropout (and their activations) split over the tensor-parallel ranks
 * @param flashAttention fused attention (scores never stored)
 * @param causalSkip the attention kernel skips fully masked causal blocks
 * @param dropout hidden and attention dropout on (their masks are stored)
 * @param schedule pipeline schedule
 * @param interleaving virtual pipeline stages offered to the search
 * @param shardings the model-state shardings the framework offers (the search chooses among them when --zero is open)
 * @param shardingWithPipeline ZeRO-2/3-style sharding combines with pipeline parallelism
 * @param fp8Recipe FP8 scaling recipe
 * @param overlapExpertParallel expert all-to-alls overlap another micro-batch's compute
 * @param expertNodeDedup cross-node dispatch once per destination node
 * @param expertDispatchPrecision dispatch element precision
 * @param dpBucketing how the data-parallel reduction and gathering are split into collectives (each pays its latency)
 * @param optimizerMoments precision of the two Adam moments
 * @param fp8Activations which activations FP8 runs keep in 8 bits
 * @param selectiveRecompute what selective recompute repeats with fused attention
 * @param elementwise fused element-wise kernels or PyTorch eager ops, one HBM round trip each
 * @param fp8ParamGather FP8 runs gather the layers' weights in FP8 (1 byte) for the data-parallel all-gathers
 * @param expertCudaGraph the recipe's CUDA graph scope covers the routed experts' GEMMs, so their per-expert host work
 *     (kernel launches, quantisation, the dispatcher's host sync) is replayed, not issued per micro-batch
 */
public record RecipeSettings(
    boolean overlapDataParallel,
    boolean overlapTensorParallel,
    GradientPrecision gradientPrecision,
    boolean sequenceParallel,
    boolean flashAttention,
    boolean causalSkip,
    boolean dropout,
    PipelineSchedule schedule,
    boolean interleaving,
    Set<Sharding> shardings,
    boolean shardingWithPipeline,
    Fp8Recipe fp8Recipe,
    boolean overlapExpertParallel,
    boolean expertNodeDedup,
    Precision expertDispatchPrecision,
    DpBucketing dpBucketing,
    MomentPrecision optimizerMoments,
    Fp8ActivationCache fp8Activations,
    SelectiveRecompute selectiveRecompute,
    ElementwiseKernels elementwise,
    boolean fp8ParamGather,
    boolean expertCudaGraph) {

  public RecipeSettings {
    Objects.requireNonNull(gradientPrecision, "gradientPrecision");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(fp8Recipe, "fp8Recipe");
    Objects.requireNonNull(expertDispatchPrecision, "expertDispatchPrecision");
    Objects.requireNonNull(dpBucketing, "dpBucketing");
    Objects.requireNonNull(optimizerMoments, "optimizerMoments");
    Objects.requireNonNull(fp8Activations, "fp8Activations");
    Objects.requireNonNull(selectiveRecompute, "selectiveRecompute");
    Objects.requireNonNull(elementwise, "elementwise");
    if (shardings.isEmpty()) {
      throw new IllegalArgumentException("a recipe offers at least one sharding");
    }
    shardings = Set.copyOf(EnumSet.copyOf(shardings));
  }

  public RecipeSettings withOverlap(boolean dataParallel, boolean tensorParallel) {
    return new RecipeSettings(dataParallel, tensorParallel, gradientPrecision, sequenceParallel, flashAttention, causalSkip,
        dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel, expertNodeDedup,
        expertDispatchPrecision, dpBucketing, optimizerMoments, fp8Activations,
        selectiveRecompute, elementwise, fp8ParamGather, expertCudaGraph);
  }

  public RecipeSettings withGradientPrecision(GradientPrecision g) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, g, sequenceParallel, flashAttention, causalSkip,
        dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel, expertNodeDedup,
        expertDispatchPrecision, dpBucketing, optimizerMoments, fp8Activations,
        selectiveRecompute, elementwise, fp8ParamGather, expertCudaGraph);
  }

  public RecipeSettings withSequenceParallel(boolean sp) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, gradientPrecision, sp, flashAttention, causalSkip,
        dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel, expertNodeDedup,
        expertDispatchPrecision, dpBucketing, optimizerMoments, fp8Activations,
        selectiveRecompute, elementwise, fp8ParamGather, expertCudaGraph);
  }

  /** Fused or unfused attention; unfused attention materialises the full score matrix, so it skips no causal block. */
  public RecipeSettings withFlashAttention(boolean flash) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flash,
        flash && causalSkip, dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel,
        expertNodeDedup, expertDispatchPrecision, dpBucketing, optimizerMoments, fp8Activations,
        selectiveRecompute, elementwise, fp8ParamGather, expertCudaGraph);
  }

  public RecipeSettings withSchedule(PipelineSchedule s) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention,
        causalSkip, dropout, s, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel, expertNodeDedup,
        expertDispatchPrecision, dpBucketing, optimizerMoments, fp8Activations,
        selectiveRecompute, elementwise, fp8ParamGather, expertCudaGraph);
  }

  public RecipeSettings withExpertComm(boolean overlap, boolean nodeDedup, Precision dispatch) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention,
        causalSkip, dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlap, nodeDedup, dispatch, dpBucketing, optimizerMoments,
        fp8Activations, selectiveRecompute, elementwise, fp8ParamGather, expertCudaGraph);
  }

  public RecipeSettings withMemorySavings(MomentPrecision moments, Fp8ActivationCache activations) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention,
        causalSkip, dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel, expertNodeDedup,
        expertDispatchPrecision, dpBucketing, moments, activations, selectiveRecompute, elementwise, fp8ParamGather, expertCudaGraph);
  }

  public RecipeSettings withElementwise(ElementwiseKernels k) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention,
        causalSkip, dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel, expertNodeDedup,
        expertDispatchPrecision, dpBucketing, optimizerMoments, fp8Activations, selectiveRecompute, k, fp8ParamGather, expertCudaGraph);
  }

  public RecipeSettings withExpertCudaGraph(boolean graphed) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention,
        causalSkip, dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel, expertNodeDedup,
        expertDispatchPrecision, dpBucketing, optimizerMoments, fp8Activations, selectiveRecompute, elementwise, fp8ParamGather, graphed);
  }

  public RecipeSettings withFp8ParamGather(boolean fp8Gather) {
    return new RecipeSettings(overlapDataParallel, overlapTensorParallel, gradientPrecision, sequenceParallel, flashAttention,
        causalSkip, dropout, schedule, interleaving, shardings, shardingWithPipeline, fp8Recipe, overlapExpertParallel, expertNodeDedup,
        expertDispatchPrecision, dpBucketing, optimizerMoments, fp8Activations, selectiveRecompute, elementwise, fp8Gather, expertCudaGraph);
  }

  /** Whether a layout with {@code pp} stages may use {@code z}: ZeRO-2/3 only without pipelining unless the recipe combines them. */
  public boolean allows(Sharding z, int pp) {
    return pp == 1 || shardingWithPipeline || (z != Sharding.ZERO2 && z != Sharding.ZERO3);
  }
}
