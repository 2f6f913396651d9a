package chipmix.cli;


import chipmix.catalog.Catalog;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.published.CaseResult;
import chipmix.published.InferenceCases;
import chipmix.published.PublishedCases;
import chipmix.published.Validation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix validate}: the bundled published cases, published versus predicted. */
@Command(name = "validate", sortOptions = false, mixinStandardHelpOptions = true,
    header = "Run the bundled published cases: published vs predicted, with the error.",
    description = {"Each case is compared in its source's own accounting (Megatron Eq. 3, Megatron model FLOPs,",
        "or iteration time). role fit = used to calibrate the chip; holdout = not used in any fit."})
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--kind", paramLabel = "KIND", description = "Only cases of this kind (for example training).")
  String kind;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    boolean json = OutputFormat.json(format);
    Catalog catalog = catalogOptions.catalog();
    var cases = PublishedCases.bundled().stream().filter(c -> kind == null || c.kind().equalsIgnoreCase(kind)).toList();
    boolean inference = kind == null || kind.equalsIgnoreCase(InferenceCases.KIND);
    if (cases.isEmpty() && !inference) {
      throw chipmix.validation.InvalidInputException.of("--kind", "no bundled cases of kind '" + kind
          + "' (known: training, inference)");
    }
    java.util.function.Function<String, chipmix.perfmodel.Hardware> hardware =
        id -> HardwareProfiles.resolve(catalog, id, java.util.Optional.empty());
    List<CaseResult> results = new java.util.ArrayList<>(Validation.run(cases, hardware));
    if (inference) {
      results.addAll(InferenceCases.run(hardware));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? json(results) : text(results));
    out.flush();
    return ExitCode.OK.code();
  }

  static String text(List<CaseResult> results) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-34s %-7s %-12s %10s %10s %8s  %s%n", "case", "role", "unit", "published", "predicted",
        "error", "within"));
    for (CaseResult r : results) {
      s.append(String.format(Locale.ROOT, "%-34s %-7s %-12s %10.2f %10.2f %+7.1f%%  %s%n", r.id(),
          r.role().name().toLowerCase(Locale.ROOT), r.unit(), r.published(), r.predicted(), 100 * r.error(),
          r.withinTolerance() ? "yes" : "NO (tolerance " + Math.round(100 * r.tolerance()) + "%)"));
    }
    s.append(System.lineSeparator());
    for (String group : List.of("sc21-a100-", "korthikanti-a100-", "megatron-core-h100-", "pangu-moe-", "sglang-dsv3-")) {
      List<CaseResult> g = results.stream().filter(r -> r.id().startsWith(group)).toList();
      if (!g.isEmpty()) {
        s.append(summary(group.substring(0, group.length() - 1), g));
      }
    }
    List<CaseResult> holdout = results.stream().filter(r -> r.role() == chipmix.published.PublishedCase.Role.HOLDOUT).toList();
    if (!holdout.isEmpty()) {
      s.append(summary("holdout only", holdout));
    }
    s.append(summary("all", results));
    return s.toString();
  }

  private static String summary(String label, List<CaseResult> g) {
    Validation.Summary sum = Validation.summarize(g);
    return String.format(Locale.ROOT, "%-20s %2d cases, %2d within tolerance, median |error| %.1f%%, max %.1f%%%n", label + ":",
        sum.cases(), sum.withinTolerance(), 100 * sum.medianAbsError(), 100 * sum.maxAbsError());
  }

  static String json(List<CaseResult> results) {
    ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    ArrayNode arr = root.putArray("cases");
    for (CaseResult r : results) {
      ObjectNode n = arr.addObject();
      n.put("id", r.id());
      n.put("kind", r.kind());
      n.put("role", r.role().name().toLowerCase(Locale.ROOT));
      n.put("source", r.source());
      n.put("metric", r.metric());
      n.put("unit", r.unit());
      n.put("published", r.published());
      n.put("predicted", Math.round(r.predicted() * 1e4) / 1e4);
      n.put("error", Math.round(r.error() * 1e4) / 1e4);
      n.put("tolerance", r.tolerance());
      n.put("within_tolerance", r.withinTolerance());
      n.put("detail", r.detail());
    }
    Validation.Summary s = Validation.summarize(results);
    ObjectNode sum = root.putObject("summary");
    sum.put("cases", s.cases());
    sum.put("within_tolerance", s.withinTolerance());
    sum.put("median_abs_error", Math.round(s.medianAbsError() * 1e4) / 1e4);
    sum.put("max_abs_error", Math.round(s.maxAbsError() * 1e4) / 1e4);
    return OutputFormat.jsonText(root) + System.lineSeparator();
  }
}
