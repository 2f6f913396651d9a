package chipmix.exportcontrol;

import chipmix.catalog.Chip;
import chipmix.validation.Issues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The decision procedure. Pure: no clock, no I/O; the date is always an argument.
 *
 * <p>{@link #classify} tries the paragraphs of the 3A090 regime in force, in order. {@link
 * #determine} applies every rule in force whose scope covers the destination, buyer and parties
 * and whose items cover the chip: requirements set the outcome (the most restrictive wins),
 * relaxations soften named requirements, conditions attach to named requirements, reports add
 * findings that never change the outcome. A test on an unknown fact is evaluated both ways and
 * the most restrictive result is the answer, labelled uncertain.
 */
public final class ExportControl {
  /** Destinations a matrix shows by default: the rule groups' typical members plus common ones. */
  public static final List<String> MATRIX_DESTINATIONS =
      List.of("CN", "HK", "MO", "RU", "AE", "SA", "VN", "MY", "SG", "IN", "IL", "DE", "JP", "US");

  private final RuleBook book;

  public ExportControl(RuleBook book) {
    this.book = Objects.requireNonNull(book, "book");
  }

  public static ExportControl bundled() {
    return new ExportControl(RuleBookLoader.bundled());
  }

  /**
   * The bundled rules with the user's rule files laid over them: {@code $CHIPMIX_HOME/rules}
   * (default {@code ~/.chipmix/rules}) and then {@code extraDir} when given ({@code --rules DIR}).
   * Without any user file this is {@link #bundled()}.
   */
  public static ExportControl withUserRules(Optional<java.nio.file.Path> extraDir) {
    List<java.nio.file.Path> files = new ArrayList<>(RuleBookLoader.packFiles(RuleBookLoader.userDirectory(),
        RuleBookLoader.userDirectory().toString(), false));
    extraDir.ifPresent(d -> files.addAll(RuleBookLoader.packFiles(d, "`rules`", true)));
    if (files.isEmpty()) {
      return bundled();
    }
    Issues issues = new Issues();
    List<RuleBookLoader.Pack> packs = new ArrayList<>();
    for (java.nio.file.Path f : files) {
      issues.attempt(() -> RuleBookLoader.Pack.read(f)).ifPresent(packs::add);
    }
    issues.throwIfAny();
    return new ExportControl(RuleBookLoader.load(packs));
  }

  public RuleBook book() {
    return book;
  }

  // ---------------------------------------------------------------------------------------
  // Input checks (paths are the caller's names for the fields, such as --to)

  /** Checks a country code, recording an issue at {@code path} with suggestions; returns it normalised. */
  public Optional<String> country(Issues issues, String path, String input) {
    String code = input.strip().toUpperCase(Locale.ROOT);
    if (book.countries().containsKey(code)) {
      return Optional.of(code);
    }
    List<String> near = new ArrayList<>();
    book.countries().forEach((c, name) -> {
      if (name.equalsIgnoreCase(input.strip()) || name.toLowerCase(Locale.ROOT).startsWith(input.strip().toLowerCase(Locale.ROOT))) {
        near.add(c);
      }
    });
    if (code.length() == 2) {
      // Known codes one letter away from the input (CM -> CN), at most three.
      for (String c : book.countries().keySet().stream().sorted().toList()) {
        boolean oneOff = (c.charAt(0) == code.charAt(0)) != (c.charAt(1) == code.charAt(1));
        if (oneOff && !near.contains(c) && near.size() < 3) {
          near.add(c);
        }
      }
    }
    String hint = near.isEmpty() ? "" : "; did you mean " + String.join(" or ",
        near.stream().limit(3).map(c -> "'" + c + "' (" + book.countries().get(c) + ")").toList()) + "?";
    issues.add(path, "unknown country code '" + input + "'" + hint
        + " (expected an ISO 3166-1 alpha-2 code such as CN, AE, DE; chipmix knows " + book.countries().size()
        + " countries, listed in docs/export-control.md)");
    return Optional.empty();
  }

  /** Checks a date is on or after the first rule (2022-10-07). */
  public void date(Issues issues, String path, LocalDate date) {
    if (date.isBefore(RuleBook.EARLIEST)) {
      issues.add(path, date + " is before the first AI-chip rule chipmix covers (" + RuleBook.EARLIEST
          + ", the Oct 2022 rule, FR Doc 2022-21658); give a date on or after " + RuleBook.EARLIEST);
    }
  }

  private void validate(Request r) {
    Issues issues = new Issues();
    country(issues, "destination", r.destination());
    r.buyerHq().ifPresent(h -> country(issues, "buyer_hq", h));
    country(issues, "export_from", r.exportFrom());
    date(issues, "date", r.date());
    issues.throwIfAny();
  }

  // ---------------------------------------------------------------------------------------
  // Classification

  /** The ECCN 3A090 classification of {@code chip} on {@code date}, with the facts used. */
  public Classification classify(Chip chip, LocalDate date) {
    Issues issues = new Issues();
    date(issues, "date", date);
    issues.throwIfAny();
    ChipFacts facts = ChipFacts.of(chip);
    Optional<Regime> regime = book.regimeOn(date);
    List<Reason> reasons = new ArrayList<>();
    reasons.add(new Reason("facts", chip.name() + ": " + facts.summary() + ".", "[" + String.join(", ", facts.sources()) + "]"));
    if (regime.isEmpty()) {
      reasons.add(new Reason("no-regime", "No 3A090 text is in force on " + date + " in chipmix's rule data.", "[R01]"));
      return new Classification(date, regime, facts, List.of(new Classification.Candidate(Optional.empty(), List.of())),
          List.of(), reasons);
    }
    Regime rg = regime.get();
    List<Classification.Candidate> candidates = new ArrayList<>();
    Set<String> deciding = new LinkedHashSet<>();
    List<String> failures = new ArrayList<>();
    Classification.Candidate definite = null;
    for (Paragraph p : rg.paragraphs()) {
      List<ChipFacts.Check> checks = p.criteria().stream().map(facts::check).toList();
      Tri all = checks.stream().map(ChipFacts.Check::result).reduce(Tri.YES, Tri::and);
      if (all == Tri.NO) {
        checks.stream().filter(c -> c.result() == Tri.NO).findFirst()
            .ifPresent(c -> failures.add(p.label() + " fails (" + c.detail() + ")"));
        continue;
      }
      List<String> open = checks.stream().filter(c -> c.result() == Tri.UNKNOWN).map(ChipFacts.Check::detail).toList();
      checks.stream().filter(c -> c.result() == Tri.UNKNOWN).forEach(c -> deciding.add(c.decidingFact(facts)));
      Classification.Candidate cand = new Classification.Candidate(Optional.of(p), open);
      candidates.add(cand);
      if (all == Tri.YES) {
        definite = cand;
        String met = String.join("; ", checks.stream().map(ChipFacts.Check::detail).toList());
        if (candidates.size() == 1) {
          reasons.add(new Reason(p.id(), chip.name() + " meets " + p.label() + " (" + p.text() + "): " + met + ".",
              Citations.of(rg.document(), p.sources())));
        }
        break;
      }
    }
    if (definite == null) {
      candidates.add(new Classification.Candidate(Optional.empty(),
          candidates.isEmpty() ? List.of() : List.of("none of the paragraphs above applies")));
    }
    if (candidates.size() == 1 && definite == null) {
      reasons.add(new Reason(rg.id(), chip.name() + " is not 3A090 under the " + rg.title() + ": "
          + String.join("; ", failures) + ".", rg.citation()));
    } else if (candidates.size() > 1) {
      reasons.add(new Reason(rg.id(), "The facts do not decide the classification under the " + rg.title()
          + ": possible are " + String.join(", ", candidates.stream().map(Classification.Candidate::label).toList())
          + ", depending on " + String.join("; ", deciding) + ". The answer takes the most restrictive.", rg.citation()));
    }
    return new Classification(date, regime, facts, candidates, List.copyOf(deciding), reasons);
  }

  // ---------------------------------------------------------------------------------------
  // Determination

  /** What US rules require for the request, and why. */
  public Determination determine(Request request) {
    validate(request);
    Classification cls = classify(request.chip(), request.date());
    List<Scenario> pessimistic = new ArrayList<>();
    List<Determination.Possibility> possibilities = new ArrayList<>();
    for (Classification.Candidate c : cls.candidates()) {
      Scenario worst = evaluate(request, cls.facts(), c.licenseClass(), true);
      Scenario best = evaluate(request, cls.facts(), c.licenseClass(), false);
      pessimistic.add(worst);
      String when = c.conditions().isEmpty() ? "" : "if " + String.join(" and ", c.conditions());
      addPossibility(possibilities, new Determination.Possibility(c.label(), worst.verdict, when));
      if (!best.verdict.equals(worst.verdict)) {
        String w = (when.isEmpty() ? "if " : when + " and ") + String.join(" and ", worst.undecided);
        addPossibility(possibilities, new Determination.Possibility(c.label(), best.verdict, w));
      }
    }
    Scenario chosen = pessimistic.get(0);
    for (Scenario s : pessimistic) {
      if (s.verdict.compareTo(chosen.verdict) > 0) {
        chosen = s;
      }
    }
    boolean uncertain = possibilities.stream().map(Determination.Possibility::verdict).distinct().count() > 1;
    List<Reason> reasons = new ArrayList<>(cls.reasons());
    reasons.addAll(chosen.reasons);
    List<String> caveats = new ArrayList<>(chosen.caveats);
    if (uncertain) {
      caveats.add(0, "Uncertain: the facts allow more than one outcome; shown is the most restrictive ("
          + chosen.verdict.text() + "). Supply the deciding facts to narrow it.");
    }
    caveats.addAll(generalCaveats(request, cls.facts()));
    lowConfidenceCaveat(cls).ifPresent(caveats::add);
    Scenario decided = chosen;
    List<Determination.Driver> drivers = decided.hits.stream().filter(h -> h.verdict.equals(decided.verdict))
        .flatMap(h -> Stream.concat(Stream.of(h.rule), h.relaxedBy.stream()))
        .map(r -> new Determination.Driver(r.id(), r.title())).distinct().toList();
    List<Determination.Driver> named = uncertain ? namedInEveryScenario(request.chip(), pessimistic, possibilities)
        : List.of();
    if (!named.isEmpty()) {
      // The rule that names the chip decides that a license is needed whatever the unknown facts are;
      // only the review policy depends on them (AMD's MI308 letter with the MI308X's TPP unknown).
      drivers = named;
    }
    return new Determination(request, cls, chosen.verdict, uncertain, possibilities, chosen.conditions, reasons,
        chosen.findings, caveats, book.asOf(), Determination.NOT_LEGAL_ADVICE, drivers, !named.isEmpty());
  }

  /**
   * Rules that name the chip (by id or alias) and require a license in every possible scenario, when
   * every possible outcome is the same and only the review policy differs; empty otherwise.
   */
  private static List<Determination.Driver> namedInEveryScenario(Chip chip, List<Scenario> scenarios,
      List<Determination.Possibility> possibilities) {
    if (possibilities.stream().map(p -> p.verdict().outcome()).distinct().count() != 1) {
      return List.of();
    }
    List<Rule> common = null;
    for (Scenario s : scenarios) {
      List<Rule> here = s.hits.stream().map(h -> h.rule)
          .filter(r -> r.items().chips().stream().anyMatch(n -> names(chip, n))).toList();
      common = common == null ? new ArrayList<>(here) : new ArrayList<>(common.stream().filter(here::contains).toList());
    }
    return common == null ? List.of()
        : common.stream().map(r -> new Determination.Driver(r.id(), r.title())).distinct().toList();
  }

  private static void addPossibility(List<Determination.Possibility> list, Determination.Possibility p) {
    if (list.stream().noneMatch(x -> x.classification().equals(p.classification()) && x.verdict().equals(p.verdict()))) {
      list.add(p);
    }
  }

  /** The requirements and findings under one classification, deciding unknown item tests one way. */
  private static final class Scenario {
    Verdict verdict = Verdict.of(Outcome.NOT_CONTROLLED);
    final List<Hit> hits = new ArrayList<>();
    final List<Reason> reasons = new ArrayList<>();
    final List<Condition> conditions = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    final List<String> caveats = new ArrayList<>();
    final List<String> undecided = new ArrayList<>();
  }

  private static final class Hit {
    final Rule rule;
    Verdict verdict;
    final List<Condition> conditions;

    /** Rules that attached conditions to this requirement (named in the reasons when it sets the outcome). */
    final List<Rule> addedBy = new ArrayList<>();
    /** Rules that softened this requirement's review policy (R2026-H200). */
    final List<Rule> relaxedBy = new ArrayList<>();

    Hit(Rule rule, Verdict verdict, List<Condition> conditions) {
      this.rule = rule;
      this.verdict = verdict;
      this.conditions = new ArrayList<>(conditions);
    }
  }

  private Scenario evaluate(Request req, ChipFacts facts, Optional<String> licenseClass, boolean pessimistic) {
    Scenario s = new Scenario();
    LocalDate date = req.date();
    List<Rule> inForce = book.rules().stream().filter(r -> r.inForce(date) && inScope(r.scope(), req)).toList();
    Map<Rule, Tri> matched = new LinkedHashMap<>();
    for (Rule r : inForce) {
      Tri m = items(r.items(), req.chip(), facts, licenseClass, s, r);
      if (m != Tri.NO) {
        matched.put(r, m);
      }
    }
    // Requirements.
    for (Map.Entry<Rule, Tri> e : matched.entrySet()) {
      Rule r = e.getKey();
      if (!(r.effect() instanceof Effect.Require q) || !applies(e.getValue(), pessimistic, true)) {
        continue;
      }
      if (r.complianceFrom().isPresent() && date.isBefore(r.complianceFrom().get())) {
        s.findings.add(new Finding(FindingKind.PENDING, r.id(), r.text() + " (Would have meant: "
            + new Verdict(q.outcome(), q.reviewPolicy()).text() + "; compliance date " + r.complianceFrom().get() + ".)",
            r.citation()));
        continue;
      }
      s.hits.add(new Hit(r, new Verdict(q.outcome(), q.reviewPolicy()), q.conditions()));
      s.reasons.add(new Reason(r.id(), r.text(), r.citation()));
      unconfirmedMembership(r, req, s);
    }
    // Relaxations and added conditions, then reports.
    for (Map.Entry<Rule, Tri> e : matched.entrySet()) {
      Rule r = e.getKey();
      switch (r.effect()) {
        case Effect.Require q -> { }
        case Effect.Relax x -> {
          if (applies(e.getValue(), pessimistic, false)) {
            boolean used = false;
            for (Hit h : s.hits) {
              if (x.rules().contains(h.rule.id()) && h.verdict.reviewPolicy().compareTo(x.reviewPolicy()) > 0) {
                h.verdict = new Verdict(h.verdict.outcome(), x.reviewPolicy());
                h.conditions.addAll(x.conditions());
                h.relaxedBy.add(r);
                used = true;
              }
            }
            if (used) {
              s.reasons.add(new Reason(r.id(), r.text(), r.citation()));
            }
          }
        }
        case Effect.AddConditions a -> {
          for (Hit h : s.hits) {
            if (a.rules().contains(h.rule.id())) {
              h.conditions.addAll(a.conditions());
              h.addedBy.add(r);
            }
          }
        }
        case Effect.Report rep -> {
          String prefix = e.getValue() == Tri.UNKNOWN ? "May apply (the facts do not decide it): " : "";
          s.findings.add(new Finding(rep.kind(), r.id(), prefix + r.text(), r.citation()));
        }
      }
    }
    for (Hit h : s.hits) {
      s.verdict = s.verdict.max(h.verdict);
      for (Condition c : h.conditions) {
        if (!s.conditions.contains(c)) {
          s.conditions.add(c);
        }
      }
    }
    if (s.hits.isEmpty()) {
      s.verdict = Verdict.of(licenseClass.isPresent() ? Outcome.NO_LICENSE_REQUIRED : Outcome.NOT_CONTROLLED);
      s.reasons.add(noRequirement(req, licenseClass));
    } else {
      // Keep only the conditions of the requirements that set the outcome, and name the rules that
      // attached them (a condition on a requirement that does not decide the answer is not listed).
      s.conditions.clear();
      Set<Rule> adders = new LinkedHashSet<>();
      for (Hit h : s.hits) {
        if (h.verdict.equals(s.verdict)) {
          h.conditions.stream().filter(c -> !s.conditions.contains(c)).forEach(s.conditions::add);
          adders.addAll(h.addedBy);
        }
      }
      adders.forEach(r -> s.reasons.add(new Reason(r.id(), r.text(), r.citation())));
    }
    return s;
  }

  private Reason noRequirement(Request req, Optional<String> licenseClass) {
    Optional<Regime> regime = book.regimeOn(req.date());
    String citation = regime.map(Regime::citation).orElse("[R01]");
    String dest = book.countries().getOrDefault(req.destination(), req.destination());
    if (licenseClass.isEmpty()) {
      return new Reason("no-requirement", "Not controlled under 3A090 and no chip-specific or party rule applies for "
          + dest + " on " + req.date() + ": no license is required under the rules chipmix holds.", citation);
    }
    return new Reason("no-requirement", "No license rule for this class of chip covers " + dest
        + " (and the parties given) on " + req.date() + ": no license required.", "[R21, R18]");
  }

  private static boolean applies(Tri m, boolean pessimistic, boolean restricting) {
    return m == Tri.YES || (m == Tri.UNKNOWN && pessimistic == restricting);
  }

  /** A delivery to a destination in the US is not an export: headquarters-based scopes do not reach it. */
  private static final String UNITED_STATES = "US";

  private boolean inScope(Scope sc, Request req) {
    LocalDate d = req.date();
    boolean hqReach = !req.destination().equals(UNITED_STATES) && req.buyerHq().isPresent()
        && sc.orBuyerHq().stream().anyMatch(g -> book.matches(g, req.buyerHq().get(), d));
    if (!sc.destinations().isEmpty() && sc.destinations().stream().noneMatch(g -> book.matches(g, req.destination(), d))
        && !hqReach) {
      return false;
    }
    if (sc.destinations().isEmpty() && !sc.orBuyerHq().isEmpty() && !hqReach) {
      return false;
    }
    if (sc.destinationsExcept().stream().anyMatch(g -> book.matches(g, req.destination(), d))) {
      return false;
    }
    if (!sc.buyerHq().isEmpty()) {
      if (req.destination().equals(UNITED_STATES) || req.buyerHq().isEmpty()
          || sc.buyerHq().stream().noneMatch(g -> book.matches(g, req.buyerHq().get(), d))) {
        return false;
      }
    }
    if (sc.ownersListed() && req.owners().stream().map(book::party).flatMap(Optional::stream)
        .noneMatch(p -> !p.listed().isAfter(d))) {
      return false;
    }
    if (!sc.exportFrom().isEmpty() && sc.exportFrom().stream().noneMatch(g -> book.matches(g, req.exportFrom(), d))) {
      return false;
    }
    if (!sc.parties().isEmpty()) {
      return req.parties().stream().map(book::party).flatMap(Optional::stream).anyMatch(p -> sc.parties().contains(p.id()));
    }
    return true;
  }

  private Tri items(ItemSelector sel, Chip chip, ChipFacts facts, Optional<String> licenseClass, Scenario s, Rule r) {
    if (!sel.vendors().isEmpty() && !sel.vendors().contains(chip.vendor().toLowerCase(Locale.ROOT))) {
      return Tri.NO;
    }
    if (!sel.designOrigins().isEmpty() && !sel.designOrigins().contains(facts.designOrigin().toUpperCase(Locale.ROOT))) {
      return Tri.NO;
    }
    if (sel.any()) {
      return Tri.YES;
    }
    Tri result = Tri.NO;
    if (licenseClass.isPresent() && sel.classes().contains(licenseClass.get())) {
      return Tri.YES;
    }
    if (sel.chips().stream().anyMatch(n -> names(chip, n))) {
      return Tri.YES;
    }
    if (sel.matchingUnclassifiedOnly() && licenseClass.isPresent()) {
      return result;
    }
    for (List<Criterion> set : sel.matching()) {
      List<ChipFacts.Check> checks = set.stream().map(facts::check).toList();
      Tri all = checks.stream().map(ChipFacts.Check::result).reduce(Tri.YES, Tri::and);
      if (all == Tri.UNKNOWN) {
        // What must be true for the rule not to apply: one of the undecided tests fails.
        String failing = String.join(" or ", checks.stream().filter(c -> c.result() == Tri.UNKNOWN)
            .map(c -> c.criterion().negated().describe()).toList());
        s.undecided.add(failing + " (so that " + r.id() + " does not apply)");
      }
      result = result.or(all);
    }
    return result;
  }

  /** A rule's chip name covers a chip with that id or alias, or whose id extends it ({@code h200} covers {@code h200-sxm}). */
  private static boolean names(Chip chip, String name) {
    if (chip.answersTo(name)) {
      return true;
    }
    if (chip.id().startsWith(name + "-")) {
      return true;
    }
    return chip.aliases().stream().anyMatch(a -> a.startsWith(name + "-"));
  }

  private void unconfirmedMembership(Rule r, Request req, Scenario s) {
    List<String> refs = new ArrayList<>(r.scope().destinations());
    for (String g : refs) {
      CountryGroup group = book.groups().get(g);
      if (group != null && group.contains(req.destination(), req.date()) && group.unconfirmed().contains(req.destination())) {
        s.caveats.add(book.countries().get(req.destination()) + "'s membership of " + group.name() + " is unconfirmed ("
            + String.join(", ", group.sources()) + "): " + group.note());
      }
    }
    if (req.buyerHq().isPresent()) {
      for (String g : r.scope().buyerHq()) {
        CountryGroup group = book.groups().get(g);
        String hq = req.buyerHq().get();
        if (group != null && group.contains(hq, req.date()) && group.unconfirmed().contains(hq)) {
          s.caveats.add(book.countries().get(hq) + "'s membership of " + group.name() + " is unconfirmed ("
              + String.join(", ", group.sources()) + "): " + group.note());
        }
      }
    }
  }

  /**
   * A certain 3A090 classification that rests on a low-confidence figure (an estimated or
   * unconfirmed die area, conflicting compute rates) says which figures, with their sources and
   * notes, so that it is not read as firmer than its inputs.
   */
  static Optional<String> lowConfidenceCaveat(Classification cls) {
    Optional<Paragraph> paragraph = cls.certain() ? cls.mostRestrictive().paragraph() : Optional.empty();
    if (paragraph.isEmpty()) {
      return Optional.empty();
    }
    ChipFacts f = cls.facts();
    List<String> weak = new ArrayList<>();
    Set<Fact> used = new LinkedHashSet<>();
    paragraph.get().criteria().forEach(c -> {
      if (c instanceof Criterion.Threshold t) {
        used.add(t.fact());
      }
    });
    for (Fact fact : used) {
      Optional<chipmix.catalog.Spec> spec = f.get(fact).filter(x -> x.confidence() == chipmix.catalog.Confidence.LOW);
      if (spec.isEmpty()) {
        continue;
      }
      // Performance density is derived: name the die area behind it when that is the weak input.
      Optional<chipmix.catalog.Spec> basis = fact == Fact.PERFORMANCE_DENSITY
          ? f.dieArea().filter(x -> x.confidence() == chipmix.catalog.Confidence.LOW) : Optional.empty();
      String text = fact.label() + " " + Numbers.fmt(spec.get()) + basis.map(d -> " (die area " + Numbers.fmt(d)
          + " mm² " + d.sources() + (d.note().isEmpty() ? "" : ": " + d.note()) + ")")
          .orElse(" " + spec.get().sources() + (spec.get().note().isEmpty() ? "" : " (" + spec.get().note() + ")"));
      weak.add(text);
    }
    if (weak.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("The classification " + paragraph.get().label() + " rests on low-confidence figures: "
        + String.join("; ", weak) + ". Confirm them before relying on the answer.");
  }

  private List<String> generalCaveats(Request req, ChipFacts facts) {
    List<String> out = new ArrayList<>();
    if (req.buyerHq().isEmpty() && book.rules().stream().anyMatch(r -> r.inForce(req.date()) && !r.scope().buyerHq().isEmpty())) {
      out.add("No buyer headquarters given: assumed not headquartered in D:5 or Macau, so headquarters-based rules"
          + " were not applied.");
    }
    for (String p : req.parties()) {
      Optional<Party> party = book.party(p);
      if (party.isEmpty()) {
        out.add("Party '" + p + "' is not among the " + book.parties().size() + " Entity List entries chipmix holds"
            + " (checked: their names and aliases, listed up to " + book.asOf() + "). Not checked: the rest of the"
            + " Entity List, the Military End-User and Unverified Lists, OFAC's SDN List, listed addresses, who owns"
            + " the party (the Affiliates Rule: name owners with `owner`), and end-use controls. That does not clear"
            + " it: screen every party against the official Consolidated Screening List.");
      } else if (party.get().listed().isAfter(req.date())) {
        out.add(party.get().name() + " was listed on " + party.get().listed() + ", after " + req.date() + ".");
      } else if (!party.get().note().isEmpty()) {
        out.add(party.get().name() + ": " + party.get().note());
      }
    }
    List<Rule> letters = book.rules().stream().filter(r -> r.letter().isPresent() && r.inForce(req.date())).toList();
    if (req.chip().vendor().equals(DescribedChip.VENDOR) && !letters.isEmpty()) {
      out.add("A described chip has no vendor, so the vendor letters in force (" + String.join(", ",
          letters.stream().map(r -> r.id() + ", " + r.letter().get().vendor()).toList()) + ") were not applied: they bind"
          + " the vendor that received them. If the chip is one of theirs, name the catalog chip instead.");
    }
    if (!facts.designOrigin().equalsIgnoreCase("US")) {
      out.add("Designed outside the US (" + facts.designOrigin() + "): US rules bind only items subject to the EAR"
          + " (US-origin, or foreign-made under a foreign direct product rule); chipmix applies them as if it were.");
    }
    for (String o : req.owners()) {
      if (book.party(o).isEmpty()) {
        out.add("Owner '" + o + "' is not among the Entity List entries chipmix holds; the Affiliates Rule was not"
            + " applied for it. Screen it against the Consolidated Screening List.");
      }
    }
    if (req.date().isAfter(book.asOf())) {
      out.add("Stale: " + req.date() + " is " + book.staleDays(req.date()) + " days after the rule data's as-of date ("
          + book.asOf() + "); rules published later are not included. " + book.asOfNote());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Timeline and matrix

  /** One date on which the answer changed, and the rules that started or stopped applying. */
  public record TimelineEntry(LocalDate date, Determination determination, List<String> started, List<String> stopped) {
    public TimelineEntry {
      started = List.copyOf(started);
      stopped = List.copyOf(stopped);
    }
  }

  /**
   * The answer on every rule boundary from 2022-10-07 to {@code end}, keeping the dates on
   * which the outcome, its conditions or the applicable rules and findings changed.
   */
  public List<TimelineEntry> timeline(Request request, LocalDate end) {
    validate(request.withDate(RuleBook.EARLIEST));
    List<TimelineEntry> out = new ArrayList<>();
    Set<String> previous = Set.of();
    String previousVerdict = null;
    for (LocalDate d : book.boundaries()) {
      if (d.isAfter(end)) {
        break;
      }
      Determination det = determine(request.withDate(d));
      Set<String> active = activeRules(det);
      String verdictKey = det.verdict().text() + det.uncertain() + det.conditions();
      if (!active.equals(previous) || !verdictKey.equals(previousVerdict)) {
        Set<String> prev = previous;
        List<String> started = active.stream().filter(a -> !prev.contains(a)).toList();
        List<String> stopped = prev.stream().filter(a -> !active.contains(a)).sorted().toList();
        out.add(new TimelineEntry(d, det, started, stopped));
      }
      previous = active;
      previousVerdict = verdictKey;
    }
    return out;
  }

  private static Set<String> activeRules(Determination det) {
    Set<String> ids = new TreeSet<>();
    det.reasons().stream().map(Reason::rule).filter(id -> !id.equals("facts") && !id.equals("no-requirement")).forEach(ids::add);
    det.findings().forEach(f -> ids.add(f.rule() + " (" + f.kind().key() + ")"));
    return ids;
  }

  /** Outcomes of every chip for every destination on one date (rows: chips, columns: destinations). */
  public record Matrix(LocalDate date, List<Chip> chips, List<String> destinations, List<List<Determination>> cells) {
    public Matrix {
      chips = List.copyOf(chips);
      destinations = List.copyOf(destinations);
      cells = cells.stream().map(List::copyOf).toList();
    }
  }

  public Matrix matrix(List<Chip> chips, List<String> destinations, Optional<String> buyerHq, String exportFrom,
      List<String> parties, LocalDate date) {
    return matrix(chips, destinations, buyerHq, exportFrom, parties, List.of(), date);
  }

  /** As {@link #matrix(List, List, Optional, String, List, LocalDate)}, with the owners of the parties named. */
  public Matrix matrix(List<Chip> chips, List<String> destinations, Optional<String> buyerHq, String exportFrom,
      List<String> parties, List<String> owners, LocalDate date) {
    List<List<Determination>> rows = new ArrayList<>();
    for (Chip c : chips) {
      chipmix.cancel.Cancellation.check(); // a row is one chip's destinations: milliseconds
      List<Determination> row = new ArrayList<>();
      for (String d : destinations) {
        row.add(determine(new Request(c, d, buyerHq, exportFrom, parties, owners, date)));
      }
      rows.add(row);
    }
    return new Matrix(date, chips, destinations, rows);
  }
}
