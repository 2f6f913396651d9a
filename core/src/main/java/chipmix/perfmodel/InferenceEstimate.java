package chipmix.perfmodel;

import chipmix.units.Bytes;
import chipmix.units.Seconds;
import java.util.List;
import java.util.Objects;

/**
 * The predicted serving performance of one replica of a model on one chip.
 *
 * @param batch concurrent sequences per replica used for the figures
 * @param maxBatch the largest batch that fits in memory
 * @param batchLimit what set the batch: "given", "memory" (KV cache fills the memory) or "latency" (the TPOT target)
 * @param ttft time to first token of one prompt (prefill of one prompt per attention group; no queueing)
 * @param tpot time per output token with prefill interleaved on the same devices (colocated serving)
 * @param decodeStep a pure decode step at {@code batch} (what a decode-only pool achieves)
 * @param prefillTokensPerSecondPerDevice prompt tokens per second per device during prefill
 * @param decodeTokensPerSecondPerDevice output tokens per second per device of a decode-only pool
 * @param outputTokensPerSecondPerDevice output tokens per second per device with prefill interleaved
 * @param kvCacheBytesPerToken KV cache of one token over all layers, whole model (not per device)
 * @param memoryPerDevice weights + KV cache at {@code batch} + the runtime reserve
 * @param computePrecision the precision the matmuls run in
 * @param serving the serving recipe and speculative decoding the figures stand for
 * @param assumptions the software and modelling assumptions the numbers stand for
 */
public record InferenceEstimate(
    String chipId,
    String modelName,
    ServingLayout layout,
    Workload workload,
    Precision computePrecision,
    int batch,
    int maxBatch,
    String batchLimit,
    Seconds ttft,
    Seconds tpot,
    Seconds decodeStep,
    StepTime decodeTerms,
    StepTime prefillTerms,
    double prefillTokensPerSecondPerDevice,
    double decodeTokensPerSecondPerDevice,
    double outputTokensPerSecondPerDevice,
    Bytes kvCacheBytesPerToken,
    Bytes weightsPerDevice,
    Bytes kvCachePerDevice,
    Bytes memoryPerDevice,
    Bytes deviceMemory,
    boolean calibrated,
    String software,
    ServingSummary serving,
    List<String> assumptions) {

  public InferenceEstimate {
    Objects.requireNonNull(chipId, "chipId");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(workload, "workload");
    assumptions = List.copyOf(assumptions);
  }

  /** This estimate with {@code note} first among its assumptions (a precision choice, a recipe default). */
  public InferenceEstimate withAssumption(String note) {
    List<String> a = new java.util.ArrayList<>(assumptions.size() + 1);
    a.add(note);
    a.addAll(assumptions);
    return new InferenceEstimate(chipId, modelName, layout, workload, computePrecision, batch, maxBatch, batchLimit, ttft,
        tpot, decodeStep, decodeTerms, prefillTerms, prefillTokensPerSecondPerDevice, decodeTokensPerSecondPerDevice,
        outputTokensPerSecondPerDevice, kvCacheBytesPerToken, weightsPerDevice, kvCachePerDevice, memoryPerDevice,
        deviceMemory, calibrated, software, serving, a);
  }

  public StepTime.Bound decodeBound() {
    return decodeTerms.bound();
  }

  public StepTime.Bound prefillBound() {
    return prefillTerms.bound();
  }
}
