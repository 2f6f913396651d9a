package chipmix.search;

import chipmix.cancel.Cancellation;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.Layout;
import chipmix.perfmodel.Recompute;
import chipmix.perfmodel.Sharding;
import chipmix.perfmodel.TrainingCostModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Enumerates every valid layout for a device count and keeps the best k. Pure and
 * allocation-free in the inner loops: candidate degrees are int arrays computed once, layouts
 * are costed with {@link TrainingCostModel#evaluate} into one scratch array, and the top k are
 * kept in primitive arrays.
 *
 * <p>Space: tp divides the heads and kv heads and fits the scale-up domain; cp divides the
 * devices with seq divisible by 2·cp and at least 128 tokens per rank; pp divides the remaining
 * devices and is at most the layers (uneven last stage allowed for vpp = 1; the busiest stage
 * sets the pace); dp is what remains and divides the global batch; ep divides the experts and
 * dp; the micro-batch divides the per-replica batch; vpp > 1 needs pp > 1, at least one layer
 * per virtual stage (pp·vpp at most the layers; uneven splits as Megatron-Core's custom pipeline
 * layout and Llama 3 allow, the busiest stage sets the pace) and the micro-batch count a multiple of pp; recompute none/selective/full; sharding
 * none, distributed optimizer, ZeRO-1/2/3 (only none without data parallelism; ZeRO-2/3 only
 * without pipeline parallelism, as DeepSpeed supports them).
 *
 * <p>Pruning: model-state memory depends only on (tp, cp, pp, ep, vpp, sharding) and is
 * checked before any micro-batch or recompute choice; activation memory grows with the
 * micro-batch, so the micro-batch loop stops at the first size that does not fit with full
 * recompute.
 */
public final class LayoutSearch {
  /** Minimum tokens per context-parallel rank. */
  public static final int MIN_TOKENS_PER_CP_RANK = 128;

  private LayoutSearch() {}

  /** Search result: the best layouts (best first), counts and time. */
  public record Result(List<Ranked> best, long evaluated, long feasible, long prunedByMemory, double searchMillis,
      double smallestMemoryBytes, Layout smallestMemoryLayout) {
    public Result {
      best = List.copyOf(best);
    }
  }

  /** A layout with its step time. */
  public record Ranked(Layout layout, double stepSeconds, double memoryBytes) {}

  /**
   * The best {@code topK} layouts by step time (with one device count and one price, cost ranks
   * the same way: see {@link Objective}).
   */
  public static Result search(TrainingCostModel cost, long devices, PartialLayout fixed, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be at least 1, got " + topK);
    }
    long start = System.nanoTime();
    TransformerModel model = cost.model();
    int n = (int) devices;
    int seq = cost.options().seqLen();
    long batch = cost.options().globalBatch();
    double capacity = cost.capacityBytes();
    int experts = model.moe().map(m -> m.experts()).orElse(1);
    int headGcd = TrainingRequest.gcd(model.heads(), model.kvHeads());
    int scaleUp = cost.hardware().scaleUpDomain();
    Recompute[] recomputes = fixed.recompute().map(r -> new Recompute[] {r}).orElse(Recompute.values());
    boolean everyRecompute = fixed.recompute().isEmpty();
    double stateBudget = capacity - cost.reserveBytes(); // model states above this fit in no layout
    int[] candidate = new int[9];
    // an open sharding is chosen among those the recipe's framework offers
    chipmix.perfmodel.RecipeSettings.Parallelism parallelism = cost.options().settings().parallelism();
    Sharding[] shardings = fixed.sharding().map(z -> new Sharding[] {z})
        .orElse(parallelism.shardings().stream().sorted().toArray(Sharding[]::new));
    // an open vpp is searched only where the recipe's schedule interleaves (1F1B with virtual stages)
    boolean interleave = parallelism.interleaving() && parallelism.schedule() == chipmix.perfmodel.PipelineSchedule.ONE_F_ONE_B;

    double[] out = new double[TrainingCostModel.OUT_SIZE];
    double[] bestScore = new double[topK];
    double[] bestMem = new double[topK];
    int[][] bestLayout = new int[topK][9];
    int kept = 0;
    long evaluated = 0;
    long feasible = 0;
    long pruned = 0;
    double smallestMem = Double.POSITIVE_INFINITY;
    int[] smallest = null;

    for (int tp : divisors(n)) {
      if (tp > scaleUp || headGcd % tp != 0 || !matches(fixed.tp(), tp)) {
        continue;
      }
      for (int cp : divisors(n / tp)) {
        if (!matches(fixed.cp(), cp) || (cp > 1 && (seq % (2 * cp) != 0 || seq / cp < MIN_TOKENS_PER_CP_RANK))) {
          continue;
        }
        for (int pp : divisors(n / tp / cp)) {
          boolean dualPipe = parallelism.schedule() == chipmix.perfmodel.PipelineSchedule.DUALPIPE;
          if (pp > model.layers() || !matches(fixed.pp(), pp) || (dualPipe && pp > 1 && pp % 2 != 0)) {
            continue;
          }
          int dp = n / tp / cp / pp;
          if (batch % dp != 0 || !matches(fixed.dp(), dp)) {
            continue;
          }
          long perReplica = batch / dp;
          int[] mbDivisors = divisors((int) perReplica); // batch is at most TrainingRequest.MAX_BATCH
          for (int ep : divisors(dp)) {
            if (experts % ep != 0 || !matches(fixed.ep(), ep)) { // dense models have experts = 1
              continue;
            }
            // interleaving needs pp > 1 and at least one layer per virtual stage
            int maxVpp = pp == 1 || (!interleave && fixed.vpp().isEmpty()) ? 1 : model.layers() / pp;
            for (int vpp = 1; vpp <= maxVpp; vpp++) {
              Cancellation.check(); // at most a few thousand layouts (milliseconds) between checks
              if (!matches(fixed.vpp(), vpp)) {
                continue;
              }
              for (Sharding z : shardings) {
                // sharding over one rank is the unsharded layout again: searched only when the user fixes it, as
                // Megatron runs --use-distributed-optimizer on a data-parallel group of one (MindSpeed's scripts do)
                boolean redundant = z != Sharding.NONE && (long) dp * cp == 1 && fixed.sharding().isEmpty();
                if (redundant || !parallelism.allows(z, pp)) {
                  continue;
                }
                double states = cost.modelStateBytes(tp, pp, dp, cp, ep, vpp, z);
                int mbCount = mbDivisors.length;
                if (states > stateBudget) {
                  long skipped = (long) mbCount * recomputes.length;
                  evaluated += skipped;
                  pruned += skipped;
                  if (states + cost.reserveBytes() < smallestMem) {
                    smallestMem = states + cost.reserveBytes();
                    smallest = fill(candidate, tp, pp, dp, cp, ep, vpp, 1, Recompute.FULL, z);
                  }
                  continue;
                }
                for (int mb : mbDivisors) {
                  if (!matches(fixed.microBatch(), mb)) {
                    continue;
                  }
                  long m = perReplica / mb;
                  if (vpp > 1 && m % pp != 0) {
                    continue;
                  }
                  boolean anyFit = false;
                  for (Recompute r : recomputes) {
                    evaluated++;
                    double step = cost.evaluate(tp, pp, dp, cp, ep, vpp, mb, r, z, out);
                    double mem = out[TrainingCostModel.M_TOTAL];
                    if (mem < smallestMem) {
                      smallestMem = mem;
                      smallest = fill(candidate, tp, pp, dp, cp, ep, vpp, mb, r, z);
                    }
                    if (mem > capacity) {
                      continue;
                    }
                    anyFit = true;
                    feasible++;
                    double score = step; // COST ranks like TIME for one device count and price (see Objective)
                    if ((kept < topK || score < bestScore[kept - 1])
                        && !twinOfKept(bestScore, bestMem, bestLayout, kept, score, mem, tp, pp, dp, cp, ep, vpp, mb, r)) {
                      int pos = kept < topK ? kept++ : kept - 1;
                      while (pos > 0 && bestScore[pos - 1] > score) {
                        bestScore[pos] = bestScore[pos - 1];
                        bestMem[pos] = bestMem[pos - 1];
                        int[] tmp = bestLayout[pos];
                        bestLayout[pos] = bestLayout[pos - 1];
                        bestLayout[pos - 1] = tmp;
                        pos--;
                      }
                      bestScore[pos] = score;
                      bestMem[pos] = mem;
                      fill(bestLayout[pos], tp, pp, dp, cp, ep, vpp, mb, r, z);
                    }
                  }
                  if (!anyFit && everyRecompute) {
                    // activations grow with the micro-batch: larger ones do not fit either
                    break;
                  }
                }
              }
            }
          }
        }
      }
    }
    List<Ranked> best = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      best.add(new Ranked(toLayout(bestLayout[i]), bestScore[i], bestMem[i]));
    }
    double ms = (System.nanoTime() - start) / 1e6;
    return new Result(best, evaluated, feasible, pruned, ms, smallestMem, smallest == null ? null : toLayout(smallest));
  }

  /** Writes a layout into {@code b} (tp, pp, dp, cp, ep, vpp, mb, recompute, sharding) and returns it. */
  /**
   * Whether a kept layout differs from this one only in its sharding and costs exactly the same
   * (ZeRO-1 and Megatron's distributed optimizer shard the same states and move the same bytes):
   * such a twin would pad the top list with a row of identical figures, so the first is kept.
   */
  private static boolean twinOfKept(double[] bestScore, double[] bestMem, int[][] bestLayout, int kept, double score,
      double mem, int tp, int pp, int dp, int cp, int ep, int vpp, int mb, Recompute r) {
    for (int i = 0; i < kept; i++) {
      int[] b = bestLayout[i];
      if (bestScore[i] == score && bestMem[i] == mem && b[0] == tp && b[1] == pp && b[2] == dp && b[3] == cp
          && b[4] == ep && b[5] == vpp && b[6] == mb && b[7] == r.ordinal()) {
        return true;
      }
    }
    return false;
  }

  private static int[] fill(int[] b, int tp, int pp, int dp, int cp, int ep, int vpp, int mb, Recompute r, Sharding z) {
    b[0] = tp; b[1] = pp; b[2] = dp; b[3] = cp; b[4] = ep; b[5] = vpp; b[6] = mb;
    b[7] = r.ordinal(); b[8] = z.ordinal();
    return b;
  }

  private static Layout toLayout(int[] b) {
    return new Layout(b[0], b[1], b[2], b[3], b[4], b[5], b[6], Recompute.values()[b[7]], Sharding.values()[b[8]]);
  }

  private static boolean matches(java.util.Optional<Integer> fixed, int v) {
    return fixed.isEmpty() || fixed.get() == v;
  }

  static int[] divisors(int n) {
    int count = 0;
    for (int d = 1; (long) d * d <= n; d++) {
      if (n % d == 0) {
        count += (d * d == n) ? 1 : 2;
      }
    }
    int[] small = new int[count];
    int lo = 0;
    int hi = count - 1;
    for (int d = 1; (long) d * d <= n; d++) {
      if (n % d == 0) {
        small[lo++] = d;
        if (d * d != n) {
          small[hi--] = n / d;
        }
      }
    }
    return small;
  }
}
