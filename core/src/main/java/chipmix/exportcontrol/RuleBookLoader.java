package chipmix.exportcontrol;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the rule data ({@code countries.yaml}, {@code groups.yaml}, {@code parties.yaml},
 * {@code rules.yaml}) into a {@link RuleBook}, reporting every problem at once with its path.
 * References are checked: groups and countries in scopes, rule ids in relax/add_conditions,
 * license classes, parties.
 */
public final class RuleBookLoader {
  /** Where the bundled rule files are, and their names (also fingerprinted for reports). */
  public static final String BUNDLED_DIR = "/chipmix/rules/";
  public static final List<String> BUNDLED_FILES = List.of("countries.yaml", "groups.yaml", "parties.yaml", "rules.yaml");
  private static volatile RuleBook bundled;

  private RuleBookLoader() {}

  /** The rule data shipped in the jar, loaded once. */
  public static RuleBook bundled() {
    RuleBook b = bundled;
    if (b == null) {
      List<JsonNode> docs = BUNDLED_FILES.stream().map(f -> Yaml.parseResource(BUNDLED_DIR + f)).toList();
      b = load(docs.get(0), docs.get(1), docs.get(2), docs.get(3));
      bundled = b;
    }
    return b;
  }

  /** Builds a rule book from the four parsed documents; throws an input error listing every problem. */
  public static RuleBook load(JsonNode countriesDoc, JsonNode groupsDoc, JsonNode partiesDoc, JsonNode rulesDoc) {
    Issues issues = new Issues();
    Map<String, String> countries = countries(Node.root(countriesDoc, "countries.yaml", issues));
    Map<String, CountryGroup> groups = groups(Node.root(groupsDoc, "groups.yaml", issues), countries);
    List<Party> parties = parties(Node.root(partiesDoc, "parties.yaml", issues), countries);
    Node rules = Node.root(rulesDoc, "rules.yaml", issues);
    rules.expectObject(Set.of("as_of", "as_of_note", "regimes", "rules"));
    Optional<LocalDate> asOf = rules.requireDate("as_of");
    String asOfNote = rules.string("as_of_note").orElse("");
    List<Regime> regimes = new ArrayList<>();
    for (Node r : rules.items("regimes")) {
      regime(r).ifPresent(regimes::add);
    }
    Set<String> classes = new HashSet<>();
    regimes.forEach(r -> r.paragraphs().forEach(p -> classes.add(p.licenseClass())));
    checkRegimesDoNotOverlap(regimes, rules);
    List<Node> ruleNodes = rules.items("rules");
    Set<String> ruleIds = new HashSet<>();
    for (Node r : ruleNodes) {
      r.string("id").ifPresent(id -> {
        if (!ruleIds.add(id)) {
          r.error("id", "duplicate rule id '" + id + "'");
        }
      });
    }
    Refs refs = new Refs(countries, groups, parties, classes, ruleIds);
    List<Rule> ruleList = new ArrayList<>();
    for (Node r : ruleNodes) {
      rule(r, refs).ifPresent(ruleList::add);
    }
    issues.throwIfAny();
    return new RuleBook(asOf.orElseThrow(), asOfNote, countries, groups, parties, regimes, ruleList);
  }

  private record Refs(Map<String, String> countries, Map<String, CountryGroup> groups, List<Party> parties,
      Set<String> classes, Set<String> ruleIds) {}

  private static Map<String, String> countries(Node root) {
    root.expectObject(Set.of("countries"));
    Map<String, String> out = new LinkedHashMap<>();
    for (Node.Entry e : root.entries("countries")) {
      if (!e.name().matches("[A-Z]{2}")) {
        e.node().error("country code must be two upper-case letters (ISO 3166-1 alpha-2), got '" + e.name() + "'");
      }
      if (!e.node().json().isTextual()) {
        e.node().error("must be the country's name, got " + e.node().json());
      } else {
        out.put(e.name(), e.node().json().asText());
      }
    }
    return out;
  }

