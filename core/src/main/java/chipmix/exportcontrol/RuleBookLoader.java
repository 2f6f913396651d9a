package chipmix.exportcontrol;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the rule data ({@code countries.yaml}, {@code groups.yaml}, {@code parties.yaml},
 * {@code rules.yaml}, {@code sources.yaml}) into a {@link RuleBook}, then lays user rule files
 * (rule packs) over it, reporting every problem at once with its path (and, for a user file, its
 * line). References are checked: groups and countries in scopes, rule ids in relax/add_conditions,
 * license classes, parties, and every cited source id (the catalog's source table or the rule
 * data's own {@code sources}).
 *
 * <p>A rule pack is a YAML file with any of {@code sources}, {@code parties} and {@code rules},
 * each written exactly as in the bundled files. A pack entry with the id of an existing one is an
 * error unless it says {@code replace: true}. Packs are read from {@code --rules DIR} and from
 * {@code $CHIPMIX_HOME/rules/*.yaml} (default {@code ~/.chipmix/rules}).
 */
public final class RuleBookLoader {
  /** Where the bundled rule files are, and their names (also fingerprinted for reports). */
  public static final String BUNDLED_DIR = "/chipmix/rules/";
  public static final List<String> BUNDLED_FILES =
      List.of("countries.yaml", "groups.yaml", "parties.yaml", "rules.yaml", "sources.yaml");
  /** The catalog's source table, whose ids the rule data may cite. */
  static final String CATALOG_SOURCES = "/chipmix/catalog/sources.yaml";
  /** Where a rule's origin is the jar. */
  public static final String BUNDLED = "bundled";
  private static volatile RuleBook bundled;

  private RuleBookLoader() {}

  /** A user rule file: where it came from, its parsed text and the line of each path in it. */
  public record Pack(String origin, JsonNode doc, Map<String, Integer> lines) {
    public Pack {
      java.util.Objects.requireNonNull(origin, "origin");
      java.util.Objects.requireNonNull(doc, "doc");
      lines = Map.copyOf(lines);
    }

    /** Reads a user rule file; a missing file or bad YAML is an input error naming it. */
    public static Pack read(Path file) {
      // a regular UTF-8 file within the size cap; a device, a pipe or a huge file is an input error
      String text = chipmix.io.TextFiles.read(file);
      return new Pack(file.toString(), Yaml.parse(text, file.toString()), YamlLines.index(text));
    }
  }

  /** The rule data shipped in the jar, loaded once. */
  public static RuleBook bundled() {
    RuleBook b = bundled;
    if (b == null) {
      b = load(List.of());
      bundled = b;
    }
    return b;
  }

  /** The bundled rule data with these user rule files laid over it. */
  public static RuleBook load(List<Pack> packs) {
    List<JsonNode> docs = BUNDLED_FILES.stream().map(f -> Yaml.parseResource(BUNDLED_DIR + f)).toList();
    return load(docs.get(0), docs.get(1), docs.get(2), docs.get(3), docs.get(4), catalogSourceIds(), packs);
  }

  /**
   * The user rule files in {@code dir} ({@code *.yaml} and {@code *.yml}, by name); none when the
   * directory does not exist. {@code option} names the option or place for errors.
   */
  public static List<Path> packFiles(Path dir, String option, boolean mustExist) {
    if (!Files.isDirectory(dir)) {
      if (mustExist) {
        throw InvalidInputException.of(option, "'" + dir + "' is not a directory (expected a folder of rule files, *.yaml)");
      }
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
          .sorted().toList();
    } catch (IOException e) {
      throw InvalidInputException.of(option, "cannot list '" + dir + "': " + e.getMessage());
    }
  }

  /** The user's rule directory: {@code $CHIPMIX_HOME/rules} (default {@code ~/.chipmix/rules}). */
  public static Path userDirectory() {
    return chipmix.catalog.CatalogLoader.home().resolve("rules");
  }

  private static Set<String> catalogSourceIds() {
    Set<String> ids = new HashSet<>();
    JsonNode doc = Yaml.parseResource(CATALOG_SOURCES);
    doc.path("sources").forEach(n -> ids.add(n.path("id").asText()));
    return ids;
  }

  /** Builds a rule book from the four parsed documents; throws an input error listing every problem. */
  public static RuleBook load(JsonNode countriesDoc, JsonNode groupsDoc, JsonNode partiesDoc, JsonNode rulesDoc) {
    return load(countriesDoc, groupsDoc, partiesDoc, rulesDoc, com.fasterxml.jackson.databind.node.MissingNode.getInstance(),
        null, List.of());
  }

  /**
   * Builds a rule book from the bundled documents and user packs. {@code catalogSources}: the
   * source ids a citation may use besides the rule data's own; {@code null} skips that check.
   */
  public static RuleBook load(JsonNode countriesDoc, JsonNode groupsDoc, JsonNode partiesDoc, JsonNode rulesDoc,
      JsonNode sourcesDoc, Set<String> catalogSources, List<Pack> packs) {
    Issues issues = new Issues();
    Map<String, String> countries = countries(Node.root(countriesDoc, "countries.yaml", issues));
    Map<String, CountryGroup> groups = groups(Node.root(groupsDoc, "groups.yaml", issues), countries);
    Node partiesRoot = Node.root(partiesDoc, "parties.yaml", issues);
    partiesRoot.expectObject(Set.of("parties"));
    List<Party> parties = new ArrayList<>(parties(partiesRoot.items("parties"), countries));
    Map<String, RuleSource> sources = new LinkedHashMap<>();
    if (!sourcesDoc.isMissingNode()) {
      Node sroot = Node.root(sourcesDoc, "sources.yaml", issues);
      sroot.expectObject(Set.of("sources"));
      sources(sroot.items("sources"), BUNDLED, sources);
    }
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
    // Every rule node with its origin: the bundled ones, then each pack's.
    record RuleNode(Node node, String origin) {}
    List<RuleNode> ruleNodes = new ArrayList<>();
    rules.items("rules").forEach(n -> ruleNodes.add(new RuleNode(n, BUNDLED)));
    List<Issues> packIssues = new ArrayList<>();
    for (Pack pack : packs) {
      Issues pi = new Issues();
      packIssues.add(pi);
      Node root = Node.root(pack.doc(), "", pi);
      if (!root.expectObject(Set.of("sources", "parties", "rules"))) {
        continue;
      }
      Map<String, RuleSource> before = new LinkedHashMap<>(sources);
      sources(root.items("sources"), pack.origin(), sources);
      for (Node s : root.items("sources")) {
        s.string("id").filter(before::containsKey).filter(id -> !s.bool("replace").orElse(false)).ifPresent(id ->
            s.error("id", "source '" + id + "' is already defined (" + before.get(id).origin() + "); add replace: true to replace it"));
      }
      for (Node p : root.items("parties")) {
        List<Party> one = parties(List.of(p), countries);
        for (Party party : one) {
          int at = indexOf(parties, party.id());
          if (at >= 0 && !p.bool("replace").orElse(false)) {
            p.error("id", "party '" + party.id() + "' is already listed; add replace: true to replace it");
          } else if (at >= 0) {
            parties.set(at, party);
          } else {
            parties.add(party);
          }
        }
      }
      root.items("rules").forEach(n -> ruleNodes.add(new RuleNode(n, pack.origin())));
    }
    Set<String> ruleIds = new HashSet<>();
    Map<String, String> ruleOrigin = new HashMap<>();
    for (RuleNode rn : ruleNodes) {
      rn.node().string("id").ifPresent(id -> {
        boolean replace = rn.node().bool("replace").orElse(false);
        if (!ruleIds.add(id) && !replace) {
          rn.node().error("id", "duplicate rule id '" + id + "' (already defined: " + ruleOrigin.get(id) + ")"
              + (rn.origin().equals(BUNDLED) ? "" : "; add replace: true to replace it"));
        }
        if (replace && !ruleOrigin.containsKey(id)) {
          rn.node().error("replace", "there is no rule '" + id + "' to replace"
              + chipmix.validation.Suggestions.didYouMean(id, ruleOrigin.keySet()));
        }
        ruleOrigin.putIfAbsent(id, rn.origin());
      });
    }
    Set<String> citable = new HashSet<>(sources.keySet());
    if (catalogSources != null) {
      citable.addAll(catalogSources);
    }
    Refs refs = new Refs(countries, groups, parties, classes, ruleIds, catalogSources == null ? null : citable);
    List<Rule> ruleList = new ArrayList<>();
    for (RuleNode rn : ruleNodes) {
      rule(rn.node(), refs, rn.origin()).ifPresent(r -> {
        int at = -1;
        for (int i = 0; i < ruleList.size(); i++) {
          if (ruleList.get(i).id().equals(r.id())) {
            at = i;
          }
        }
        if (at >= 0) {
          ruleList.set(at, r);
        } else {
          ruleList.add(r);
        }
      });
    }
    if (catalogSources != null) {
      checkCitations(Node.root(partiesDoc, "parties.yaml", issues), parties, groups, citable);
    }
    for (int i = 0; i < packs.size(); i++) {
      Pack pack = packs.get(i);
      for (var issue : packIssues.get(i).list()) {
        String path = issue.path();
        issues.add(pack.origin() + ":" + YamlLines.lineOf(pack.lines(), path) + (path.isEmpty() ? "" : " " + path),
            issue.message());
      }
    }
    issues.throwIfAny();
    return new RuleBook(asOf.orElseThrow(), asOfNote, countries, groups, parties, regimes, ruleList, sources,
        packs.stream().map(Pack::origin).toList());
  }

  private static int indexOf(List<Party> parties, String id) {
    for (int i = 0; i < parties.size(); i++) {
      if (parties.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Parties' and groups' source ids must resolve too (rules' are checked as they are read). */
  private static void checkCitations(Node where, List<Party> parties, Map<String, CountryGroup> groups, Set<String> citable) {
    for (Party p : parties) {
      p.sources().stream().filter(s -> !citable.contains(s)).forEach(s ->
          where.error("parties", "party '" + p.id() + "' cites unknown source '" + s + "'"
              + chipmix.validation.Suggestions.didYouMean(s, citable)));
    }
    for (CountryGroup g : groups.values()) {
      g.sources().stream().filter(s -> !citable.contains(s)).forEach(s ->
          where.error("groups", "group '" + g.id() + "' cites unknown source '" + s + "'"));
    }
  }

  private static void sources(List<Node> nodes, String origin, Map<String, RuleSource> out) {
    for (Node s : nodes) {
      s.expectObject(Set.of("id", "title", "publisher", "url", "date", "note", "replace"));
      Optional<String> id = s.requireString("id");
      Optional<String> title = s.requireString("title");
      Optional<String> url = s.requireString("url");
      url.filter(u -> !u.startsWith("http")).ifPresent(u -> s.error("url", "must be an http(s) address, got '" + u + "'"));
      if (id.isPresent() && title.isPresent() && url.isPresent()) {
        out.put(id.get(), new RuleSource(id.get(), title.get(), s.string("publisher").orElse(""), url.get(),
            s.string("date").orElse("undated"), s.string("note").orElse(""), origin));
      }
    }
  }

  /** What references may name; {@code citable} is null when source ids are not checked. */
  private record Refs(Map<String, String> countries, Map<String, CountryGroup> groups, List<Party> parties,
      Set<String> classes, Set<String> ruleIds, Set<String> citable) {}

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

  private static List<Party> parties(List<Node> nodes, Map<String, String> countries) {
    List<Party> out = new ArrayList<>();
    for (Node p : nodes) {
      p.expectObject(Set.of("id", "name", "aliases", "country", "listed", "sources", "note", "parent", "replace"));
      Optional<String> id = p.requireString("id");
      Optional<String> name = p.requireString("name");
      Optional<String> country = p.requireString("country");
      country.filter(c -> !countries.containsKey(c)).ifPresent(c -> p.error("country", "unknown country code '" + c + "'"));
      Optional<LocalDate> listed = p.requireDate("listed");
      if (p.strings("sources").isEmpty()) {
        p.error("sources", "is required: cite at least one source id");
      }
      if (id.isPresent() && name.isPresent() && country.isPresent() && listed.isPresent()) {
        out.add(new Party(id.get(), name.get(), p.strings("aliases"), country.get(), listed.get(),
            p.strings("sources"), p.string("note").orElse(""), p.string("parent")));
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

  private static Optional<Rule> rule(Node r, Refs refs, String origin) {
    r.expectObject(Set.of("id", "title", "effective_from", "effective_to", "compliance_from", "document", "sources",
        "scope", "items", "effect", "text", "letter", "replace"));
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
    cited(r, "sources", sources, refs);
    Optional<Letter> letter = r.child("letter").flatMap(RuleBookLoader::letter);
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
        items.get(), effect.get(), text.get(), letter, origin));
  }

  private static Optional<Letter> letter(Node l) {
    l.expectObject(Set.of("vendor", "informed", "filing"));
    Optional<String> vendor = l.requireString("vendor");
    Optional<LocalDate> informed = l.requireDate("informed");
    Optional<String> filing = l.requireString("filing");
    if (vendor.isEmpty() || informed.isEmpty() || filing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Letter(vendor.get(), informed.get(), filing.get()));
  }

  /** Each cited id must be in the catalog's source table or the rule data's own sources. */
  private static void cited(Node n, String key, List<String> ids, Refs refs) {
    if (refs.citable() == null) {
      return;
    }
    for (int k = 0; k < ids.size(); k++) {
      if (!refs.citable().contains(ids.get(k))) {
        n.issues().add(n.pathOf(key) + "[" + k + "]", "unknown source id '" + ids.get(k) + "'"
            + chipmix.validation.Suggestions.didYouMean(ids.get(k), refs.citable())
            + " (cite an id of the catalog's sources.yaml or add the source under sources:)");
      }
    }
  }

  private static Scope scope(Node s, Refs refs) {
    s.expectObject(Set.of("destinations", "destinations_except", "buyer_hq", "export_from", "parties", "or_buyer_hq",
        "owners_listed"));
    List<String> parties = s.strings("parties");
    for (int i = 0; i < parties.size(); i++) {
      String p = parties.get(i);
      if (refs.parties().stream().noneMatch(x -> x.id().equals(p))) {
        s.issues().add(s.pathOf("parties") + "[" + i + "]", "unknown party '" + p + "' (list it in parties.yaml)");
      }
    }
    return new Scope(places(s, "destinations", refs), places(s, "destinations_except", refs), places(s, "buyer_hq", refs),
        places(s, "export_from", refs), parties, places(s, "or_buyer_hq", refs), s.bool("owners_listed").orElse(false));
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
    if (!i.expectObject(Set.of("any", "classes", "chips", "matching", "matching_unclassified_only", "vendors",
        "design_origins"))) {
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
    return Optional.of(new ItemSelector(any, classes, chips, matching, i.bool("matching_unclassified_only").orElse(false),
        i.strings("vendors"), i.strings("design_origins")));
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
      List<Condition> conditions = conditions(q, refs);
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
    List<Condition> conditions = conditions(q, refs);
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

  private static List<Condition> conditions(Node q, Refs refs) {
    List<Condition> out = new ArrayList<>();
    for (Node c : q.items("conditions")) {
      c.expectObject(Set.of("text", "sources", "cost"));
      Optional<String> text = c.requireString("text");
      List<String> sources = c.strings("sources");
      if (sources.isEmpty()) {
        c.error("sources", "is required: cite at least one source id");
      }
      cited(c, "sources", sources, refs);
      Optional<Cost> cost = c.child("cost").flatMap(RuleBookLoader::cost);
      text.ifPresent(t -> out.add(new Condition(t, sources, cost)));
    }
    return out;
  }

  /** {@code {kind: tariff, percent: 25, basis: "..."}}. */
  private static Optional<Cost> cost(Node n) {
    n.expectObject(Set.of("kind", "percent", "basis"));
    Optional<Cost.Kind> kind = n.has("kind") ? n.enumValue("kind", Cost.Kind.class) : missing(n, "kind");
    OptionalDouble percent = n.number("percent");
    if (percent.isEmpty()) {
      n.error("percent", "is required: the share in percent (0 to 100]");
    } else if (!(percent.getAsDouble() > 0 && percent.getAsDouble() <= 100)) {
      n.error("percent", "must be more than 0 and at most 100, got " + Node.fmt(percent.getAsDouble()));
      return Optional.empty();
    }
    Optional<String> basis = n.requireString("basis");
    if (kind.isEmpty() || percent.isEmpty() || basis.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Cost(kind.get(), percent.getAsDouble(), basis.get()));
  }
}
