package chipmix.cli;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.ExportJson;
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
final class ExportMatrixCommand implements Callable<Integer>, ValidatesInput {
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
  public void validateInput() {
    checked(scope.exportControl());
  }

  /** Every option checked: the chips, destinations, buyer, origin, date and whether JSON was asked for. */
  private Checked checked(ExportControl ec) {
    Issues issues = new Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON);
    List<Chip> list = new ArrayList<>();
    issues.attempt(() -> {
      Catalog catalog = catalogOptions.catalog();
      if (chips.isEmpty()) {
        list.addAll(catalog.chips());
      }
      for (String id : chips) {
        issues.attempt(() -> list.add(catalog.chip("--chips", id)));
      }
      return true;
    });
    List<String> dests = new ArrayList<>();
    for (String d : to) {
      ec.country(issues, "--to", d).ifPresent(dests::add);
    }
    Optional<String> hq = scope.buyerHq(ec, issues);
    String from = scope.from(ec, issues);
    LocalDate d = ExportScopeOptions.date(ec, issues, "--date", date);
    issues.throwIfAny();
    return new Checked(list, dests, hq, from, d, f == OutputFormat.JSON);
  }

  private record Checked(List<Chip> chips, List<String> destinations, Optional<String> buyerHq, String from, LocalDate date,
      boolean json) {}

  @Override
  public Integer call() {
    ExportControl ec = scope.exportControl();
    Checked c = checked(ec);
    ExportControl.Matrix m = ec.matrix(c.chips(), c.destinations(), c.buyerHq(), c.from(), scope.parties, scope.owners, c.date());
    OutputFormat.print(spec.commandLine().getOut(), c.json(), () -> OutputFormat.jsonText(ExportJson.matrix(ec, m)),
        () -> ExportRender.matrixText(ec, m));
    return ExitCode.OK.code();
  }
}