  private static Map<String, CountryGroup> groups(Node root, Map<String, String> countries) {
    root.expectObject(Set.of("groups"));
    Map<String, CountryGroup> out = new LinkedHashMap<>();
    for (Node.Entry e : root.entries("groups")) {
      Node g = e.node();
      if (!g.expectObject(Set.of("name", "sources", "note", "members", "unconfirmed", "changes"))) {
        continue;
      }
      if (countries.containsKey(e.name())) {
        g.error("group id '" + e.name() + "' is also a country code; pick another id");
      }
      Set<String> members = codes(g, "members", countries);
      Set<String> unconfirmed = codes(g, "unconfirmed", countries);
      List<CountryGroup.Change> changes = new ArrayList<>();
      for (Node c : g.items("changes")) {
        c.expectObject(Set.of("date", "add", "remove", "sources"));
        Optional<LocalDate> date = c.requireDate("date");
        Set<String> add = codes(c, "add", countries);
        Set<String> remove = codes(c, "remove", countries);
        date.ifPresent(d -> changes.add(new CountryGroup.Change(d, add, remove, c.strings("sources"))));
      }
      out.put(e.name(), new CountryGroup(e.name(), g.requireString("name").orElse(e.name()), members, changes,
          unconfirmed, g.strings("sources"), g.string("note").orElse("")));
    }
    return out;
  }

  private static Set<String> codes(Node n, String key, Map<String, String> countries) {
    List<String> list = n.strings(key);
    for (int i = 0; i < list.size(); i++) {
      if (!countries.containsKey(list.get(i))) {
        n.issues().add(n.pathOf(key) + "[" + i + "]", "unknown country code '" + list.get(i) + "' (add it to countries.yaml)");
      }
    }
    return Set.copyOf(list);
  }

  private static List<Party> parties(Node root, Map<String, String> countries) {
    root.expectObject(Set.of("parties"));
    List<Party> out = new ArrayList<>();
    for (Node p : root.items("parties")) {
      p.expectObject(Set.of("id", "name", "aliases", "country", "listed", "sources", "note"));
      Optional<String> id = p.requireString("id");
      Optional<String> name = p.requireString("name");
      Optional<String> country = p.requireString("country");
      country.filter(c -> !countries.containsKey(c)).ifPresent(c -> p.error("country", "unknown country code '" + c + "'"));
      Optional<LocalDate> listed = p.requireDate("listed");
      if (id.isPresent() && name.isPresent() && country.isPresent() && listed.isPresent()) {
        out.add(new Party(id.get(), name.get(), p.strings("aliases"), country.get(), listed.get(),
            p.strings("sources"), p.string("note").orElse("")));
      }
    }
    return out;
  }

  private static Optional<Regime> regime(Node r) {
    r.expectObject(Set.of("id", "title", "effective_from", "effective_to", "document", "sources", "paragraphs"));
    Optional<String> id = r.requireString("id");
    Optional<String> title = r.requireString("title");
    Optional<LocalDate> from = r.requireDate("effective_from");
    Optional<LocalDate> to = r.date("effective_to");
    Optional<String> document = r.requireString("document");
    List<Paragraph> paragraphs = new ArrayList<>();
    for (Node p : r.items("paragraphs")) {
      p.expectObject(Set.of("id", "label", "class", "criteria", "text", "sources"));
      Optional<String> pid = p.requireString("id");
      Optional<String> label = p.requireString("label");
      Optional<String> cls = p.requireString("class");
      Optional<String> text = p.requireString("text");
      List<Criterion> criteria = p.requireChild("criteria").map(RuleBookLoader::criteria).orElse(List.of());
      if (criteria.isEmpty() && p.has("criteria")) {
        p.error("criteria", "must list at least one criterion");
      }
      if (pid.isPresent() && label.isPresent() && cls.isPresent() && text.isPresent() && !criteria.isEmpty()) {
        paragraphs.add(new Paragraph(pid.get(), label.get(), cls.get(), criteria, text.get(), p.strings("sources")));
      }
    }
    if (r.items("paragraphs").isEmpty()) {
      r.error("paragraphs", "a regime needs at least one paragraph");
    }
    if (id.isEmpty() || title.isEmpty() || from.isEmpty() || document.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Regime(id.get(), title.get(), from.get(), to, document.get(), r.strings("sources"), paragraphs));
  }

  private static void checkRegimesDoNotOverlap(List<Regime> regimes, Node root) {
    for (int i = 0; i < regimes.size(); i++) {
      for (int j = i + 1; j < regimes.size(); j++) {
        Regime a = regimes.get(i);
        Regime b = regimes.get(j);
        boolean overlap = a.inForce(b.effectiveFrom()) || b.inForce(a.effectiveFrom());
        if (overlap) {
          root.error("regimes", "regimes " + a.id() + " and " + b.id() + " overlap; give the earlier one an effective_to");
        }
      }
    }
  }

