package chipmix.cli;

import chipmix.exportcontrol.ExportControl;
import chipmix.validation.Issues;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Who buys, from where, which parties, and when. */
final class ExportScopeOptions {
  @Option(names = "--buyer-hq", paramLabel = "CC", description = "Country code of the buyer's headquarters (or ultimate parent).")
  String buyerHq;

  @Option(names = "--from", paramLabel = "CC", description = "Country the chip is exported from (default: US; others are reexports).")
  String from = "US";

  @Option(names = "--party", paramLabel = "NAME", split = ",", description = "A party to the transaction, checked against the Entity List data (repeatable), e.g. huawei.")
  List<String> parties = new ArrayList<>();

  @Option(names = "--owner", paramLabel = "NAME", split = ",", description = "An owner of 50%% or more of a party (repeatable), checked for the Affiliates Rule, e.g. huawei.")
  List<String> owners = new ArrayList<>();

  @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule files (*.yaml) laid over the bundled rules, after $CHIPMIX_HOME/rules (default ~/.chipmix/rules).")
  String rulesDir;

  /** The bundled rules with the user's rule files ({@code ~/.chipmix/rules}, then {@code --rules}). */
  ExportControl exportControl() {
    return ExportControl.withUserRules(Optional.ofNullable(rulesDir).map(java.nio.file.Path::of));
  }

  /**
   * The request of one chip to one destination at one date ({@code dateOption} names the date's
   * option), or empty when any part is invalid; every problem is added to {@code issues}.
   */
  Optional<chipmix.exportcontrol.Request> request(ExportControl ec, Issues issues, ExportChipOptions chip, String to,
      String dateOption, String date) {
    Optional<chipmix.catalog.Chip> c = chip.chip(issues);
    Optional<String> dest = destination(ec, issues, to);
    Optional<String> hq = buyerHq(ec, issues);
    String origin = from(ec, issues);
    LocalDate d = date(ec, issues, dateOption, date);
    return c.isEmpty() || dest.isEmpty() || !issues.isEmpty() ? Optional.empty()
        : Optional.of(new chipmix.exportcontrol.Request(c.get(), dest.get(), hq, origin, parties, owners, d));
  }

  Optional<String> buyerHq(ExportControl ec, Issues issues) {
    return buyerHq == null ? Optional.empty() : ec.country(issues, "--buyer-hq", buyerHq);
  }

  String from(ExportControl ec, Issues issues) {
    return ec.country(issues, "--from", from).orElse("US");
  }

  /**
   * The destination ({@code --to}), which is required. It is checked here rather than by picocli
   * so that a missing destination is listed with the command's other problems.
   */
  static Optional<String> destination(ExportControl ec, Issues issues, String to) {
    if (to == null || to.isBlank()) {
      issues.add("--to", "is required: the destination country code (ISO 3166-1 alpha-2), e.g. --to CN");
      return Optional.empty();
    }
    return ec.country(issues, "--to", to);
  }

  /** Parses a date option, defaulting to today (UTC); records bad or too-early dates. */
  static LocalDate date(ExportControl ec, Issues issues, String option, String text) {
    if (text == null) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      LocalDate d = LocalDate.parse(text.strip());
      ec.date(issues, option, d);
      return d;
    } catch (DateTimeParseException e) {
      issues.add(option, "'" + text + "' is not a date (expected YYYY-MM-DD, e.g. 2025-06-01)");
      return LocalDate.now(ZoneOffset.UTC);
    }
  }
}
