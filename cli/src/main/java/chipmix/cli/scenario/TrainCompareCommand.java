package chipmix.cli.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.SystemSpec;
import chipmix.cli.CatalogOptions;
import chipmix.cli.ComplianceOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines.TrainingRate;
import chipmix.scenario.engines.ComplianceScreen.Screened;
import chipmix.scenario.engines.TrainingSearch;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code chipmix train compare}: one training job on several chips: the best layout the training
 * search finds on N devices of each, its throughput and days for a token budget; with {@code
 * --finish-by}, the devices each chip needs to finish by a date. Chips the buyer may not get are
 * marked or dropped ({@code --buyer-hq}).
 */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
    header = "Compare one training job across chips; with --finish-by, the devices each needs to finish by a date.",
    description = {"Uses the layout search (as train search) on each chip at the best of a few device counts at or below",
        "--devices (counts that factor into parallel degrees). Estimates, calibrated per chip; export findings",
        "(--buyer-hq) are not legal advice."})
public final class TrainCompareCommand implements Callable<Integer> {
  /** The most devices --finish-by considers per chip. */
  static final int MAX_DEVICES = 1 << 20;

  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;
  @Mixin ComplianceOptions compliance;

  @Option(names = "--chips", required = true, split = ",", paramLabel = "IDS", description = "Chips to compare (catalog ids or aliases).")
  List<String> chips;

  @Option(names = "--model", required = true, paramLabel = "PRESET", description = "Model preset (deepseek-v3, llama3-70b, ...).")
  String model;

  @Option(names = "--devices", paramLabel = "N", defaultValue = "1024", description = "Devices per chip (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--seq-len", required = true, paramLabel = "S", description = "Tokens per sequence.")
  int seqLen;

  @Option(names = "--global-batch", required = true, paramLabel = "B", description = "Sequences per step.")
  int globalBatch;

  @Option(names = "--tokens", paramLabel = "T", description = "Token budget: adds days on --devices, and is needed by --finish-by.")
  Double tokens;

  @Option(names = "--start", paramLabel = "DATE", description = "With --finish-by: the start date (required with it).")
  String start;

  @Option(names = "--finish-by", paramLabel = "DATE", description = "The devices each chip needs to finish --tokens by this date.")
  String finishBy;

