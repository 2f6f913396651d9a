package chipmix.cli;

import chipmix.calibration.Accuracy;
import chipmix.calibration.FitSpecs;
import chipmix.calibration.TrainingFit;
import chipmix.catalog.Catalog;
import chipmix.perfmodel.Calibration;
import chipmix.perfmodel.Calibrations;
import chipmix.published.CaseResult;
import chipmix.published.InferenceCases;
import chipmix.published.PublishedCase;
import chipmix.published.PublishedCases;
import chipmix.published.TrainingCase;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix validate}: the bundled published cases, in-sample and cross-validated. */
@Command(name = "validate", sortOptions = false, mixinStandardHelpOptions = true,
    header = "Run the bundled published cases: published vs predicted, in-sample and cross-validated.",
    description = {"Each case is compared in its source's own accounting (Megatron Eq. 3, Megatron model FLOPs,",
        "iteration time or tokens/s). role: fit = its error entered the calibration fit; selection = it",
        "chose between fits or settings; development = a mechanism was developed on it; holdout = none.",
        "Cross-validated (leave-one-family-out): the constants refitted without the case's family.",
        "Exit codes: 0 ok; 1 with --strict when a case is outside its tolerance; 2 invalid input."})
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--kind", paramLabel = "KIND", description = "Only cases of this kind (training or inference).")
  String kind;

  @Option(names = "--strict", description = {"Exit 1 when any case is outside its tolerance (or has no estimate),",
      "as a failed check; for CI."})
  boolean strict;

  @Option(names = "--refit", description = {"Rerun the calibration fit (calibration-fit.yaml) on the fit cases and",
      "print the constants next to calibration.yaml's (no case table)."})
  boolean refit;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = {"text, json or csv (default: ${DEFAULT-VALUE}); csv: a row per case, with",
      "--refit a row per chip and constant."})
  String format;

  @Override
  public Integer call() {
    OutputFormat f = OutputFormat.require(format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
    boolean json = f == OutputFormat.JSON;
    Catalog catalog = catalogOptions.catalog();
    PrintWriter out = spec.commandLine().getOut();
    if (refit) {
      TrainingFit.Result r = TrainingFit.fit(FitSpecs.bundled(), PublishedCases.bundled().stream().map(TrainingCase.class::cast)
          .toList(), catalog, Calibrations.bundled());
      out.print(switch (f) {
        case JSON -> refitJson(r, catalog);
        case CSV -> refitCsv(OutputFormat.readJson(refitJson(r, catalog)));
        case TEXT, TABLE -> refitText(r, catalog);
      });
      out.flush();
      boolean same = sameAsBundled(r, catalog);
      return strict && !same ? ExitCode.FAILURE.code() : ExitCode.OK.code();
    }
    boolean training = kind == null || kind.equalsIgnoreCase("training");
    boolean inference = kind == null || kind.equalsIgnoreCase(InferenceCases.KIND);
    if (!training && !inference) {
      throw chipmix.validation.InvalidInputException.of("--kind", "no bundled cases of kind '" + kind
          + "' (known: training, inference)");
    }
    Accuracy.Report report = Accuracy.bundled(catalog, training, inference);
    out.print(switch (f) {
      case JSON -> json(report);
      case CSV -> Tabular.of(OutputFormat.readJson(json(report)).path("cases")).csv();
      case TEXT, TABLE -> text(report);
    });
    out.flush();
    return strict && !report.allWithinTolerance() ? ExitCode.FAILURE.code() : ExitCode.OK.code();
  }

  static String text(Accuracy.Report report) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-40s %-11s %-12s %10s %10s %8s  %-22s %8s%n", "case", "role", "unit", "published",
        "predicted", "error", "within", "LOFO"));
    for (Accuracy.Row row : report.rows()) {
      String lofo = switch (row.crossValidated()) {
        case Accuracy.Estimated e -> String.format(Locale.ROOT, "%+7.1f%%", 100 * e.result().error());
        case Accuracy.NoEstimate n -> "none";
      };
      switch (row.inSample()) {
        case Accuracy.Estimated e -> {
          CaseResult r = e.result();
          s.append(String.format(Locale.ROOT, "%-40s %-11s %-12s %10.2f %10.2f %+7.1f%%  %-22s %8s%n", r.id(), row.role().key(),
              r.unit(), r.published(), r.predicted(), 100 * r.error(),
              r.withinTolerance() ? "yes" : "NO (tolerance " + Math.round(100 * r.tolerance()) + "%)", lofo));
        }
        case Accuracy.NoEstimate n -> s.append(String.format(Locale.ROOT, "%-40s %-11s no estimate: %s%n", n.id(), row.role().key(),
            n.reason().lines().findFirst().orElse("")));
      }
    }
    s.append(System.lineSeparator());
    s.append("Per family: in-sample (calibration.yaml) | leave-one-family-out (refitted without the family's fit cases)")
        .append(System.lineSeparator());
    s.append(String.format(Locale.ROOT, "%-22s %-9s %-26s %3s   %-25s | %-25s%n", "family", "kind", "roles", "n",
        "within  median    max", "within  median    max"));
    for (Accuracy.FamilySummary f : report.families()) {
      s.append(String.format(Locale.ROOT, "%-22s %-9s %-26s %3d   %-25s | %-25s%s%n", f.family(), f.kind(),
          f.roles().stream().map(PublishedCase.Role::key).collect(Collectors.joining(",")), f.inSample().cases(),
          cells(f.inSample()), cells(f.crossValidated()), f.refitted() ? "" : "  (no fit cases: same constants)"));
    }
    s.append(System.lineSeparator());
    Set<PublishedCase.Role> all = EnumSet.allOf(PublishedCase.Role.class);
    for (String k : List.of("training", InferenceCases.KIND)) {
      if (report.rows().stream().anyMatch(r -> r.kind().equals(k))) {
        s.append(summary(k + ", all cases", report.summary(k, false, all), report.summary(k, true, all)));
        Accuracy.Summary holdout = report.summary(k, false, EnumSet.of(PublishedCase.Role.HOLDOUT));
        if (holdout.cases() > 0) {
          s.append(summary(k + ", holdout only", holdout, report.summary(k, true, EnumSet.of(PublishedCase.Role.HOLDOUT))));
        }
      }
    }
    s.append(summary("all", report.summary(null, false, all), report.summary(null, true, all)));
    return s.toString();
  }

  private static String cells(Accuracy.Summary s) {
    return String.format(Locale.ROOT, "%2d/%-2d  %5.1f%%  %5.1f%%", s.withinTolerance(), s.cases(), 100 * s.medianAbsError(),
        100 * s.maxAbsError());
  }

  private static String summary(String label, Accuracy.Summary in, Accuracy.Summary cv) {
    return String.format(Locale.ROOT, "%-28s %2d cases: in-sample %2d within tolerance, median |error| %.1f%%, max %.1f%%;"
        + " cross-validated %2d within, median %.1f%%, max %.1f%%%s%n", label + ":", in.cases(), in.withinTolerance(),
        100 * in.medianAbsError(), 100 * in.maxAbsError(), cv.withinTolerance(), 100 * cv.medianAbsError(), 100 * cv.maxAbsError(),
        in.estimated() < in.cases() ? " (" + (in.cases() - in.estimated()) + " without an estimate)" : "");
  }

  static String json(Accuracy.Report report) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode arr = root.putArray("cases");
    for (Accuracy.Row row : report.rows()) {
      ObjectNode n = arr.addObject();
      n.put("id", row.id());
      n.put("kind", row.kind());
      n.put("family", row.family());
      n.put("role", row.role().key());
      n.put("tolerance", row.tolerance());
      outcome(n, row.inSample(), true);
      outcome(n.putObject("cross_validated"), row.crossValidated(), false);
    }
    ArrayNode fams = root.putArray("families");
    for (Accuracy.FamilySummary f : report.families()) {
      ObjectNode n = fams.addObject();
      n.put("family", f.family());
      n.put("kind", f.kind());
      ArrayNode roles = n.putArray("roles");
      f.roles().forEach(r -> roles.add(r.key()));
      n.put("refitted", f.refitted());
      summary(n.putObject("in_sample"), f.inSample());
      summary(n.putObject("cross_validated"), f.crossValidated());
    }
    Set<PublishedCase.Role> all = EnumSet.allOf(PublishedCase.Role.class);
    ObjectNode sum = root.putObject("summary");
    summary(sum, report.summary(null, false, all));
    summary(sum.putObject("cross_validated"), report.summary(null, true, all));
    summary(sum.putObject("holdout"), report.summary(null, false, EnumSet.of(PublishedCase.Role.HOLDOUT)));
    return OutputFormat.jsonText(root) + System.lineSeparator();
  }

  private static void outcome(ObjectNode n, Accuracy.Outcome o, boolean full) {
    switch (o) {
      case Accuracy.Estimated e -> {
        CaseResult r = e.result();
        if (full) {
          n.put("source", r.source());
          n.put("metric", r.metric());
          n.put("unit", r.unit());
          n.put("published", r.published());
        }
        n.put("predicted", round(r.predicted()));
        n.put("error", round(r.error()));
        n.put("within_tolerance", r.withinTolerance());
        if (full) {
          n.put("detail", r.detail());
        }
      }
      case Accuracy.NoEstimate ne -> {
        n.put("within_tolerance", false);
        n.put("no_estimate", ne.reason());
      }
    }
  }

  private static void summary(ObjectNode n, Accuracy.Summary s) {
    n.put("cases", s.cases());
    n.put("estimated", s.estimated());
    n.put("within_tolerance", s.withinTolerance());
    n.put("median_abs_error", round(s.medianAbsError()));
    n.put("max_abs_error", round(s.maxAbsError()));
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  private static boolean sameAsBundled(TrainingFit.Result r, Catalog catalog) {
    for (int i = 0; i < Calibrations.CONSTANTS.size(); i++) {
      if (Math.abs(r.calibrations().fallback().constants().get(i).value()
          - Calibrations.bundled().fallback().constants().get(i).value()) > 1e-9) {
        return false;
      }
    }
    if (Math.abs(r.calibrations().fallback().moeHostPerLocalExpertUs().value()
        - Calibrations.bundled().fallback().moeHostPerLocalExpertUs().value()) > 1e-9) {
      return false;
    }
    for (Calibration c : r.calibrations().chips()) {
      Calibration b = Calibrations.bundled().forChip(catalog.chip("chip", c.chipIds().get(0)));
      for (int i = 0; i < Calibrations.CONSTANTS.size(); i++) {
        if (Math.abs(c.constants().get(i).value() - b.constants().get(i).value()) > 1e-9) {
          return false;
        }
      }
    }
    return true;
  }

  static String refitText(TrainingFit.Result r, Catalog catalog) {
    StringBuilder s = new StringBuilder();
    s.append("Calibration refit (").append(FitSpecs.RESOURCE.substring(1)).append("): coordinate descent on the mean |error|")
        .append(" of each chip's fit cases").append(System.lineSeparator());
    for (int k = 0; k < r.chips().size(); k++) {
      TrainingFit.ChipResult c = r.chips().get(k);
      Calibration fitted = r.calibrations().chips().get(k);
      Calibration bundled = Calibrations.bundled().forChip(catalog.chip("chip", c.chipId()));
      s.append(String.format(Locale.ROOT, "%n%s: loss %.2f%% over %d fit cases (%s), %d points evaluated%n", c.chipId(),
          100 * c.loss(), c.caseIds().size(), String.join(", ", c.caseIds()), c.evaluations()));
      s.append(String.format(Locale.ROOT, "  %-30s %10s %16s%n", "constant", "refit", "calibration.yaml"));
      appendConstants(s, fitted, bundled);
    }
    for (Calibration moved : r.transferred()) {
      String id = moved.chipIds().get(0);
      Calibration bundled = Calibrations.bundled().forChip(catalog.chip("chip", id));
      s.append(String.format(Locale.ROOT, "%n%s: no fit cases; transfer rule (its kernel benchmarks x the fitted chips' ratio, else"
          + " the default)%n", id));
      s.append(String.format(Locale.ROOT, "  %-30s %10s %16s%n", "constant", "refit", "calibration.yaml"));
      appendConstants(s, moved, bundled);
    }
    s.append(String.format(Locale.ROOT, "%ndefault (other chips): per constant the most conservative of the fits%n"));
    appendConstants(s, r.calibrations().fallback(), Calibrations.bundled().fallback());
    for (TrainingFit.CrossChipResult k : r.crossChip()) {
      double b = Calibrations.bundled().fallback().moeHostPerLocalExpertUs().value();
      s.append(String.format(Locale.ROOT, "%n%s (every chip): %s%n", k.key(), k.loss().map(l -> String.format(Locale.ROOT,
          "grid search, loss %.2f%% over %d fit cases (%s)", 100 * l, k.caseIds().size(), String.join(", ", k.caseIds())))
          .orElse("none of its fit cases in this fit: its start")));
      appendConstant(s, k.key(), k.value(), b);
    }
    s.append(System.lineSeparator()).append(sameAsBundled(r, catalog) ? "The refit reproduces calibration.yaml."
        : "The refit differs from calibration.yaml: update calibration.yaml (and its sources) or the fit spec.")
        .append(System.lineSeparator());
    return s.toString();
  }

  /** The JSON twin of {@link #appendConstants}: per training constant, the refit's value and calibration.yaml's. */
  private static void putConstants(ObjectNode into, Calibration refit, Calibration bundled) {
    for (int i = 0; i < Calibrations.CONSTANTS.size(); i++) {
      ObjectNode v = into.putObject(Calibrations.CONSTANTS.get(i));
      v.put("refit", refit.constants().get(i).value());
      v.put("calibration_yaml", bundled.constants().get(i).value());
    }
  }

  /** One row per training constant: the refit's value next to calibration.yaml's, marked where they differ. */
  private static void appendConstants(StringBuilder s, Calibration refit, Calibration bundled) {
    for (int i = 0; i < Calibrations.CONSTANTS.size(); i++) {
      appendConstant(s, Calibrations.CONSTANTS.get(i), refit.constants().get(i).value(), bundled.constants().get(i).value());
    }
  }

  private static void appendConstant(StringBuilder s, String key, double refit, double bundled) {
    s.append(String.format(Locale.ROOT, "  %-30s %10s %16s%s%n", key, num(refit), num(bundled),
        Math.abs(refit - bundled) > 1e-9 ? "  DIFFERS" : ""));
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  /** The refit as one row per chip (or {@code default}) and constant: the refit value beside calibration.yaml's. */
  static String refitCsv(com.fasterxml.jackson.databind.JsonNode refit) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (com.fasterxml.jackson.databind.JsonNode chip : refit.path("chips")) {
      chip.path("constants").fields().forEachRemaining(c -> constantRow(rows, chip.path("chip").asText(), chip.path("loss"), c));
    }
    for (com.fasterxml.jackson.databind.JsonNode chip : refit.path("transferred")) {
      chip.path("constants").fields().forEachRemaining(c -> constantRow(rows, chip.path("chip").asText(), null, c));
    }
    refit.path("default").fields().forEachRemaining(c -> constantRow(rows, "default", null, c));
    refit.path("cross_chip").fields().forEachRemaining(c -> constantRow(rows, "every chip", c.getValue().path("loss"), c));
    return Tabular.of(rows).csv();
  }

  private static void constantRow(ArrayNode rows, String chip, com.fasterxml.jackson.databind.JsonNode loss,
      java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> constant) {
    ObjectNode n = rows.addObject();
    n.put("chip", chip);
    n.set("loss", loss == null ? JsonNodeFactory.instance.nullNode() : loss);
    n.put("constant", constant.getKey());
    n.set("refit", constant.getValue().path("refit"));
    n.set("calibration_yaml", constant.getValue().path("calibration_yaml"));
  }

  static String refitJson(TrainingFit.Result r, Catalog catalog) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode chips = root.putArray("chips");
    for (int k = 0; k < r.chips().size(); k++) {
      TrainingFit.ChipResult c = r.chips().get(k);
      Calibration bundled = Calibrations.bundled().forChip(catalog.chip("chip", c.chipId()));
      ObjectNode n = chips.addObject();
      n.put("chip", c.chipId());
      n.put("loss", round(c.loss()));
      ArrayNode ids = n.putArray("fit_cases");
      c.caseIds().forEach(ids::add);
      putConstants(n.putObject("constants"), r.calibrations().chips().get(k), bundled);
    }
    ArrayNode transferred = root.putArray("transferred");
    for (Calibration moved : r.transferred()) {
      Calibration bundled = Calibrations.bundled().forChip(catalog.chip("chip", moved.chipIds().get(0)));
      ObjectNode n = transferred.addObject();
      n.put("chip", moved.chipIds().get(0));
      putConstants(n.putObject("constants"), moved, bundled);
    }
    putConstants(root.putObject("default"), r.calibrations().fallback(), Calibrations.bundled().fallback());
    ObjectNode cross = root.putObject("cross_chip");
    for (TrainingFit.CrossChipResult k : r.crossChip()) {
      ObjectNode v = cross.putObject(k.key());
      v.put("refit", k.value());
      v.put("calibration_yaml", Calibrations.bundled().fallback().moeHostPerLocalExpertUs().value());
      k.loss().ifPresentOrElse(l -> v.put("loss", round(l)), () -> v.putNull("loss"));
      ArrayNode ids = v.putArray("fit_cases");
      k.caseIds().forEach(ids::add);
    }
    root.put("reproduces_calibration_yaml", sameAsBundled(r, catalog));
    return OutputFormat.jsonText(root) + System.lineSeparator();
  }
}
