package chipmix.comparison;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.SystemSpec;
import chipmix.comparison.TrainCompareResult.BeyondCap;
import chipmix.comparison.TrainCompareResult.Compliance;
import chipmix.comparison.TrainCompareResult.DevicesNeeded;
import chipmix.comparison.TrainCompareResult.Dropped;
import chipmix.comparison.TrainCompareResult.Estimated;
import chipmix.comparison.TrainCompareResult.Needed;
import chipmix.comparison.TrainCompareResult.NoEstimate;
import chipmix.comparison.TrainCompareResult.Row;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.scenario.Engines.TrainingRate;
import chipmix.scenario.engines.ComplianceScreen;
import chipmix.scenario.engines.ComplianceScreen.Buyer;
import chipmix.scenario.engines.ComplianceScreen.Screened;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.Limits;
import chipmix.validation.Suggestions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * One training job on several chips: on each, the best layout the training search finds at the
 * best of a few device counts at or below the devices asked for (as the planner asks it), its
 * throughput and the days for a token budget; with a finish-by date, the fewest devices that
 * finish the budget by then (bisection on the count, to within 1/64: throughput does not fall as
 * devices are added, because the search may leave devices idle). Chips the buyer may not get are
 * marked or dropped. A pure function of the request and the {@link Context}.
 */
public final class TrainCompare {
  private TrainCompare() {}

  /** The training question the comparison asks: the best rate on at most {@code devices} devices, empty if nothing fits. */
  @FunctionalInterface
  public interface Rates {
    Optional<TrainingRate> best(TransformerModel model, int sequenceLength, int globalBatch, Chip chip,
        Optional<SystemSpec> system, Optional<Double> scaleOutGbps, int devices);
  }

  /**
   * What the comparison is answered with.
   *
   * @param models resolves the model (presets; the web API adds an inline model, the command line model files)
   * @param rates the training search
   * @param screen the export rules, for a buyer
   * @param rulesAsOf the date the rules are applied on when the request names none
   */
  public record Context(Catalog catalog, Models.Resolver models, Rates rates, ComplianceScreen screen, LocalDate rulesAsOf) {
    public Context {
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(models, "models");
      Objects.requireNonNull(rates, "rates");
      Objects.requireNonNull(screen, "screen");
      Objects.requireNonNull(rulesAsOf, "rulesAsOf");
    }
  }

  private record Checked(TransformerModel model, List<Chip> chips, Optional<LocalDate> start, Optional<LocalDate> finishBy,
      Optional<Buyer> buyer, boolean drop) {}

