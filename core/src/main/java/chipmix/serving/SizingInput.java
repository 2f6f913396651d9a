package chipmix.serving;

import chipmix.catalog.Catalog;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.Workload;
import chipmix.units.ByteRate;
import chipmix.units.Seconds;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.Limits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A serving-sizing question as the user gives it ({@code chipmix infer size} options, the web
 * API's JSON fields). {@link #size(Catalog)} checks every field, reporting all problems at once
 * with the CLI option names as paths ({@code --ttft-ms}, {@code --chips[1]}), and runs the
 * {@link Sizer}.
 *
 * @param chips candidate chip ids; empty for {@link #DEFAULT_CHIPS}
 */
public record SizingInput(
    String model,
    long promptTokens,
    long outputTokens,
    WeightsRequest weights,
    Precision kv,
    Optional<Double> scaleOutGbps,
    Optional<Double> demandRps,
    Optional<Double> demandTokensPerDay,
    double ttftMs,
    double tpotMs,
    List<String> chips,
    boolean disaggregated,
    double amortizationYears,
    double usdPerKwh,
    ServingOptions options) {

  /** Candidates when none are given: the chips of the motivating case. */
  public static final List<String> DEFAULT_CHIPS = List.of("h20", "h100-sxm", "ascend-910b");

  public SizingInput {
    chips = List.copyOf(chips);
    java.util.Objects.requireNonNull(weights, "weights");
    java.util.Objects.requireNonNull(options, "options");
  }

  /** A question with one weight precision for every chip and the default serving options. */
  public SizingInput(String model, long promptTokens, long outputTokens, Precision weights, Precision kv,
      Optional<Double> scaleOutGbps, Optional<Double> demandRps, Optional<Double> demandTokensPerDay, double ttftMs,
      double tpotMs, List<String> chips, boolean disaggregated, double amortizationYears, double usdPerKwh) {
    this(model, promptTokens, outputTokens, WeightsRequest.of(weights), kv, scaleOutGbps, demandRps, demandTokensPerDay,
        ttftMs, tpotMs, chips, disaggregated, amortizationYears, usdPerKwh, ServingOptions.DEFAULT);
  }

  public SizingResult size(Catalog catalog) {
    return size(catalog, Models::resolve);
  }

  /** As {@link #size(Catalog)}, with the model resolved by {@code models} (the web API: presets or an inline model). */
  public SizingResult size(Catalog catalog, Models.Resolver models) {
    Checked c = check(catalog, models);
    int output = (int) outputTokens;
    double rps = demandRps.isPresent() ? demandRps.get() : Demand.requestsPerSecondFor(demandTokensPerDay.orElseThrow(), output);
    Demand demand = new Demand(rps, (int) promptTokens, output, Seconds.ofMillis(ttftMs), Seconds.ofMillis(tpotMs));
    return Sizer.size(new Sizer.Request(c.model(), demand, weights, kv, c.devices(), disaggregated,
        new CostAssumptions(amortizationYears, usdPerKwh), options.kvTransferGbps().map(ByteRate::ofGbit)));
  }

  /**
   * Checks every field as {@link #size(Catalog)} does, without sizing: throws an
   * {@link InvalidInputException} listing every problem, or returns.
   */
  public void validate(Catalog catalog) {
    validate(catalog, Models::resolve);
  }

  /** As {@link #validate(Catalog)}, with the model resolved by {@code models} (the web API: presets or an inline model). */
  public void validate(Catalog catalog, Models.Resolver models) {
    check(catalog, models);
  }

  private record Checked(TransformerModel model, List<InferenceDevice> devices) {}

  private Checked check(Catalog catalog, Models.Resolver models) {
    Issues issues = new Issues();
    issues.addAll(Workload.problems(promptTokens, outputTokens, kv, "`prompt_tokens`", "`output_tokens`", "`kv`"));
    Optional<Double> scaleOut = DeviceProfiles.checkedScaleOut(issues, scaleOutGbps);
    options.kvTransferGbps().filter(g -> !(g > 0 && g <= 1e6)).ifPresent(g -> issues.add("`kv_transfer_gbps`",
        "must be a positive bandwidth in Gb/s per prefill device (e.g. 200), got " + g));
    if (options.kvTransferGbps().isPresent() && !disaggregated) {
      issues.add("`kv_transfer_gbps`", "declares the KV path between prefill and decode pools; it needs `disaggregated`");
    }
    issues.addAll(Demand.problems(demandRps.orElse(null), demandTokensPerDay.orElse(null), ttftMs, tpotMs));
    Limits.AMORTIZATION_YEARS.check(issues, "`amortization_years`", amortizationYears);
    Limits.USD_PER_KWH.check(issues, "`usd_per_kwh`", usdPerKwh);
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(chips.isEmpty() ? DEFAULT_CHIPS : chips));
    List<InferenceDevice> devices = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      try {
        // a bad --scale-out-gbps is reported above; the chips are still looked up, on their catalog figures
        devices.add(DeviceProfiles.of(catalog, "`chips`[" + i + "]", ids.get(i).trim(),
            scaleOut));
      } catch (InvalidInputException e) {
        issues.addAll(e.issues());
      }
    }
    TransformerModel m = null;
    try {
      m = models.resolve("`model`", model);
    } catch (InvalidInputException e) {
      issues.addAll(e.issues());
    }
    StackChoice stack = StackChoice.check(options, issues, models);
    issues.throwIfAny();
    return new Checked(m, devices.stream().map(stack::apply).toList());
  }
}
