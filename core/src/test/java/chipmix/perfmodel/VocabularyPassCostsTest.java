package chipmix.perfmodel;

import static chipmix.perfmodel.InferenceFixtures.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.model.TransformerModel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a pass pays for the vocabulary: the input embedding is a gather of one row per token (not a read of the table),
 * and under tensor parallelism the embedding is all-reduced and the sampled positions' logits gathered.
 */
class VocabularyPassCostsTest {
  private static final int LAYERS = 32;
  private static final int HIDDEN = 4096;
  private static final int VOCAB = 32_000;

  /** A Llama-2-7B-shaped dense model; {@code tied} shares the input embedding with the LM head. */
  private static TransformerModel model(boolean tied) {
    return new TransformerModel("t", LAYERS, HIDDEN, 32, 8, 128, 11008, VOCAB, true, tied, Optional.empty(),
        Optional.empty(), "test");
  }

  private static double bandwidth(InferenceDevice d) {
    return d.hardware().memoryBandwidth().bytesPerSecond() * d.serving().decodeMemoryEfficiency().value();
  }

  @Test
  void prefillMemoryFloor_readsTheLmHeadAndOneEmbeddingRowPerPromptToken_notTheWholeEmbeddingTable() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    TransformerModel untied = model(false);
    ServingLayout l = new ServingLayout(2, 2, 1);
    Workload w = new Workload(1000, 100, Precision.BF16, Precision.BF16);
    int prompts = 4;
    double memory = InferenceModel.prefill(h100, untied, l, w, prompts).memory().seconds();
    // before: every weight the device holds, the input embedding table (vocab x hidden in BF16, over tp) included;
    // now that table is replaced by one BF16 row of hidden per prompt token (4 x 1,000 tokens in the group)
    double table = (double) VOCAB * HIDDEN * 2 / 2;
    double rows = prompts * 1000.0 * HIDDEN * 2;
    double held = InferenceModel.weightsPerDevice(untied, l, Precision.BF16).bytes();
    // and every weight-streaming kernel's fixed latency, as decode pays it: 4 projections and 2 FFN GEMMs per layer, the head
    double kernels = (4 + 2) * LAYERS + 1;
    double latency = kernels * h100.serving().steps().kernelLatencyUs().value() * 1e-6;
    assertThat(memory).isCloseTo((held - table + rows) / bandwidth(h100) + latency, withPercentage(1e-9));
    // so a tied model (one matrix for both) reads exactly what the untied one reads: the head and the rows
    assertThat(InferenceModel.prefill(h100, model(true), l, w, prompts).memory().seconds())
        .isCloseTo(memory, withPercentage(1e-9));
  }

  @Test
  void prefillMemoryFloor_growsByOneEmbeddingRowPerExtraPromptToken() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(1, 1, 1);
    double shortPrompt = InferenceModel.prefill(h100, model(false), l, new Workload(128, 1, Precision.FP8, Precision.FP8), 1)
        .memory().seconds();
    double longPrompt = InferenceModel.prefill(h100, model(false), l, new Workload(2048, 1, Precision.FP8, Precision.FP8), 1)
        .memory().seconds();
    // the rows stay BF16 with FP8 weights (the embedding is kept in BF16)
    assertThat(longPrompt - shortPrompt).isCloseTo((2048 - 128) * HIDDEN * 2.0 / bandwidth(h100), withPercentage(1e-6));
  }

  /** One two-shot all-reduce of {@code n} bytes over 2 devices: 2 alpha + 2 (1/2) n beta (docs/inference-model.md). */
  private static double allReduceOverTwo(InferenceDevice d, double n) {
    return 2 * alpha(d) + 2 * 0.5 * n * beta(d);
  }

  private static double alpha(InferenceDevice d) {
    return d.hardware().calibration().scaleUpLatencyUs().value() * 1e-6;
  }

  private static double beta(InferenceDevice d) {
    return 1 / (d.hardware().scaleUpPerDirection().bytesPerSecond() * d.hardware().calibration().scaleUpBusEfficiency().value());
  }

  @Test
  void prefillTensorParallel_addsTheEmbeddingAllReduceAndTheGatherOfOneLogitRowPerPrompt() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(2, 2, 1);
    Workload w = new Workload(1000, 100, Precision.BF16, Precision.BF16);
    int prompts = 4;
    double tokens = prompts * 1000.0;
    double activations = tokens * HIDDEN * 2;
    double layers = 2 * LAYERS * allReduceOverTwo(h100, activations);
    // VocabParallelEmbedding: one more all-reduce of the same activations
    double embedding = allReduceOverTwo(h100, activations);
    // LogitsProcessor: the 4 sampled positions' BF16 logits gathered, each rank holding half the vocabulary
    double logits = alpha(h100) + 0.5 * (prompts * VOCAB * 2.0) * beta(h100);
    assertThat(InferenceModel.prefill(h100, model(false), l, w, prompts).tensorParallel().seconds())
        .isCloseTo(layers + embedding + logits, withPercentage(1e-9));
  }

  @Test
  void decodeTensorParallel_gathersTheLogitsOfEveryTokenOfTheBatch() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout l = new ServingLayout(2, 2, 1);
    Workload w = new Workload(1000, 100, Precision.BF16, Precision.BF16);
    int batch = 8;
    double activations = batch * HIDDEN * 2.0;
    double expected = (2 * LAYERS + 1) * allReduceOverTwo(h100, activations)
        + alpha(h100) + 0.5 * (batch * VOCAB * 2.0) * beta(h100);
    assertThat(InferenceModel.decodeStep(h100, model(false), l, w, batch).tensorParallel().seconds())
        .isCloseTo(expected, withPercentage(1e-9));
  }

  @Test
  void withoutTensorParallelism_noVocabularyCollectiveIsCharged() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    ServingLayout one = new ServingLayout(1, 1, 1);
    Workload w = new Workload(1000, 100, Precision.BF16, Precision.BF16);
    assertThat(InferenceModel.prefill(h100, model(false), one, w, 4).tensorParallel().seconds()).isZero();
    assertThat(InferenceModel.decodeStep(h100, model(false), one, w, 8).tensorParallel().seconds()).isZero();
  }
}