  /** Checks every field (all problems at once, {@link InvalidInputException}) and compares. */
  public static TrainCompareResult compare(TrainCompareRequest r, Context ctx) {
    Checked c = check(r, ctx);
    Map<String, Screened> screened = c.buyer().map(b -> ctx.screen().screen(c.chips(), b)).orElse(Map.of());
    int devices = (int) r.devices();
    List<Row> estimated = new ArrayList<>();
    List<Row> rest = new ArrayList<>();
    for (Chip chip : c.chips()) {
      Optional<Screened> sc = Optional.ofNullable(screened.get(chip.id()));
      if (sc.isPresent() && sc.get().mayNotGet() && c.drop()) {
        rest.add(new Row(chip.id(), chip.name(), Optional.empty(), sc, new Dropped(sc.get().reason())));
        continue;
      }
      Optional<SystemSpec> sys = ctx.catalog().defaultSystemFor(chip);
      Rate at = rate(ctx.rates(), c.model(), r, chip, sys, devices);
      if (at.rate().isEmpty()) {
        rest.add(new Row(chip.id(), chip.name(), Optional.empty(), sc, new NoEstimate(at.problem()
            .orElse("the model does not fit on " + String.format(Locale.ROOT, "%,d", devices) + " devices in any layout"))));
        continue;
      }
      TrainingRate tr = at.rate().get();
      Optional<Double> days = r.tokens().map(t -> t / tr.tokensPerSecond() / 86400);
      Optional<DevicesNeeded> need = c.finishBy().map(by -> {
        double seconds = ChronoUnit.DAYS.between(c.start().orElseThrow(), by) * 86400.0;
        return devicesNeeded(ctx.rates(), c.model(), r, chip, sys, r.tokens().orElseThrow() / seconds);
      });
      estimated.add(new Row(chip.id(), chip.name(), Optional.empty(), sc, new Estimated(tr, days, need)));
    }
    // ranked by throughput on the devices asked for; equal throughputs keep the order given
    estimated.sort(Comparator.comparingDouble((Row x) -> -((Estimated) x.outcome()).rate().tokensPerSecond()));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < estimated.size(); i++) {
      Row x = estimated.get(i);
      rows.add(new Row(x.chipId(), x.chipName(), Optional.of(i + 1), x.screen(), x.outcome()));
    }
    rows.addAll(rest);
    Optional<Compliance> compliance = c.buyer().map(b -> new Compliance(b, c.drop(), List.copyOf(screened.values()),
        !estimated.isEmpty() && estimated.get(0).mayNotGet()));
    return new TrainCompareResult(c.model().name(), r.devices(), r.tokens(), c.start(), c.finishBy(), rows, compliance);
  }

  /** Checks every field as {@link #compare} does, without comparing: throws listing every problem, or returns. */
  public static void validate(TrainCompareRequest r, Context ctx) {
    check(r, ctx);
  }

  private static Checked check(TrainCompareRequest r, Context ctx) {
    Issues issues = new Issues();
    Limits.DEVICES.check(issues, "`devices`", r.devices());
    Limits.SEQUENCE_LENGTH.check(issues, "`seq_len`", r.seqLen());
    Limits.GLOBAL_BATCH.check(issues, "`global_batch`", r.globalBatch());
    Limits.TRAINING_TOKENS.check(issues, "`tokens`", r.tokens());
    Limits.SCALE_OUT_GBPS.check(issues, "`scale_out_gbps`", r.scaleOutGbps());
    Optional<LocalDate> start = date(r.start(), "`start`", issues);
    Optional<LocalDate> by = date(r.finishBy(), "`finish_by`", issues);
    if (r.finishBy().isPresent() && (r.start().isEmpty() || r.tokens().isEmpty())) {
      issues.add("`finish_by`", "needs `start` and `tokens` (the date the run starts and the tokens it must train)");
    }
    if (by.isPresent() && start.isPresent() && !by.get().isAfter(start.get())) {
      issues.add("`finish_by`", by.get() + " is not after `start` " + start.get());
    }
    if (r.chips().isEmpty()) {
      issues.add("`chips`", "is required: at least one chip id, for example h20,ascend-910b,h100");
    }
    List<Chip> chips = new ArrayList<>();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(r.chips()));
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i).strip();
      Optional<Chip> chip = ctx.catalog().findChip(id);
      if (chip.isEmpty()) {
        issues.add("`chips`[" + i + "]", "unknown chip '" + echo(id) + "'" + Suggestions.didYouMean(id,
            ctx.catalog().chips().stream().map(Chip::id).toList()) + " (the chips list has every id)");
      } else if (chips.stream().noneMatch(x -> x.id().equals(chip.get().id()))) {
        chips.add(chip.get());
      }
    }
    TransformerModel model = issues.attempt(() -> ctx.models().resolve(chipmix.validation.FieldRef.of("model"), r.model())).orElse(null);
    TrainCompareRequest.Screening s = r.screening();
    String mode = s.mode().strip().toLowerCase(Locale.ROOT);
    Optional<Buyer> buyer = Optional.empty();
    if (s.buyerHq().isEmpty()) {
      // the screen needs a buyer; its other fields are refused alone rather than silently ignored
      s.to().ifPresent(x -> issues.add("`to`", "needs `buyer_hq` (the buyer whose access is screened)"));
      s.date().ifPresent(x -> issues.add("`date`", "needs `buyer_hq` (the buyer whose access is screened)"));
      if (!mode.equals("mark")) {
        issues.add("`compliance`", "needs `buyer_hq` (the buyer whose access is screened)");
      }
    } else {
      if (!List.of("mark", "drop").contains(mode)) {
        issues.add("`compliance`", "'" + echo(s.mode()) + "' is not one of mark, drop");
      }
      Optional<String> hq = country(s.buyerHq().get(), "`buyer_hq`", issues);
      Optional<String> to = s.to().isPresent() ? country(s.to().get(), "`to`", issues) : hq;
      Optional<LocalDate> on = s.date().isPresent() ? date(s.date(), "`date`", issues) : Optional.of(ctx.rulesAsOf());
      if (hq.isPresent() && to.isPresent() && on.isPresent()) {
        buyer = Optional.of(new Buyer(hq.get(), to.get(), on.get()));
      }
    }
    issues.throwIfAny();
    return new Checked(model, chips, start, by, buyer, mode.equals("drop"));
  }

  private static Optional<String> country(String code, String path, Issues issues) {
    String c = code.strip().toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z]{2}")) {
      issues.add(path, "'" + echo(code) + "' is not a country code (expected two letters, ISO 3166, such as CN)");
      return Optional.empty();
    }
    return Optional.of(c);
  }

  private static Optional<LocalDate> date(Optional<String> text, String path, Issues issues) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.get().strip()));
    } catch (DateTimeParseException e) {
      issues.add(path, echo(text.get()) + " is not a date (expected YYYY-MM-DD)");
      return Optional.empty();
    }
  }

  /** {@code text} cut to 80 characters for an error message (terminals escape control characters themselves). */
  private static String echo(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "... (" + text.length() + " characters)";
  }

  private record Rate(Optional<TrainingRate> rate, Optional<String> problem) {}

  private static Rate rate(Rates rates, TransformerModel model, TrainCompareRequest r, Chip chip, Optional<SystemSpec> sys,
      int devices) {
    try {
      return new Rate(rates.best(model, (int) r.seqLen(), (int) r.globalBatch(), chip, sys, r.scaleOutGbps(), devices),
          Optional.empty());
    } catch (InvalidInputException | InfeasibleException e) {
      return new Rate(Optional.empty(), Optional.of("the training model cannot estimate it: " + e.getMessage()));
    }
  }

  /** The fewest devices (bisection over counts; the best rate does not fall as devices are added) reaching the rate. */
  private static DevicesNeeded devicesNeeded(Rates rates, TransformerModel model, TrainCompareRequest r, Chip chip,
      Optional<SystemSpec> sys, double tokensPerSecond) {
    Map<Integer, Boolean> asked = new LinkedHashMap<>();
    IntPredicate ok = n -> asked.computeIfAbsent(n, k -> rate(rates, model, r, chip, sys, k).rate()
        .map(x -> x.tokensPerSecond() >= tokensPerSecond).orElse(false));
    int hi = 8;
    while (!ok.test(hi)) {
      if (hi >= TrainCompareResult.MAX_DEVICES_NEEDED) {
        return new BeyondCap(TrainCompareResult.MAX_DEVICES_NEEDED);
      }
      hi *= 2;
    }
    int lo = hi / 2;
    while (hi - lo > Math.max(8, hi / 64)) {
      int mid = lo + (hi - lo) / 2;
      if (ok.test(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return new Needed(hi);
  }
}