  @Option(names = "--scale-out-gbps", paramLabel = "GBPS",
      description = "Per-device network bandwidth in Gb/s for every chip (needed where the catalog states none).")
  Double scaleOutGbps;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    boolean json = OutputFormat.json(format);
    Catalog catalog = catalogOptions.catalog();
    List<String> problems = new ArrayList<>();
    if (devices < 1) {
      problems.add("--devices: must be at least 1, got " + devices);
    }
    if (tokens != null && !(tokens > 0 && Double.isFinite(tokens))) {
      problems.add("--tokens: must be a positive number, got " + tokens);
    }
    Optional<LocalDate> from = date(start, "--start", problems);
    Optional<LocalDate> by = date(finishBy, "--finish-by", problems);
    if (by.isPresent() && (from.isEmpty() || tokens == null)) {
      problems.add("--finish-by: needs --start and --tokens");
    }
    if (by.isPresent() && from.isPresent() && !by.get().isAfter(from.get())) {
      problems.add("--finish-by: " + by.get() + " is not after --start " + from.get());
    }
    List<Chip> cs = new ArrayList<>();
    for (String id : chips) {
      Optional<Chip> c = catalog.findChip(id);
      if (c.isEmpty()) {
        problems.add("--chips: unknown chip '" + id + "'" + chipmix.validation.Suggestions.didYouMean(id,
            catalog.chips().stream().map(Chip::id).toList()) + " (run 'chipmix chips list' for all ids)");
      } else {
        cs.add(c.get());
      }
    }
    if (!problems.isEmpty()) {
      throw InvalidInputException.of(problems.get(0).substring(0, problems.get(0).indexOf(':')), String.join("; ", problems));
    }
    Optional<Map<String, Screened>> screened = compliance.screen(catalog, cs.stream().map(Chip::id).toList());
    TrainingSearch search = new TrainingSearch(Calibrations.bundled());
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("model", model);
    root.put("devices", devices);
    ArrayNode rows = root.putArray("chips");
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-22s %9s %14s %10s %12s  %s", "chip", "devices", "tokens/s", "days",
        by.isPresent() ? "need by " + by.get() : "", "layout"));
    boolean any = false;
    for (Chip c : cs) {
      Optional<Screened> sc = screened.map(m -> m.get(c.id()));
      boolean drop = sc.isPresent() && sc.get().mayNotGet() && compliance.drop();
      ObjectNode row = rows.addObject();
      row.put("chip", c.id());
      sc.ifPresent(x -> {
        row.put("verdict", x.finding().verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        row.put("may_not_get", x.mayNotGet());
        row.put("reason", x.reason());
      });
      if (drop) {
        row.put("dropped", true);
        lines.add(String.format(Locale.ROOT, "%-22s dropped: %s", c.id(), sc.get().reason()));
        continue;
      }
      Optional<SystemSpec> sys = catalog.defaultSystemFor(c);
      Optional<TrainingRate> r = rate(search, c, sys, devices, row);
      if (r.isEmpty()) {
        lines.add(String.format(Locale.ROOT, "%-22s %s", c.id(), row.has("problem") ? row.get("problem").asText()
            : "the model does not fit on " + devices + " devices in any layout"));
        continue;
      }
      any = true;
      row.put("devices_used", r.get().devicesUsed());
      row.put("tokens_per_second", r.get().tokensPerSecond());
      row.put("layout", r.get().layout());
      String days = "";
      if (tokens != null) {
        double d = tokens / r.get().tokensPerSecond() / 86400;
        row.put("days", d);
        days = String.format(Locale.ROOT, "%.1f", d);
      }
      String need = "";
      if (by.isPresent()) {
        double seconds = ChronoUnit.DAYS.between(from.get(), by.get()) * 86400.0;
        Optional<Integer> n = devicesNeeded(search, c, sys, tokens / seconds);
        if (n.isPresent()) {
          row.put("devices_needed", n.get());
          need = String.format(Locale.ROOT, "%,d", n.get());
        } else {
          row.putNull("devices_needed");
          need = "> " + String.format(Locale.ROOT, "%,d", MAX_DEVICES);
        }
      }
      String mark = sc.filter(Screened::mayNotGet).map(x -> "  [MAY NOT GET: " + x.finding().outcome() + "]").orElse("");
      lines.add(String.format(Locale.ROOT, "%-22s %,9d %,14.0f %10s %12s  %s%s", c.id(), r.get().devicesUsed(),
          r.get().tokensPerSecond(), days, need, r.get().layout(), mark));
    }
    screened.ifPresent(m -> lines.add(ComplianceOptions.text(m, compliance.drop()).stripTrailing()));
    lines.add("Estimates from the training model (docs/training-model.md); export findings are not legal advice.");
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? OutputFormat.jsonText(root) : String.join("\n", lines) + "\n");
    out.flush();
    return any ? ExitCode.OK.code() : ExitCode.INFEASIBLE.code();
  }

  private Optional<TrainingRate> rate(TrainingSearch search, Chip c, Optional<SystemSpec> sys, int n, ObjectNode row) {
    try {
      return search.best(model, seqLen, globalBatch, c, sys, Optional.ofNullable(scaleOutGbps), n);
    } catch (InvalidInputException | InfeasibleException e) {
      row.put("problem", "the training model cannot estimate it: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The fewest devices (bisection over counts; throughput grows with devices) reaching {@code tokensPerSecond}. */
  private Optional<Integer> devicesNeeded(TrainingSearch search, Chip c, Optional<SystemSpec> sys, double tokensPerSecond) {
    java.util.function.IntPredicate ok = n -> rate(search, c, sys, n, JsonNodeFactory.instance.objectNode())
        .map(r -> r.tokensPerSecond() >= tokensPerSecond).orElse(false);
    int hi = 8;
    while (!ok.test(hi)) {
      if (hi >= MAX_DEVICES) {
        return Optional.empty();
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
    return Optional.of(hi);
  }

  private static Optional<LocalDate> date(String text, String option, List<String> problems) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      problems.add(option + ": " + text + " is not a date (expected YYYY-MM-DD)");
      return Optional.empty();
    }
  }
}
