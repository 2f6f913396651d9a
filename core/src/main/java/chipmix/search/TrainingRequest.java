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

  public static final long MAX_DEVICES = chipmix.validation.Limits.DEVICES.maxLong();
  public static final int MAX_SEQ = (int) chipmix.validation.Limits.SEQUENCE_LENGTH.maxLong();
  public static final long MAX_BATCH = chipmix.validation.Limits.GLOBAL_BATCH.maxLong();
  /** Token budgets above this are rejected (1000x the largest published pre-training run, ~15T tokens). */
  public static final double MAX_TOKENS = chipmix.validation.Limits.TRAINING_TOKENS.max();

  public TrainingRequest {
    Objects.requireNonNull(model);
    Objects.requireNonNull(hardware);
    Objects.requireNonNull(options);
    Objects.requireNonNull(layout);
  }

  /**
   * The checks that need neither the model nor the chip: device count, the upper bounds of sequence and
   * batch, the token budget.
   */
  static void checkRanges(Issues issues, long devices, long seqLen, long globalBatch, Optional<Double> tokens) {
    if (!validDevices(devices)) {
      issues.add("`devices`", "must be between 1 and " + MAX_DEVICES + ", got " + devices);
    }
    if (seqLen > MAX_SEQ) {
      issues.add("`seq_len`", "must be at most " + MAX_SEQ + ", got " + seqLen);
    }
    if (globalBatch > MAX_BATCH) {
      issues.add("`global_batch`", "must be at most " + MAX_BATCH + " sequences, got " + globalBatch);
    }
    tokens.ifPresent(t -> chipmix.validation.Limits.TRAINING_TOKENS.check(issues, "`tokens`", t));
  }

  /** Throws {@link chipmix.validation.InvalidInputException} listing every problem. */
  public void validate() {
    Issues issues = new Issues();
    check(issues, Optional.of(model), Optional.of(hardware), devices, options.seqLen(), options.globalBatch(),
        Optional.of(options.precision()), options.tokens(), layout, options.settings().parallelism().shardingWithPipeline(),
        options.settings().parallelism().schedule() == chipmix.perfmodel.PipelineSchedule.DUALPIPE);
    issues.throwIfAny();
  }

  /**
   * Adds every problem of these inputs to {@code issues}. A part that is missing (an empty model, hardware
   * or precision) or out of range is reported once where it is checked and left out of
   * the checks that depend on it, so each check that can run does, and none reports a consequence of
   * another problem: {@link TrainingInput} calls this with what it could resolve, so one answer lists
   * every problem. The range checks of {@code seqLen} and {@code globalBatch} below 1 are the caller's
   * (the field checks of {@link TrainingInput}; {@link TrainingOptions} cannot hold them).
   */
  static void check(Issues issues, Optional<TransformerModel> model, Optional<Hardware> hardware, long devices,
      long seqLen, long globalBatch, Optional<Precision> precision, Optional<Double> tokens, PartialLayout layout,
      boolean shardingWithPipeline, boolean dualPipe) {
    checkRanges(issues, devices, seqLen, globalBatch, tokens);
    boolean seqOk = seqLen >= 1 && seqLen <= MAX_SEQ;
    boolean batchOk = globalBatch >= 1 && globalBatch <= MAX_BATCH;
    precision.ifPresent(p -> {
      hardware.filter(hw -> !hw.supports(p)).ifPresent(hw -> issues.add("`precision`", "chip " + hw.chipId()
          + " has no " + p.name().toLowerCase() + " peak in the catalog; use bf16" + (hw.supports(Precision.FP8) ? " or fp8" : "")));
      if (p == Precision.INT8 || p == Precision.INT4) {
        issues.add("`precision`", p.name().toLowerCase() + " is an inference precision; training uses bf16 or fp8");
      }
    });
    layout.tp().ifPresent(tp -> {
      if (tp < 1) {
        issues.add("`tp`", "must be at least 1, got " + tp);
      } else {
        model.filter(m -> m.heads() % tp != 0 || m.kvHeads() % tp != 0).ifPresent(m -> {
          int g = gcd(m.heads(), m.kvHeads());
          issues.add("`tp`", tp + " must divide the attention heads " + m.heads() + " and kv heads " + m.kvHeads()
              + " of " + m.name() + "; choose one of " + divisorsOf(g, hardware.map(Hardware::scaleUpDomain).orElse(g)));
        });
        hardware.filter(hw -> tp > hw.scaleUpDomain()).ifPresent(hw -> issues.add("`tp`", tp
            + " exceeds the scale-up domain of " + hw.scaleUpDomain() + " devices of " + hw.chipId()
            + "; tensor parallelism stays inside it"));
      }
    });
    positive(issues, "`pp`", layout.pp());
    positive(issues, "`dp`", layout.dp());
    positive(issues, "`cp`", layout.cp());
    positive(issues, "`ep`", layout.ep());
    positive(issues, "`vpp`", layout.vpp());
    positive(issues, "`micro_batch`", layout.microBatch());
    // the degrees below are each the given value when it is at least 1, else empty: a bad one is reported above
    Optional<Integer> tp = valid(layout.tp());
    Optional<Integer> pp = valid(layout.pp());
    Optional<Integer> dp = valid(layout.dp());
    Optional<Integer> cp = valid(layout.cp());
    Optional<Integer> ep = valid(layout.ep());
    Optional<Integer> vpp = valid(layout.vpp());
    Optional<Integer> mb = valid(layout.microBatch());
    pp.ifPresent(p -> {
      if (dualPipe && p > 1 && p % 2 != 0) {
        issues.add("`pp`", "the DualPipe schedule needs an even number of pipeline stages, got " + p
            + " (DeepSeek-V3 §3.2.1; its README: PP must be even)");
      }
      vpp.filter(v -> dualPipe && v > 1).ifPresent(v -> issues.add("`vpp`", "the DualPipe schedule has no virtual stages (got "
          + v + "); use `vpp` 1 or `schedule` 1f1b"));
      model.filter(m -> p > m.layers()).ifPresent(m ->
          issues.add("`pp`", p + " pipeline stages exceed the " + m.layers() + " layers of " + m.name()));
      vpp.ifPresent(v -> {
        if (v > 1 && p == 1) {
          issues.add("`vpp`", "interleaving (" + v + " virtual stages) needs `pp` above 1");
        } else if (v > 1) {
          model.filter(m -> p * v > m.layers()).ifPresent(m -> issues.add("`vpp`", "pp x vpp = " + (p * v)
              + " exceeds the " + m.layers() + " layers of " + m.name()
              + "; each virtual stage needs at least one layer (choose vpp of at most " + m.layers() / p + ")"));
        }
      });
    });
    cp.ifPresent(c -> {
      if (seqOk && c > 1 && seqLen % (2 * c) != 0) {
        issues.add("`cp`", "context parallel " + c + " needs the sequence length " + seqLen
            + " divisible by 2 x cp = " + (2 * c));
      }
    });
    ep.ifPresent(e -> {
      model.ifPresent(m -> {
        int experts = m.moe().map(moe -> moe.experts()).orElse(1);
        if (m.moe().isEmpty() && e > 1) {
          issues.add("`ep`", "expert parallel " + e + " needs a mixture-of-experts model; " + m.name() + " is dense (use 1)");
        } else if (experts % e != 0) {
          issues.add("`ep`", e + " must divide the " + experts + " experts of " + m.name());
        }
      });
      dp.ifPresent(d -> {
        if (d % e != 0) {
          issues.add("`ep`", "expert parallel " + e + " must divide data parallel " + d + " (experts are spread over data-parallel ranks)");
        }
      });
    });
    layout.sharding().ifPresent(z -> {
      if ((z == Sharding.ZERO2 || z == Sharding.ZERO3) && pp.orElse(1) > 1 && !shardingWithPipeline) {
        issues.add("`zero`", "ZeRO-" + z.text() + " does not combine with pipeline parallel (`pp` " + pp.get()
            + ") in this recipe; use `zero` 1 or dist-opt, `pp` 1, or `recipe` torchtitan (FSDP2 with pipelining)");
      }
    });
    // products and batch divisibility, when enough is fixed (and what is fixed is valid)
    boolean degreesOk = layout.tp().equals(tp) && layout.pp().equals(pp) && layout.dp().equals(dp) && layout.cp().equals(cp);
    if (validDevices(devices) && degreesOk) {
      long fixedProduct = (long) tp.orElse(1) * pp.orElse(1) * dp.orElse(1) * cp.orElse(1);
      boolean allDegrees = tp.isPresent() && pp.isPresent() && dp.isPresent() && cp.isPresent();
      if (allDegrees && fixedProduct != devices) {
        issues.add("`devices`", "tp x pp x dp x cp = " + tp.get() + " x " + pp.get() + " x "
            + dp.get() + " x " + cp.get() + " = " + fixedProduct + " must equal `devices` " + devices
            + "; leave one of them out to have it filled in");
      } else if (!allDegrees && devices % fixedProduct != 0) {
        issues.add("`devices`", devices + " is not divisible by the fixed degrees' product " + fixedProduct);
      }
    }
    if (batchOk) {
      dp.ifPresent(d -> {
        if (globalBatch % d != 0) {
          issues.add("`global_batch`", globalBatch + " sequences are not divisible by data parallel " + d);
        } else {
          mb.ifPresent(m -> {
            if ((globalBatch / d) % m != 0) {
              issues.add("`micro_batch`", "the batch per replica " + globalBatch / d + " (global batch "
                  + globalBatch + " / dp " + d + ") is not divisible by micro-batch " + m
                  + "; choose one of " + divisorsOf(globalBatch / d, 64));
            }
          });
        }
      });
      mb.ifPresent(m -> {
        if (m > globalBatch) {
          issues.add("`micro_batch`", m + " exceeds the global batch " + globalBatch);
        }
      });
    }
  }

  private static boolean validDevices(long devices) {
    return devices >= 1 && devices <= MAX_DEVICES;
  }

  /** {@code v} when it is at least 1, else empty. */
  private static Optional<Integer> valid(Optional<Integer> v) {
    return v.filter(x -> x >= 1);
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
