package chipmix.perfmodel;

import chipmix.model.TransformerModel;
import java.util.Objects;

/**
 * Speculative decoding: each verification pass runs {@code draftTokens + 1} tokens per sequence
 * through the model and accepts {@code acceptLength} of them on average (the verified token
 * included), so a forward pass yields {@code acceptLength} output tokens.
 */
public sealed interface Speculation {
  /** Tokens per sequence the target model processes in one verification pass. */
  int tokensPerPass();

  /** Output tokens per verification pass, on average. */
  double acceptLength();

  /** Plain decoding: one token per pass. */
  record None() implements Speculation {
    @Override
    public int tokensPerPass() {
      return 1;
    }

    @Override
    public double acceptLength() {
      return 1;
    }
  }

  /**
   * Multi-token prediction (DeepSeek-V3 §2.2): {@code modules} MTP modules, each one transformer
   * block of the model plus a projection, draft one token each.
   */
  record Mtp(int modules, double acceptLength) implements Speculation {
    public Mtp {
      if (modules < 1 || modules > 8) {
        throw new IllegalArgumentException("MTP modules must be 1 to 8, got " + modules);
      }
      checkAccept(acceptLength, modules);
    }

    @Override
    public int tokensPerPass() {
      return modules + 1;
    }
  }

  /** A separate draft model proposes {@code draftTokens} tokens per pass (EAGLE-style or a small model). */
  record Draft(TransformerModel draft, int draftTokens, double acceptLength) implements Speculation {
    public Draft {
      Objects.requireNonNull(draft, "draft");
      if (draftTokens < 1 || draftTokens > 16) {
        throw new IllegalArgumentException("draft tokens must be 1 to 16, got " + draftTokens);
      }
      checkAccept(acceptLength, draftTokens);
    }

    @Override
    public int tokensPerPass() {
      return draftTokens + 1;
    }
  }

  private static void checkAccept(double acceptLength, int drafted) {
    if (!(acceptLength >= 1) || acceptLength > drafted + 1) {
      throw new IllegalArgumentException("accept length must be between 1 and " + (drafted + 1) + " (drafted tokens + 1), got "
          + acceptLength);
    }
  }
}
