package chipmix.cli.infer;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Serving-stack options shared by {@code infer estimate} and {@code infer size}: recipe and speculative decoding. */
public final class ServingStackOptions {
  @Option(names = "--recipe", paramLabel = "ID",
      description = "Serving recipe (docs/inference-model.md): sglang, sglang-spec-v2, sglang-pd-ep, sglang-h20-ant, vllm, trtllm,"
          + " trtllm-v06, trtllm-bench, mindie, rtp-llm-pd-ep or vllm-ascend."
          + " Default: the recipe the chip's serving constants stand for (sglang; mindie for Ascend; vllm for MI300X).")
  String recipe;

  @Option(names = "--spec", paramLabel = "KIND",
      description = "Speculative decoding: none (default), mtp (the model's multi-token-prediction modules) or draft (a draft model).")
  String spec;

  @Option(names = "--accept-len", paramLabel = "TOKENS",
      description = "Average tokens accepted per verification pass, the verified token included (e.g. 1.8 for DeepSeek-V3 MTP).")
  Double acceptLength;

  @Option(names = "--draft-model", paramLabel = "PRESET|FILE", description = "The draft model for --spec draft.")
  String draftModel;

  @Option(names = "--draft-tokens", paramLabel = "K",
      description = "Tokens drafted per pass: the draft model's k (--spec draft), or the number of MTP modules (--spec mtp, default 1).")
  Integer draftTokens;

  Optional<String> recipe() {
    return Optional.ofNullable(recipe);
  }

  Optional<String> spec() {
    return Optional.ofNullable(spec);
  }

  Optional<Double> acceptLength() {
    return Optional.ofNullable(acceptLength);
  }

  Optional<String> draftModel() {
    return Optional.ofNullable(draftModel);
  }

  Optional<Integer> draftTokens() {
    return Optional.ofNullable(draftTokens);
  }
}
