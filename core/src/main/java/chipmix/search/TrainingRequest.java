package chipmix.search;

import chipmix.model.TransformerModel;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.Sharding;
import chipmix.perfmodel.TrainingOptions;
import chipmix.validation.Issues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user asks: train {@code model} on {@code devices} of {@code hardware} with
 * {@code options}, with the layout fixed where given. {@link #validate()} checks every input
 * against the model and the topology and reports every problem at once, each naming the CLI
 * option, the value and what would be accepted.
 */
public record TrainingRequest(TransformerModel model, Hardware hardware, long devices, TrainingOptions options,
    PartialLayout layout) {

  public static final long MAX_DEVICES = 10_000_000L;
  public static final int MAX_SEQ = 10_000_000;
  public static final long MAX_BATCH = 100_000_000L;
  /** Token budgets above this are rejected (1000x the largest published pre-training run, ~15T tokens). */
  public static final double MAX_TOKENS = 1e16;

  public TrainingRequest {
    Objects.requireNonNull(model);
    Objects.requireNonNull(hardware);
    Objects.requireNonNull(options);
    Objects.requireNonNull(layout);
  }

  /**
   * The checks that need neither the model nor the chip: device count, the upper bounds of sequence and
   * batch, the token budget. {@link TrainingInput} also runs them when the model or chip did not resolve,
   * so those problems are listed together with the rest.
   */
  static void checkRanges(Issues issues, long devices, long seqLen, long globalBatch, Optional<Double> tokens) {
    if (devices < 1 || devices > MAX_DEVICES) {
      issues.add("--devices", "must be between 1 and " + MAX_DEVICES + ", got " + devices);
    }
    if (seqLen > MAX_SEQ) {
      issues.add("--seq-len", "must be at most " + MAX_SEQ + ", got " + seqLen);
    }
    if (globalBatch > MAX_BATCH) {
      issues.add("--global-batch", "must be at most " + MAX_BATCH + " sequences, got " + globalBatch);
    }
    tokens.ifPresent(t -> {
      if (!(t > 0) || t > MAX_TOKENS) {
        issues.add("--tokens", "must be positive and at most " + MAX_TOKENS + " (1e16), got " + t);
      }
    });
  }

  /** Throws {@link chipmix.validation.InvalidInputException} listing every problem. */
  public void validate() {
    Issues issues = new Issues();
    checkRanges(issues, devices, options.seqLen(), options.globalBatch(), options.tokens());
    if (!hardware.supports(options.precision())) {
      issues.add("--precision", "chip " + hardware.chipId() + " has no " + options.precision().name().toLowerCase()
          + " peak in the catalog; use bf16" + (hardware.supports(Precision.FP8) ? " or fp8" : ""));
    }
    if (options.precision() == Precision.INT8 || options.precision() == Precision.INT4) {
      issues.add("--precision", options.precision().name().toLowerCase() + " is an inference precision; training uses bf16 or fp8");
    }
    int heads = model.heads();
    layout.tp().ifPresent(tp -> {
      if (tp < 1) {
        issues.add("--tp", "must be at least 1, got " + tp);
      } else {
        if (heads % tp != 0 || model.kvHeads() % tp != 0) {
          issues.add("--tp", tp + " must divide the attention heads " + heads + " and kv heads " + model.kvHeads()
              + " of " + model.name() + "; choose one of " + divisorsOf(gcd(heads, model.kvHeads()), hardware.scaleUpDomain()));
        }
        if (tp > hardware.scaleUpDomain()) {
          issues.add("--tp", tp + " exceeds the scale-up domain of " + hardware.scaleUpDomain() + " devices of "
              + hardware.chipId() + "; tensor parallelism stays inside it");
        }
      }
    });
    positive(issues, "--pp", layout.pp());
    positive(issues, "--dp", layout.dp());
    positive(issues, "--cp", layout.cp());
    positive(issues, "--ep", layout.ep());
    positive(issues, "--vpp", layout.vpp());
    positive(issues, "--micro-batch", layout.microBatch());
    layout.pp().ifPresent(pp -> {
      if (pp > model.layers()) {
        issues.add("--pp", pp + " pipeline stages exceed the " + model.layers() + " layers of " + model.name());
      }
      layout.vpp().ifPresent(v -> {
        if (v > 1 && pp == 1) {
          issues.add("--vpp", "interleaving (" + v + " virtual stages) needs --pp above 1");
        } else if (v > 1 && pp * v > model.layers()) {
          issues.add("--vpp", "pp x vpp = " + (pp * v) + " exceeds the " + model.layers() + " layers of " + model.name()
              + "; each virtual stage needs at least one layer (choose vpp of at most " + model.layers() / pp + ")");
        }
      });
    });
    layout.cp().ifPresent(cp -> {
      if (cp > 1 && options.seqLen() % (2 * cp) != 0) {
        issues.add("--cp", "context parallel " + cp + " needs the sequence length " + options.seqLen()
            + " divisible by 2 x cp = " + (2 * cp));
      }
    });
    layout.ep().ifPresent(ep -> {
      int experts = model.moe().map(m -> m.experts()).orElse(1);
      if (model.moe().isEmpty() && ep > 1) {
        issues.add("--ep", "expert parallel " + ep + " needs a mixture-of-experts model; " + model.name() + " is dense (use 1)");
      } else if (experts % ep != 0) {
        issues.add("--ep", ep + " must divide the " + experts + " experts of " + model.name());
      }
      layout.dp().ifPresent(dp -> {
        if (ep >= 1 && dp >= 1 && dp % ep != 0) {
          issues.add("--ep", "expert parallel " + ep + " must divide data parallel " + dp + " (experts are spread over data-parallel ranks)");
        }
      });
    });
    layout.sharding().ifPresent(z -> {
      if (z != Sharding.NONE && layout.dp().orElse(2) * layout.cp().orElse(1) == 1) {
        issues.add("--zero", "sharding " + z.text() + " needs data (or context) parallel above 1");
      }
      if ((z == Sharding.ZERO2 || z == Sharding.ZERO3) && layout.pp().orElse(1) > 1) {
        issues.add("--zero", "ZeRO-" + z.text() + " does not combine with pipeline parallel (--pp " + layout.pp().get()
            + "); use --zero 1 or dist-opt, or --pp 1");
      }
    });
    // products and batch divisibility, when enough is fixed
    long fixedProduct = (long) layout.tp().orElse(1) * layout.pp().orElse(1) * layout.dp().orElse(1) * layout.cp().orElse(1);
    boolean allDegrees = layout.tp().isPresent() && layout.pp().isPresent() && layout.dp().isPresent() && layout.cp().isPresent();
    if (devices >= 1 && fixedProduct >= 1) {
      if (allDegrees && fixedProduct != devices) {
        issues.add("--devices", "tp x pp x dp x cp = " + layout.tp().get() + " x " + layout.pp().get() + " x "
            + layout.dp().get() + " x " + layout.cp().get() + " = " + fixedProduct + " must equal --devices " + devices
            + "; leave one of them out to have it filled in");
      } else if (!allDegrees && devices % fixedProduct != 0) {
        issues.add("--devices", devices + " is not divisible by the fixed degrees' product " + fixedProduct);
      }
    }
    layout.dp().ifPresent(dp -> {
      if (dp >= 1 && options.globalBatch() % dp != 0) {
        issues.add("--global-batch", options.globalBatch() + " sequences are not divisible by data parallel " + dp);
      } else if (dp >= 1) {
        layout.microBatch().ifPresent(mb -> {
          if (mb >= 1 && (options.globalBatch() / dp) % mb != 0) {
            issues.add("--micro-batch", "the batch per replica " + options.globalBatch() / dp + " (global batch "
                + options.globalBatch() + " / dp " + dp + ") is not divisible by micro-batch " + mb
                + "; choose one of " + divisorsOf(options.globalBatch() / dp, 64));
          }
        });
      }
    });
    layout.microBatch().ifPresent(mb -> {
      if (mb > options.globalBatch()) {
        issues.add("--micro-batch", mb + " exceeds the global batch " + options.globalBatch());
      }
    });
    issues.throwIfAny();
  }

  private static void positive(Issues issues, String option, java.util.Optional<Integer> v) {
    v.ifPresent(x -> {
      if (x < 1) {
        issues.add(option, "must be at least 1, got " + x);
      }
    });
  }

  static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  static List<Long> divisorsOf(long n, long max) {
    List<Long> out = new ArrayList<>();
    for (long d = 1; d <= Math.min(n, max); d++) {
      if (n % d == 0) {
        out.add(d);
      }
    }
    return out;
  }
}
