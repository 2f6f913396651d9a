package chipmix.serving;

import java.util.Objects;
import java.util.Optional;

/**
 * Serving-stack choices of a question, as the user gives them ({@code chipmix infer} options, web
 * API fields): the serving recipe, speculative decoding and a declared KV transfer path. Checked,
 * with the option names as paths, by {@link EstimateInput} and {@link SizingInput}.
 *
 * @param recipe serving recipe id ({@code sglang}, {@code vllm}, {@code trtllm}, {@code mindie}); empty for the chip's default
 * @param spec speculative decoding: {@code none}, {@code mtp} or {@code draft}; empty for none
 * @param acceptLength tokens accepted per verification pass (including the verified token), for {@code mtp} and {@code draft}
 * @param draftModel the draft model (preset or file), for {@code draft}
 * @param draftTokens tokens the draft proposes per pass, for {@code draft} (MTP: one per MTP module)
 * @param kvTransferGbps a KV transfer path between prefill and decode pools declared by the user, Gb/s per prefill device
 */
public record ServingOptions(
    Optional<String> recipe,
    Optional<String> spec,
    Optional<Double> acceptLength,
    Optional<String> draftModel,
    Optional<Integer> draftTokens,
    Optional<Double> kvTransferGbps) {

  public static final ServingOptions DEFAULT = new ServingOptions(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  public ServingOptions {
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(acceptLength, "acceptLength");
    Objects.requireNonNull(draftModel, "draftModel");
    Objects.requireNonNull(draftTokens, "draftTokens");
    Objects.requireNonNull(kvTransferGbps, "kvTransferGbps");
  }
}
