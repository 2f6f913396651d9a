package chipmix.perfmodel;

import chipmix.validation.ValidationIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a serving replica is asked to do: request shape and the precisions of weights and KV cache.
 *
 * @param promptTokens tokens per prompt (input)
 * @param outputTokens tokens generated per request
 * @param weights weight precision; BF16, FP8 and INT8 also set the matmul precision where the chip
 *     has a peak for it (W8A8), INT4 is weight-only (matmuls in BF16)
 * @param kv KV-cache precision (BF16, or FP8/INT8: one byte per element)
 */
public record Workload(int promptTokens, int outputTokens, Precision weights, Precision kv) {
  /** Longest context the model accepts here (tokens); 10x the longest published context windows. */
  public static final int MAX_TOKENS = (int) chipmix.validation.Limits.REQUEST_TOKENS.maxLong();

  public Workload {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(kv, "kv");
    List<ValidationIssue> p = problems(promptTokens, outputTokens, kv, "`prompt_tokens`", "`output_tokens`", "`kv`");
    if (!p.isEmpty()) {
      throw new IllegalArgumentException(p.toString() + "\nMaybe validate user input with Workload.problems first.");
    }
  }

  /** Every problem with these values, with the option names given as paths. */
  public static List<ValidationIssue> problems(long prompt, long output, Precision kv, String promptPath,
      String outputPath, String kvPath) {
    List<ValidationIssue> p = new ArrayList<>();
    if (prompt < 1 || prompt > MAX_TOKENS) {
      p.add(new ValidationIssue(promptPath, "must be a whole number of tokens between 1 and " + MAX_TOKENS + ", got " + prompt));
    }
    if (output < 1 || output > MAX_TOKENS) {
      p.add(new ValidationIssue(outputPath, "must be a whole number of tokens between 1 and " + MAX_TOKENS + ", got " + output));
    }
    if (kv != null && kv != Precision.BF16 && kv != Precision.FP8 && kv != Precision.INT8) {
      p.add(new ValidationIssue(kvPath, "KV cache precision must be bf16, fp8 or int8, got " + kv.name().toLowerCase(java.util.Locale.ROOT)));
    }
    return p;
  }

  /** Average context of a sequence over its decode phase: the prompt plus half the output. */
  public double averageDecodeContext() {
    return promptTokens + outputTokens / 2.0;
  }

  /** Context of a sequence at its last token: what its KV cache must hold. */
  public int fullContext() {
    return promptTokens + outputTokens;
  }
}
