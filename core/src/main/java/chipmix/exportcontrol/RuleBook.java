package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * All rule data: the as-of date, the country table, groups, Entity List parties, 3A090 regimes,
 * license rules, the sources the rule data cites beyond the catalog's, and the user rule files
 * (rule packs) laid over the bundled data. Immutable; build it with {@link RuleBookLoader}.
 */
public record RuleBook(LocalDate asOf, String asOfNote, Map<String, String> countries, Map<String, CountryGroup> groups,
    List<Party> parties, List<Regime> regimes, List<Rule> rules, Map<String, RuleSource> sources, List<String> packs) {

  /** No rule here applies before the Oct 7, 2022 rule (R01); earlier dates are rejected. */
  public static final LocalDate EARLIEST = LocalDate.of(2022, 10, 7);

  public RuleBook {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(asOfNote, "asOfNote");
    countries = Map.copyOf(countries);
    groups = Map.copyOf(groups);
    parties = List.copyOf(parties);
    regimes = regimes.stream().sorted(Comparator.comparing(Regime::effectiveFrom)).toList();
    rules = List.copyOf(rules);
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources)); // file order
    packs = List.copyOf(packs);
  }

  /** Whole days from the as-of date to {@code date}; zero when the date is on or before it. */
  public long staleDays(LocalDate date) {
    return Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(asOf, date));
  }

  public Optional<Regime> regimeOn(LocalDate date) {
    return regimes.stream().filter(r -> r.inForce(date)).findFirst();
  }

  public Optional<Party> party(String idOrAlias) {
    return parties.stream().filter(p -> p.answersTo(idOrAlias)).findFirst();
  }

  public Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** True when {@code country} is {@code groupOrCountry} or a member of that group on {@code date}. */
  public boolean matches(String groupOrCountry, String country, LocalDate date) {
    CountryGroup g = groups.get(groupOrCountry);
    return g == null ? groupOrCountry.equals(country) : g.contains(country, date);
  }

  /** Every date on which some rule, regime or group membership starts or stops applying, in order. */
  public List<LocalDate> boundaries() {
    TreeSet<LocalDate> dates = new TreeSet<>();
    dates.add(EARLIEST);
    for (Regime r : regimes) {
      dates.add(r.effectiveFrom());
      r.effectiveTo().ifPresent(d -> dates.add(d.plusDays(1)));
    }
    for (Rule r : rules) {
      dates.add(r.effectiveFrom());
      r.effectiveTo().ifPresent(d -> dates.add(d.plusDays(1)));
      r.complianceFrom().ifPresent(dates::add);
    }
    groups.values().forEach(g -> g.changes().forEach(c -> dates.add(c.date())));
    parties.forEach(p -> dates.add(p.listed()));
    return dates.stream().filter(d -> !d.isBefore(EARLIEST)).toList();
  }
}
