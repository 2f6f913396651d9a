package chipmix.serving;

import chipmix.units.Seconds;
import chipmix.validation.ValidationIssue;
import chipmix.validation.Issues;
import chipmix.validation.Limits;
import chipmix.validation.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deployment must serve: a request rate, the request shape and the latency targets.
 *
 * @param requestsPerSecond average requests per second (sustained)
 * @param ttft time-to-first-token target
 * @param tpot time-per-output-token target
 */
public record Demand(double requestsPerSecond, int promptTokens, int outputTokens, Seconds ttft, Seconds tpot) {
  public Demand {
    if (!(requestsPerSecond > 0) || !Double.isFinite(requestsPerSecond) || promptTokens < 1 || outputTokens < 1
        || ttft == null || tpot == null || !(ttft.seconds() > 0) || !(tpot.seconds() > 0)) {
      throw new IllegalArgumentException("demand needs positive rate, lengths and targets, got " + requestsPerSecond
          + " rps, " + promptTokens + "/" + outputTokens + " tokens, ttft " + ttft + ", tpot " + tpot
          + "\nMaybe validate user input with Demand.problems first.");
    }
  }

  /** Requests per second that produce {@code outputTokensPerDay} output tokens a day. */
  public static double requestsPerSecondFor(double outputTokensPerDay, int outputTokens) {
    return outputTokensPerDay / 86_400 / outputTokens;
  }

  /** Every problem of the raw inputs, paths named by the CLI options. */
  public static List<ValidationIssue> problems(Double rps, Double tokensPerDay, double ttftMs, double tpotMs) {
    List<ValidationIssue> p = new ArrayList<>();
    if (rps == null && tokensPerDay == null) {
      p.add(new ValidationIssue("`demand_rps`", "give the demand as `demand_rps` R (requests per second) or"
          + " `demand_tokens_per_day` T (output tokens per day)"));
    }
    if (rps != null && tokensPerDay != null) {
      p.add(new ValidationIssue("`demand_rps`", "give either `demand_rps` or `demand_tokens_per_day`, not both"));
    }
    Issues issues = new Issues();
    if (rps != null && !(rps > 0)) {
      issues.add("`demand_rps`", "must be a positive number of requests per second, got " + Range.fmt(rps));
    } else if (rps != null) {
      Limits.REQUESTS_PER_SECOND.check(issues, "`demand_rps`", rps);
    }
    if (tokensPerDay != null) {
      Limits.OUTPUT_TOKENS_PER_DAY.check(issues, "`demand_tokens_per_day`", tokensPerDay);
    }
    Limits.LATENCY_MS.check(issues, "`ttft_ms`", ttftMs);
    Limits.LATENCY_MS.check(issues, "`tpot_ms`", tpotMs);
    p.addAll(issues.list());
    return p;
  }

  public double outputTokensPerSecond() {
    return requestsPerSecond * outputTokens;
  }

  public double promptTokensPerSecond() {
    return requestsPerSecond * promptTokens;
  }
}