  private static final Set<String> CRITERION_KEYS = criterionKeys();

  private static Set<String> criterionKeys() {
    Set<String> keys = new HashSet<>(Set.of("datacenter"));
    for (Fact f : Fact.values()) {
      keys.add(f.key() + "_at_least");
      keys.add(f.key() + "_below");
    }
    return Set.copyOf(keys);
  }

  /** A criteria mapping such as {@code {tpp_at_least: 4800, datacenter: true}}. */
  private static List<Criterion> criteria(Node n) {
    if (!n.expectObject(CRITERION_KEYS)) {
      return List.of();
    }
    List<Criterion> out = new ArrayList<>();
    for (Fact f : Fact.values()) {
      OptionalDouble least = nonNegative(n, f.key() + "_at_least");
      least.ifPresent(v -> out.add(new Criterion.Threshold(f, true, v)));
      OptionalDouble below = nonNegative(n, f.key() + "_below");
      below.ifPresent(v -> out.add(new Criterion.Threshold(f, false, v)));
    }
    n.bool("datacenter").ifPresent(b -> out.add(new Criterion.Datacenter(b)));
    return out;
  }

  private static OptionalDouble nonNegative(Node n, String key) {
    OptionalDouble d = n.number(key);
    if (d.isPresent() && d.getAsDouble() < 0) {
      n.error(key, "must not be negative, got " + Node.fmt(d.getAsDouble()));
      return OptionalDouble.empty();
    }
    return d;
  }

  private static Optional<Rule> rule(Node r, Refs refs) {
    r.expectObject(Set.of("id", "title", "effective_from", "effective_to", "compliance_from", "document", "sources",
        "scope", "items", "effect", "text"));
    Optional<String> id = r.requireString("id");
    Optional<String> title = r.requireString("title");
    Optional<LocalDate> from = r.requireDate("effective_from");
    Optional<LocalDate> to = r.date("effective_to");
    Optional<LocalDate> compliance = r.date("compliance_from");
    Optional<String> document = r.requireString("document");
    Optional<String> text = r.requireString("text");
    List<String> sources = r.strings("sources");
    if (sources.isEmpty()) {
      r.error("sources", "is required: cite at least one source id (R01...)");
    }
    Scope scope = r.child("scope").map(s -> scope(s, refs)).orElse(Scope.ANY);
    Optional<ItemSelector> items = r.requireChild("items").flatMap(i -> items(i, refs));
    Optional<Effect> effect = r.requireChild("effect").flatMap(e -> effect(e, refs));
    if (id.isEmpty() || title.isEmpty() || from.isEmpty() || document.isEmpty() || text.isEmpty() || items.isEmpty()
        || effect.isEmpty()) {
      return Optional.empty();
    }
    if (to.isPresent() && to.get().isBefore(from.get())) {
      r.error("effective_to", to.get() + " is before effective_from " + from.get());
      return Optional.empty();
    }
    return Optional.of(new Rule(id.get(), title.get(), from.get(), to, compliance, document.get(), sources, scope,
        items.get(), effect.get(), text.get()));
  }

  private static Scope scope(Node s, Refs refs) {
    s.expectObject(Set.of("destinations", "destinations_except", "buyer_hq", "export_from", "parties"));
    List<String> parties = s.strings("parties");
    for (int i = 0; i < parties.size(); i++) {
      String p = parties.get(i);
      if (refs.parties().stream().noneMatch(x -> x.id().equals(p))) {
        s.issues().add(s.pathOf("parties") + "[" + i + "]", "unknown party '" + p + "' (list it in parties.yaml)");
      }
    }
    return new Scope(places(s, "destinations", refs), places(s, "destinations_except", refs), places(s, "buyer_hq", refs),
        places(s, "export_from", refs), parties);
  }

  private static List<String> places(Node s, String key, Refs refs) {
    List<String> list = s.strings(key);
    for (int i = 0; i < list.size(); i++) {
      String p = list.get(i);
      if (!refs.countries().containsKey(p) && !refs.groups().containsKey(p)) {
        s.issues().add(s.pathOf(key) + "[" + i + "]", "'" + p + "' is neither a country code nor a group id (groups: "
            + String.join(", ", refs.groups().keySet()) + ")");
      }
    }
    return list;
  }

