package chipmix.cli;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.exportcontrol.ExportControl;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix export matrix}: a table of outcomes, chips by destinations, on one date. */
@Command(
    mixinStandardHelpOptions = true,
    name = "matrix",
    header = "A table of outcomes: chips by destinations on one date.",
    description = {"Rows are chips, columns destinations; cells are short outcome labels explained in the",
      "legend. Not legal advice."},
    sortOptions = false)
final class ExportMatrixCommand implements Callable<Integer> {
  /** Destinations shown when --to is not given: the rule groups' typical members plus common ones. */
  static final List<String> DEFAULT_DESTINATIONS = ExportControl.MATRIX_DESTINATIONS;

  @Spec CommandSpec spec;

  @Option(names = "--chips", split = ",", paramLabel = "ID", description = "Chip ids or aliases (default: every catalog chip).")
  List<String> chips = new ArrayList<>();

  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--to", split = ",", paramLabel = "CC", description = "Destination country codes (default: CN,HK,MO,RU,AE,SA,VN,MY,SG,IN,IL,DE,JP,US).")
  List<String> to = new ArrayList<>(DEFAULT_DESTINATIONS);

  @Mixin ExportScopeOptions scope;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date (default: today, UTC).")
  String date;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text).")
  String format = "text";

  @Override
  public Integer call() {
    ExportControl ec = ExportControl.bundled();
    Issues issues = new Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON);
    Catalog catalog = catalogOptions.catalog();
    List<Chip> list = new ArrayList<>();
    if (chips.isEmpty()) {
      list.addAll(catalog.chips());
    }
    for (String id : chips) {
      try {
        list.add(catalog.chip("--chips", id));
      } catch (InvalidInputException e) {
        issues.addAll(e.issues());
      }
    }
    List<String> dests = new ArrayList<>();
    for (String d : to) {
      ec.country(issues, "--to", d).ifPresent(dests::add);
    }
    Optional<String> hq = scope.buyerHq(ec, issues);
    String from = scope.from(ec, issues);
    LocalDate d = ExportScopeOptions.date(ec, issues, "--date", date);
    issues.throwIfAny();
    ExportControl.Matrix m = ec.matrix(list, dests, hq, from, scope.parties, d);
    OutputFormat.print(spec.commandLine().getOut(), f == OutputFormat.JSON, () -> ExportRender.json(ExportRender.matrixJson(ec, m)),
        () -> ExportRender.matrixText(ec, m));
    return ExitCode.OK.code();
  }
}
