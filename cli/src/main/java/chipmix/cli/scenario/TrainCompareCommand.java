package chipmix.cli.scenario;

import chipmix.catalog.Catalog;
import chipmix.cli.CatalogOptions;
import chipmix.cli.ComplianceOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.cli.Tabular;
import chipmix.comparison.TrainCompare;
import chipmix.comparison.TrainCompareJson;
import chipmix.comparison.TrainCompareRequest;
import chipmix.comparison.TrainCompareResult;
import chipmix.comparison.TrainCompareResult.BeyondCap;
import chipmix.comparison.TrainCompareResult.Dropped;
import chipmix.comparison.TrainCompareResult.Estimated;
import chipmix.comparison.TrainCompareResult.Needed;
import chipmix.comparison.TrainCompareResult.NoEstimate;
import chipmix.comparison.TrainCompareResult.Row;
import chipmix.exportcontrol.ExportControl;
import chipmix.model.Models;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.engines.ComplianceScreen;
import chipmix.scenario.engines.ComplianceScreen.Screened;
import chipmix.scenario.engines.ExportCompliance;
import chipmix.scenario.engines.TrainingSearch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code chipmix train compare}: reads the options into a {@link TrainCompareRequest}, runs
 * {@link TrainCompare} and renders the result (text, or the JSON of {@link TrainCompareJson}).
 */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
    header = "Compare one training job across chips; with --finish-by, the devices each needs to finish by a date.",
    description = {"Uses the layout search (as train search) on each chip at the best of a few device counts at or below",
        "--devices (counts that factor into parallel degrees). Estimates, calibrated per chip; export findings",
        "(--buyer-hq) are not legal advice."})
public final class TrainCompareCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;
  @Mixin ComplianceOptions compliance;

  @Option(names = "--chips", required = true, split = ",", paramLabel = "IDS", description = "Chips to compare (catalog ids or aliases).")
  List<String> chips;

  @Option(names = "--model", required = true, paramLabel = "PRESET", description = "Model preset (deepseek-v3, llama3-70b, ...).")
  String model;

  @Option(names = "--devices", paramLabel = "N", defaultValue = "1024", description = "Devices per chip (default ${DEFAULT-VALUE}).")
  long devices;

  @Option(names = "--seq-len", required = true, paramLabel = "S", description = "Tokens per sequence.")
  long seqLen;

  @Option(names = "--global-batch", required = true, paramLabel = "B", description = "Sequences per step.")
  long globalBatch;

  @Option(names = "--tokens", paramLabel = "T", description = "Token budget: adds days on --devices, and is needed by --finish-by.")
  Double tokens;

  @Option(names = "--start", paramLabel = "DATE", description = "With --finish-by: the start date (required with it).")
  String start;

  @Option(names = "--finish-by", paramLabel = "DATE", description = "The devices each chip needs to finish --tokens by this date.")
  String finishBy;

  @Option(names = "--scale-out-gbps", paramLabel = "GBPS",
      description = "Per-device network bandwidth in Gb/s for every chip (needed where the catalog states none).")
  Double scaleOutGbps;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
      description = "text, json or csv (one row per chip, the JSON's chips; default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    OutputFormat f = OutputFormat.require(format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
    Catalog catalog = catalogOptions.catalog();
    // the rules every other command applies: the bundled ones with the user's rule packs laid over them
    ExportControl rules = ExportControl.withUserRules(Optional.empty());
    TrainingSearch search = new TrainingSearch(Calibrations.bundled());
    TrainCompare.Context ctx = new TrainCompare.Context(catalog, Models::resolve,
        (m, seq, batch, chip, sys, scaleOut, n) -> search.best(m, seq, batch, chip, sys, scaleOut, n, Optional.empty()),
        new ComplianceScreen(new ExportCompliance(rules)), rules.book().asOf());
    TrainCompareRequest request = new TrainCompareRequest(model, chips, devices, seqLen, globalBatch,
        Optional.ofNullable(tokens), Optional.ofNullable(start), Optional.ofNullable(finishBy),
        Optional.ofNullable(scaleOutGbps), compliance.screening());
    TrainCompareResult r = TrainCompare.compare(request, ctx);
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (f) {
      case JSON -> OutputFormat.jsonText(TrainCompareJson.of(r));
      // the rows of the JSON answer, checked as it is (no NaN, infinity or negative count)
      case CSV -> Tabular.of(OutputFormat.readJson(OutputFormat.jsonText(TrainCompareJson.of(r))).path("chips")).csv();
      case TEXT, TABLE -> text(r);
    });
    out.flush();
    boolean any = r.rows().stream().anyMatch(x -> x.outcome() instanceof Estimated);
    return any ? ExitCode.OK.code() : ExitCode.INFEASIBLE.code();
  }

  static String text(TrainCompareResult r) {
    List<String> lines = new ArrayList<>();
    r.compliance().filter(TrainCompareResult.Compliance::firstRankedMayNotBeObtained).ifPresent(c -> {
      Row first = r.rows().get(0);
      lines.add("WARNING: the first-ranked chip, " + first.chipName() + ", is one the buyer may not get ("
          + first.screen().orElseThrow().finding().outcome() + "); see 'Compliance for the buyer' below, or rerun with"
          + " --compliance drop.");
      lines.add("");
    });
    lines.add(String.format(Locale.ROOT, "%4s  %-22s %9s %14s %10s %12s  %s", "rank", "chip", "devices", "tokens/s", "days",
        r.finishBy().map(d -> "need by " + d).orElse(""), "layout"));
    for (Row row : r.rows()) {
      String rank = row.rank().map(String::valueOf).orElse("-");
      switch (row.outcome()) {
        case Estimated e -> {
          String days = e.days().map(d -> String.format(Locale.ROOT, "%.1f", d)).orElse("");
          String need = e.devicesNeeded().map(n -> switch (n) {
            case Needed k -> String.format(Locale.ROOT, "%,d", k.devices());
            case BeyondCap b -> "> " + String.format(Locale.ROOT, "%,d", b.cap());
          }).orElse("");
          String mark = row.mayNotGet() ? "  [MAY NOT GET: " + row.screen().orElseThrow().finding().outcome() + "]" : "";
          lines.add(String.format(Locale.ROOT, "%4s  %-22s %,9d %,14.0f %10s %12s  %s%s", rank, row.chipId(),
              e.rate().devicesUsed(), e.rate().tokensPerSecond(), days, need, e.rate().layout(), mark));
        }
        case NoEstimate ne -> lines.add(String.format(Locale.ROOT, "%4s  %-22s %s", rank, row.chipId(),
            chipmix.validation.FieldRef.asOption(ne.reason())));
        case Dropped d -> lines.add(String.format(Locale.ROOT, "%4s  %-22s dropped: %s", rank, row.chipId(), d.reason()));
      }
    }
    lines.add("Ranked by tokens/s on " + String.format(Locale.ROOT, "%,d", r.devices()) + " devices.");
    r.compliance().ifPresent(c -> {
      Map<String, Screened> screened = new LinkedHashMap<>();
      c.screened().forEach(s -> screened.put(s.chip().id(), s));
      lines.add(ComplianceOptions.text(screened, c.drop()).stripTrailing());
    });
    lines.add(TrainCompareJson.NOTE);
    return String.join("\n", lines) + "\n";
  }
}
