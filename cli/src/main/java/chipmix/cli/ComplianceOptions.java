package chipmix.cli;

import chipmix.catalog.Catalog;
import chipmix.scenario.engines.ComplianceScreen;
import chipmix.scenario.engines.ComplianceScreen.Buyer;
import chipmix.scenario.engines.ComplianceScreen.Screened;
import chipmix.validation.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --buyer-hq}, {@code --to}, {@code --date}, {@code --compliance mark|drop}: candidate chips
 * screened with the export rules for the buyer, for sizing and training comparisons. Without
 * {@code --buyer-hq} nothing is screened.
 */
public final class ComplianceOptions {
  @Option(names = "--buyer-hq", paramLabel = "CC",
      description = "Country of the buyer's headquarters (ISO code, such as CN): screen the candidate chips with the export"
          + " rules (not legal advice).")
  String buyerHq;

  @Option(names = "--to", paramLabel = "CC", description = "Destination country (default: --buyer-hq).")
  String to;

  @Option(names = "--date", paramLabel = "DATE", description = "Date the rules are applied on (default: the rules' as-of date).")
  String date;

  @Option(names = "--compliance", paramLabel = "MODE", defaultValue = "mark",
      description = "mark (default: list chips the buyer may not get, with the reason, and say so when one ranks first)"
          + " or drop (leave them out of the candidates).")
  String mode;

  /** Whether chips the buyer may not get are dropped rather than marked. */
  public boolean drop() {
    return mode.toLowerCase(Locale.ROOT).equals("drop");
  }

  /** The options as given, for a core request that checks them itself ({@code train compare}). */
  public chipmix.comparison.TrainCompareRequest.Screening screening() {
    return new chipmix.comparison.TrainCompareRequest.Screening(Optional.ofNullable(buyerHq), Optional.ofNullable(to),
        Optional.ofNullable(date), mode);
  }

  /** The screen of {@code ids} for the buyer, empty without {@code --buyer-hq}. */
  public Optional<Map<String, Screened>> screen(Catalog catalog, List<String> ids) {
    List<String> problems = new ArrayList<>();
    if (buyerHq == null) {
      // the screen needs a buyer; its other options are refused alone rather than silently ignored
      for (String[] given : new String[][] {{"--to", to}, {"--date", date}}) {
        if (given[1] != null) {
          problems.add(given[0] + ": needs --buyer-hq (the buyer whose access is screened)");
        }
      }
      if (!mode.equalsIgnoreCase("mark")) {
        problems.add("--compliance: needs --buyer-hq (the buyer whose access is screened)");
      }
      if (!problems.isEmpty()) {
        throw InvalidInputException.of(problems.get(0).substring(0, problems.get(0).indexOf(':')), String.join("; ", problems));
      }
      return Optional.empty();
    }
    if (!List.of("mark", "drop").contains(mode.toLowerCase(Locale.ROOT))) {
      problems.add("--compliance: '" + mode + "' is not one of mark, drop");
    }
    LocalDate d = null;
    if (date != null) {
      try {
        d = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        problems.add("--date: " + date + " is not a date (expected YYYY-MM-DD)");
      }
    }
    if (!problems.isEmpty()) {
      throw InvalidInputException.of(problems.get(0).substring(0, problems.get(0).indexOf(':')),
          String.join("; ", problems));
    }
    // the rules every other command applies: the bundled ones with the user's rule packs laid over them
    chipmix.exportcontrol.ExportControl rules = chipmix.exportcontrol.ExportControl.withUserRules(Optional.empty());
    ComplianceScreen screen = new ComplianceScreen(new chipmix.scenario.engines.ExportCompliance(rules));
    LocalDate on = d != null ? d : rules.book().asOf();
    String hq = buyerHq.toUpperCase(Locale.ROOT);
    return Optional.of(screen.screen(ComplianceScreen.chips(catalog, ids),
        new Buyer(hq, to == null ? hq : to.toUpperCase(Locale.ROOT), on)));
  }

  /** Text lines: the buyer, then each chip the buyer may not get or is at risk of not getting. */
  public static List<String> lines(Map<String, Screened> screened, boolean dropped) {
    List<String> out = new ArrayList<>();
    for (Screened s : screened.values()) {
      if (s.finding().verdict() != chipmix.scenario.Engines.Verdict.CLEAR) {
        out.add("  " + (s.mayNotGet() && dropped ? "dropped: " : "") + s.reason());
      }
    }
    return out;
  }

  /** The compliance block under a ranking whose first entry uses {@code firstChips}. */
  public static String text(Map<String, Screened> screened, boolean dropped) {
    StringBuilder sb = new StringBuilder("\nCompliance for the buyer (export rules; not legal advice)\n");
    List<String> l = lines(screened, dropped);
    if (l.isEmpty()) {
      sb.append("  every candidate is clear\n");
    }
    l.forEach(x -> sb.append(x).append('\n'));
    return sb.toString();
  }

  /**
   * A warning, for the top of an answer, when its first-ranked plan uses a chip the buyer may not
   * get (issue 13: never rank such a chip first without saying so, where the reader looks first).
   */
  public static String warning(Map<String, Screened> screened, boolean dropped, List<String> firstChips) {
    StringBuilder sb = new StringBuilder();
    for (Screened s : screened.values()) {
      if (s.mayNotGet() && !dropped && firstChips.contains(s.chip().id())) {
        sb.append("WARNING: the first-ranked plan uses ").append(s.chip().name()).append(", which the buyer may not get (")
            .append(s.finding().outcome()).append("); see 'Compliance for the buyer' below, or rerun with --compliance drop.\n\n");
      }
    }
    return sb.toString();
  }

  public static com.fasterxml.jackson.databind.node.ObjectNode json(Map<String, Screened> screened, boolean dropped,
      List<String> firstChips) {
    var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    n.put("mode", dropped ? "drop" : "mark");
    var arr = n.putArray("chips");
    boolean firstBlocked = false;
    for (Screened s : screened.values()) {
      var x = arr.addObject();
      x.put("chip", s.chip().id());
      x.put("verdict", s.finding().verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      x.put("outcome", s.finding().outcome());
      x.put("may_not_get", s.mayNotGet());
      x.put("dropped", dropped && s.mayNotGet());
      x.put("reason", s.reason());
      firstBlocked |= s.mayNotGet() && !dropped && firstChips.contains(s.chip().id());
    }
    n.put("first_ranked_may_not_be_obtained", firstBlocked);
    n.put("disclaimer", chipmix.scenario.report.TextReport.DISCLAIMER);
    return n;
  }
}