  private static Optional<ItemSelector> items(Node i, Refs refs) {
    if (!i.expectObject(Set.of("any", "classes", "chips", "matching", "matching_unclassified_only"))) {
      return Optional.empty();
    }
    boolean any = i.bool("any").orElse(false);
    List<String> classes = i.strings("classes");
    for (int k = 0; k < classes.size(); k++) {
      if (!refs.classes().contains(classes.get(k))) {
        i.issues().add(i.pathOf("classes") + "[" + k + "]", "unknown license class '" + classes.get(k)
            + "' (classes named by regime paragraphs: " + String.join(", ", refs.classes().stream().sorted().toList()) + ")");
      }
    }
    List<List<Criterion>> matching = new ArrayList<>();
    for (Node m : i.items("matching")) {
      List<Criterion> c = criteria(m);
      if (!c.isEmpty()) {
        matching.add(c);
      }
    }
    List<String> chips = i.strings("chips").stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    if (!any && classes.isEmpty() && chips.isEmpty() && matching.isEmpty()) {
      i.error("must select chips: any: true, classes, chips or matching");
      return Optional.empty();
    }
    return Optional.of(new ItemSelector(any, classes, chips, matching, i.bool("matching_unclassified_only").orElse(false)));
  }

  private static Optional<Effect> effect(Node e, Refs refs) {
    if (!e.expectObject(Set.of("require", "relax", "add_conditions", "report"))) {
      return Optional.empty();
    }
    int count = (e.has("require") ? 1 : 0) + (e.has("relax") ? 1 : 0) + (e.has("add_conditions") ? 1 : 0)
        + (e.has("report") ? 1 : 0);
    if (count != 1) {
      e.error("must have exactly one of require, relax, add_conditions, report; got " + count);
      return Optional.empty();
    }
    if (e.has("report")) {
      return e.enumValue("report", FindingKind.class).map(Effect.Report::new);
    }
    if (e.has("require")) {
      Node q = e.child("require").orElseThrow();
      q.expectObject(Set.of("outcome", "review_policy", "conditions"));
      Optional<Outcome> outcome = q.has("outcome") ? q.enumValue("outcome", Outcome.class) : missing(q, "outcome");
      ReviewPolicy policy = q.enumValue("review_policy", ReviewPolicy.class).orElse(ReviewPolicy.NONE);
      List<Condition> conditions = conditions(q);
      if (outcome.isEmpty()) {
        return Optional.empty();
      }
      if (outcome.get().hasReviewPolicy() == (policy == ReviewPolicy.NONE)) {
        q.error("review_policy", outcome.get().hasReviewPolicy()
            ? "is required for outcome " + outcome.get().key()
            : "must be absent for outcome " + outcome.get().key());
        return Optional.empty();
      }
      return Optional.of(new Effect.Require(outcome.get(), policy, conditions));
    }
    String key = e.has("relax") ? "relax" : "add_conditions";
    Node q = e.child(key).orElseThrow();
    q.expectObject(key.equals("relax") ? Set.of("rules", "review_policy", "conditions") : Set.of("rules", "conditions"));
    List<String> targets = q.strings("rules");
    if (targets.isEmpty()) {
      q.error("rules", "is required: the ids of the rules whose requirements this changes");
    }
    for (int k = 0; k < targets.size(); k++) {
      if (!refs.ruleIds().contains(targets.get(k))) {
        q.issues().add(q.pathOf("rules") + "[" + k + "]", "unknown rule id '" + targets.get(k) + "'"
            + chipmix.validation.Suggestions.didYouMean(targets.get(k), refs.ruleIds()));
      }
    }
    List<Condition> conditions = conditions(q);
    if (key.equals("add_conditions")) {
      return Optional.of(new Effect.AddConditions(targets, conditions));
    }
    Optional<ReviewPolicy> policy = q.has("review_policy") ? q.enumValue("review_policy", ReviewPolicy.class)
        : missing(q, "review_policy");
    return policy.map(p -> new Effect.Relax(targets, p, conditions));
  }

  private static <T> Optional<T> missing(Node n, String key) {
    n.error(key, "is required");
    return Optional.empty();
  }

  private static List<Condition> conditions(Node q) {
    List<Condition> out = new ArrayList<>();
    for (Node c : q.items("conditions")) {
      c.expectObject(Set.of("text", "sources"));
      Optional<String> text = c.requireString("text");
      List<String> sources = c.strings("sources");
      if (sources.isEmpty()) {
        c.error("sources", "is required: cite at least one source id");
      }
      text.ifPresent(t -> out.add(new Condition(t, sources)));
    }
    return out;
  }
}
