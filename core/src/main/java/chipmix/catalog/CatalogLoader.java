package chipmix.catalog;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.io.YamlPositions;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.Suggestions;
import chipmix.validation.ValidationIssue;
import chipmix.validation.ValidationIssue.Position;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the catalog: the bundled YAML ({@code sources.yaml}, {@code chips.yaml},
 * {@code systems.yaml} under {@code /chipmix/catalog/}), then the user's catalog directory
 * ({@code $CHIPMIX_HOME/catalog/*.yaml}, default {@code ~/.chipmix/catalog/*.yaml}), then the
 * files given with {@code --catalog}, in that order.
 *
 * <p>Merge rules: a chip whose id matches an existing chip's id or alias replaces that chip
 * whole (at its place in the list); a system or source with an existing id replaces it; new
 * ids are appended. After merging, every cited source id must exist, every system's chip must
 * resolve and no alias may name two chips. Every problem in every file is collected and thrown
 * at once as an {@link InvalidInputException}; nothing is half-loaded.
 */
public final class CatalogLoader {
  /** Classpath folder of the bundled catalog. */
  public static final String BUNDLED_DIR = "/chipmix/catalog/";
  /** Bundled files, in load order. */
  public static final List<String> BUNDLED_FILES = List.of("sources.yaml", "chips.yaml", "systems.yaml");
  /** Environment variable naming chipmix's home folder (the catalog directory is {@code catalog/} under it). */
  public static final String HOME_ENV = "CHIPMIX_HOME";
  /** System property overriding {@link #HOME_ENV} (used by tests). */
  public static final String HOME_PROPERTY = "chipmix.home";

  private static final Set<String> TOP_KEYS = Set.of("sources", "chips", "systems");
  private static final Set<String> SOURCE_KEYS = Set.of("id", "title", "publisher", "url", "date", "note", "kind");
  private static final Set<String> CHIP_KEYS = Set.of("id", "vendor", "name", "aliases", "form_factor", "released",
      "process", "memory_type", "scale_up_link", "design_origin", "market", "sources", "specs", "notes");
  private static final Set<String> SYSTEM_KEYS = Set.of("id", "name", "chip", "devices_per_node", "scale_up_domain",
      "scale_up_bandwidth_gbs", "scale_out_bandwidth_gbps", "sources", "notes");
  private static final Set<String> SPEC_KEYS = Set.of("value", "low", "high", "source", "sources", "confidence", "note",
      "support");
  private static final Set<String> METRIC_KEYS = new LinkedHashSet<>(Arrays.stream(Metric.values()).map(Metric::key).toList());
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private CatalogLoader() {}

  private static final class Bundled {
    static final Catalog CATALOG = build(List.of());
  }

  /** The catalog shipped in the jar. Cached: it is immutable. */
  public static Catalog bundled() {
    return Bundled.CATALOG;
  }

  /**
   * The bundled catalog extended by the user's catalog directory and then by {@code userFiles}
   * in order. Returns {@link #bundled()} itself when there is nothing to add.
   */
  public static Catalog load(List<Path> userFiles) {
    List<Path> files = new ArrayList<>(userDirectoryFiles(userDirectory()));
    files.addAll(userFiles);
    return files.isEmpty() ? bundled() : build(files);
  }

  /** The bundled catalog extended by exactly {@code files}, in order (no user directory). */
  public static Catalog loadFiles(List<Path> files) {
    return files.isEmpty() ? bundled() : build(files);
  }

  /**
   * The user's catalog directory: {@code <home>/catalog}, where home is the system property
   * {@value #HOME_PROPERTY}, else {@code $CHIPMIX_HOME}, else {@code ~/.chipmix}.
   */
  public static Path userDirectory() {
    return home().resolve("catalog");
  }

  /**
   * chipmix's home folder: the system property {@value #HOME_PROPERTY}, else {@code $CHIPMIX_HOME},
   * else {@code ~/.chipmix}. The user catalog and the web server's database live under it.
   */
  public static Path home() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv(HOME_ENV);
    }
    return home == null || home.isBlank()
        ? Path.of(System.getProperty("user.home"), ".chipmix")
        : Path.of(home);
  }

  /** The {@code *.yaml} and {@code *.yml} files of {@code dir}, sorted by name; none if it does not exist. */
  public static List<Path> userDirectoryFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".yaml") || n.endsWith(".yml");
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw InvalidInputException.of(dir.toString(), "cannot list the user catalog directory: " + e.getMessage());
    }
  }

  private static Catalog build(List<Path> userFiles) {
    Issues issues = new Issues();
    Merger merger = new Merger(issues);
    merger.addBundled();
    for (Path file : userFiles) {
      JsonNode tree;
      try {
        tree = Yaml.parseFile(file);
      } catch (InvalidInputException e) {
        issues.addAll(e.issues());
        continue;
      }
      merger.add(parseDocument(tree, file.toString(), issues, positionsOf(file)));
    }
    return merger.finish();
  }

  /** Where each path of a user file was written, so problems also name a line and column. */
  private static YamlPositions positionsOf(Path file) {
    try {
      return YamlPositions.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return YamlPositions.of(""); // the parse above has already reported an unreadable file
    }
  }

  // ---------------------------------------------------------------- parsing one document

  /** What one file contributes, each entry remembering where it came from. */
  private record Document(List<At<Source>> sources, List<At<Chip>> chips, List<At<SystemSpec>> systems,
      List<At<String>> citations, List<At<Spec>> primaryClaims) {}

  /** A parsed record with the file and path it came from (and its line, for user files), for messages after merging. */
  private record At<T>(T value, String where, Optional<Position> position) {
    At(T value, String where) {
      this(value, where, Optional.empty());
    }
  }

  private static Document parseDocument(JsonNode tree, String file, Issues fileIssues, YamlPositions positions) {
    // Problems are recorded with paths inside the file, then prefixed with the file name.
    Issues local = new Issues();
    Node root = Node.root(tree, "", local);
    List<At<Source>> sources = new ArrayList<>();
    List<At<Chip>> chips = new ArrayList<>();
    List<At<SystemSpec>> systems = new ArrayList<>();
    // Every cited source id with its path, checked against the merged source table at the end,
    // also for entries that have other problems, so all problems are reported at once.
    List<At<String>> citations = new ArrayList<>();
    // Every spec that states support: primary, checked against the merged source kinds at the end.
    List<At<Spec>> claims = new ArrayList<>();
    if (tree.isMissingNode() || tree.isNull()) {
      local.add("", "the file is empty; expected a mapping with sources, chips and/or systems");
    } else if (root.expectObject(TOP_KEYS)) {
      if (!root.has("sources") && !root.has("chips") && !root.has("systems")) {
        local.add("", "nothing to load; expected at least one of the keys sources, chips, systems");
      }
      for (Node n : root.items("sources")) {
        readSource(n).ifPresent(s -> sources.add(new At<>(s, where(file, n.path()), positions.find(n.path()))));
      }
      Set<String> chipIds = new HashSet<>();
      for (Node n : root.items("chips")) {
        readChip(n, citations, claims).ifPresent(c -> {
          if (!chipIds.add(c.id())) {
            n.error("id", "duplicate chip id '" + c.id() + "' in this file");
          } else {
            chips.add(new At<>(c, where(file, n.path()), positions.find(n.path())));
          }
        });
      }
      Set<String> systemIds = new HashSet<>();
      for (Node n : root.items("systems")) {
        readSystem(n, citations, claims).ifPresent(s -> {
          if (!systemIds.add(s.id())) {
            n.error("id", "duplicate system id '" + s.id() + "' in this file");
          } else {
            systems.add(new At<>(s, where(file, n.path()), positions.find(n.path())));
          }
        });
      }
    }
    for (ValidationIssue i : local.list()) {
      fileIssues.addAll(List.of(new ValidationIssue(where(file, i.path()), i.message(), positions.find(i.path()))));
    }
    List<At<String>> cited = citations.stream()
        .map(c -> new At<>(c.value(), where(file, c.where()), positions.find(c.where()))).toList();
    List<At<Spec>> claimed = claims.stream()
        .map(c -> new At<>(c.value(), where(file, c.where()), positions.find(c.where()))).toList();
    return new Document(sources, chips, systems, cited, claimed);
  }

  private static String where(String file, String path) {
    return path.isEmpty() ? file : file + ": " + path;
  }

  private static Optional<Source> readSource(Node n) {
    if (!n.expectObject(SOURCE_KEYS)) {
      return Optional.empty();
    }
    Optional<String> id = n.requireString("id");
    Optional<String> title = n.requireString("title");
    Optional<String> publisher = n.requireString("publisher");
    Optional<String> url = n.requireString("url");
    Optional<String> date = n.requireString("date");
    String note = n.string("note").orElse("");
    int before = n.issues().list().size();
    Optional<SourceKind> kind = n.enumValue("kind", SourceKind.class);
    if (id.isEmpty() || title.isEmpty() || publisher.isEmpty() || url.isEmpty() || date.isEmpty()
        || n.issues().list().size() != before) {
      return Optional.empty();
    }
    return Optional.of(new Source(id.get(), title.get(), publisher.get(), url.get(), date.get(), note, kind));
  }

  private static Optional<Chip> readChip(Node n, List<At<String>> citations, List<At<Spec>> claims) {
    if (!n.expectObject(CHIP_KEYS)) {
      return Optional.empty();
    }
    int before = n.issues().list().size();
    Optional<String> id = readId(n, "id");
    Optional<String> vendor = n.requireString("vendor");
    Optional<String> name = n.requireString("name");
    List<String> aliases = new ArrayList<>();
    for (String a : n.strings("aliases")) {
      String lower = a.toLowerCase(Locale.ROOT);
      if (!ID.matcher(lower).matches()) {
        n.error("aliases", "alias '" + a + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit");
      } else if (aliases.contains(lower) || id.map(lower::equals).orElse(false)) {
        n.error("aliases", "alias '" + a + "' is listed twice or repeats the id");
      } else {
        aliases.add(lower);
      }
    }
    Optional<String> origin = n.requireString("design_origin").flatMap(o -> {
      String upper = o.toUpperCase(Locale.ROOT);
      if (!COUNTRY.matcher(upper).matches()) {
        n.error("design_origin", "must be a two-letter country code such as US or CN, got '" + o + "'");
        return Optional.empty();
      }
      return Optional.of(upper);
    });
    Optional<Market> market = n.has("market") ? n.enumValue("market", Market.class) : missing(n, "market",
        "is required (one of datacenter, consumer, cloud-only)");
    List<String> sources = n.strings("sources");
    sources.forEach(cited -> citations.add(new At<>(cited, n.pathOf("sources"))));
    if (!n.has("sources")) {
      n.error("sources", "is required (the ids of the sources for the chip's text facts, e.g. [S01])");
    }
    Map<Metric, Spec> specs = new EnumMap<>(Metric.class);
    n.child("specs").ifPresent(specsNode -> {
      if (specsNode.expectObject(METRIC_KEYS)) {
        for (Metric m : Metric.values()) {
          specsNode.child(m.key()).flatMap(s -> readSpec(s, m, citations, claims)).ifPresent(s -> specs.put(m, s));
        }
      }
    });
    if (n.issues().list().size() != before || id.isEmpty() || vendor.isEmpty() || name.isEmpty()
        || origin.isEmpty() || market.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Chip(id.get(), vendor.get(), name.get(), aliases, n.string("form_factor"),
        n.string("released"), n.string("process"), n.string("memory_type"), n.string("scale_up_link"),
        origin.get(), market.get(), specs, sources, n.string("notes").orElse("")));
  }

  private static Optional<SystemSpec> readSystem(Node n, List<At<String>> citations, List<At<Spec>> claims) {
    if (!n.expectObject(SYSTEM_KEYS)) {
      return Optional.empty();
    }
    int before = n.issues().list().size();
    Optional<String> id = readId(n, "id");
    Optional<String> name = n.requireString("name");
    Optional<String> chip = n.requireString("chip").map(c -> c.toLowerCase(Locale.ROOT));
    Optional<Integer> devices = requireCount(n, "devices_per_node");
    Optional<Integer> domain = requireCount(n, "scale_up_domain");
    Optional<Spec> up = n.requireChild("scale_up_bandwidth_gbs")
        .flatMap(s -> readSpec(s, Metric.SCALE_UP_BANDWIDTH, citations, claims));
    Optional<Spec> out = n.child("scale_out_bandwidth_gbps")
        .flatMap(s -> readSpec(s, Metric.SCALE_OUT_BANDWIDTH, citations, claims));
    List<String> sources = n.strings("sources");
    sources.forEach(cited -> citations.add(new At<>(cited, n.pathOf("sources"))));
    if (!n.has("sources")) {
      n.error("sources", "is required (the ids of the sources for the system's topology, e.g. [S22])");
    }
    if (n.issues().list().size() != before || id.isEmpty() || name.isEmpty() || chip.isEmpty() || devices.isEmpty()
        || domain.isEmpty() || up.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SystemSpec(id.get(), name.get(), chip.get(), devices.get(), domain.get(), up.get(), out,
        sources, n.string("notes").orElse("")));
  }

  private static Optional<Integer> requireCount(Node n, String key) {
    return n.wholeNumber(key, chipmix.validation.Limits.SCALE_UP_DOMAIN, true);
  }

  private static Optional<String> readId(Node n, String key) {
    return n.requireString(key).flatMap(raw -> {
      String id = raw.toLowerCase(Locale.ROOT);
      if (!ID.matcher(id).matches()) {
        n.error(key, "'" + raw + "' is not a valid id (letters, digits, '.', '_' or '-', starting with a letter or digit)");
        return Optional.empty();
      }
      return Optional.of(id);
    });
  }

  private static <T> Optional<T> missing(Node n, String key, String message) {
    n.error(key, message);
    return Optional.empty();
  }

  /**
   * A spec: {@code {value: 148, source: S01, confidence: high}}, optionally with {@code low},
   * {@code high}, {@code sources: [..]} instead of {@code source}, {@code note} and {@code support}
   * ({@code primary} or {@code secondary}; a stated {@code primary} is checked against the sources'
   * kinds after merging and recorded in {@code claims}).
   */
  static Optional<Spec> readSpec(Node n, Metric metric, List<At<String>> citations, List<At<Spec>> claims) {
    if (!n.expectObject(SPEC_KEYS)) {
      return Optional.empty();
    }
    int before = n.issues().list().size();
    String unit = metric.unit();
    // finite and within the metric's documented range (a 1e308 or .nan figure is a problem here, not a crash later)
    chipmix.validation.Range range = MetricRanges.of(metric);
    OptionalDouble value = optional(n.number("value", range, true));
    OptionalDouble low = optional(n.number("low", range, false));
    OptionalDouble high = optional(n.number("high", range, false));
    List<String> sources = new ArrayList<>();
    if (n.has("source") && n.has("sources")) {
      n.error("sources", "give either source or sources, not both");
    } else if (n.has("source")) {
      n.string("source").ifPresent(sources::add);
      sources.forEach(id -> citations.add(new At<>(id, n.pathOf("source"))));
    } else if (n.has("sources")) {
      sources.addAll(n.strings("sources"));
      sources.forEach(cited -> citations.add(new At<>(cited, n.pathOf("sources"))));
      if (sources.isEmpty() && n.issues().list().size() == before) {
        n.error("sources", "must list at least one source id");
      }
    } else {
      n.error("source", "is required: every value cites a source id (e.g. source: S01)");
    }
    Optional<Confidence> confidence = n.has("confidence") ? n.enumValue("confidence", Confidence.class)
        : missing(n, "confidence", "is required (one of high, medium, low)");
    String note = n.string("note").orElse("");
    Optional<Support> support = n.enumValue("support", Support.class);
    if (value.isPresent()) {
      double v = value.getAsDouble();
      double lo = low.orElse(v);
      double hi = high.orElse(v);
      if (lo > v) {
        n.error("low", "must not exceed value " + Node.fmt(v) + " " + unit + ", got " + Node.fmt(lo) + " " + unit);
      }
      if (hi < v) {
        n.error("high", "must not be below value " + Node.fmt(v) + " " + unit + ", got " + Node.fmt(hi) + " " + unit);
      }
    }
    if (n.issues().list().size() != before || value.isEmpty() || confidence.isEmpty()) {
      return Optional.empty();
    }
    double v = value.getAsDouble();
    Spec spec = new Spec(v, low.orElse(v), high.orElse(v), sources, confidence.get(), note, support);
    if (support.filter(s -> s == Support.PRIMARY).isPresent()) {
      claims.add(new At<>(spec, n.pathOf("support")));
    }
    return Optional.of(spec);
  }

  private static OptionalDouble optional(Optional<Double> d) {
    return d.map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  // ---------------------------------------------------------------- merging

  /** Accumulates documents in order and checks the merged result. */
  private static final class Merger {
    private final Issues issues;
    private final Map<String, At<Source>> sources = new LinkedHashMap<>();
    private final List<At<Chip>> chips = new ArrayList<>();
    private final Map<String, At<SystemSpec>> systems = new LinkedHashMap<>();
    private final List<At<String>> citations = new ArrayList<>();
    private final List<At<Spec>> primaryClaims = new ArrayList<>();
    /** Ids and aliases of replaced chips, mapped to the replacing chip's id, so systems follow. */
    private final Map<String, String> renames = new LinkedHashMap<>();

    Merger(Issues issues) {
      this.issues = issues;
    }

    void addBundled() {
      for (String f : BUNDLED_FILES) {
        add(parseDocument(Yaml.parseResource(BUNDLED_DIR + f), f, issues, YamlPositions.of("")));
      }
    }

    void add(Document d) {
      d.sources().forEach(s -> sources.put(s.value().id(), s));
      for (At<Chip> c : d.chips()) {
        int existing = indexAnswering(c.value().id());
        if (existing >= 0) {
          Chip old = chips.get(existing).value();
          renames.put(old.id(), c.value().id());
          old.aliases().forEach(a -> renames.put(a, c.value().id()));
          chips.set(existing, c);
        } else {
          chips.add(c);
        }
      }
      d.systems().forEach(s -> systems.put(s.value().id(), s));
      citations.addAll(d.citations());
      primaryClaims.addAll(d.primaryClaims());
    }

    private int indexAnswering(String name) {
      for (int i = 0; i < chips.size(); i++) {
        if (chips.get(i).value().answersTo(name)) {
          return i;
        }
      }
      return -1;
    }

    private void add(String where, Optional<Position> position, String message) {
      issues.addAll(List.of(new ValidationIssue(where, message, position)));
    }

    Catalog finish() {
      Set<String> sourceIds = sources.keySet();
      Map<String, String> nameOwner = new LinkedHashMap<>();
      for (At<Chip> at : chips) {
        Chip c = at.value();
        List<String> names = new ArrayList<>();
        names.add(c.id());
        names.addAll(c.aliases());
        for (String name : names) {
          String owner = nameOwner.putIfAbsent(name, c.id());
          if (owner != null && !owner.equals(c.id())) {
            add(at.where() + (name.equals(c.id()) ? ".id" : ".aliases"), at.position(),
                "'" + name + "' already names chip '" + owner + "'; ids and aliases must be unique");
          }
        }
      }
      List<Chip> chipList = chips.stream().map(At::value).toList();
      Catalog probe = new Catalog(chipList, List.of(), Map.of());
      List<SystemSpec> systemList = new ArrayList<>();
      for (At<SystemSpec> at : systems.values()) {
        SystemSpec s = at.value();
        Optional<Chip> chip = probe.findChip(s.chipId());
        String name = s.chipId();
        for (int hops = 0; chip.isEmpty() && renames.containsKey(name) && hops < renames.size(); hops++) {
          name = renames.get(name);
          chip = probe.findChip(name);
        }
        if (chip.isEmpty()) {
          add(at.where() + ".chip", at.position(), "unknown chip '" + s.chipId() + "'"
              + Suggestions.didYouMean(s.chipId(), probe.chipNames()));
        } else {
          systemList.add(new SystemSpec(s.id(), s.name(), chip.get().id(), s.devicesPerNode(), s.scaleUpDomain(),
              s.scaleUpBandwidth(), s.scaleOutBandwidth(), s.sources(), s.notes()));
        }
      }
      for (At<String> cite : citations) {
        if (!sourceIds.contains(cite.value())) {
          add(cite.where(), cite.position(), "unknown source id '" + cite.value() + "'"
              + Suggestions.didYouMean(cite.value(), sourceIds)
              + " (add it under sources: with id, title, publisher, url, date)");
        }
      }
      for (At<Spec> claim : primaryClaims) {
        List<String> cited = claim.value().sources();
        boolean allKnown = cited.stream().allMatch(sourceIds::contains);
        if (allKnown && cited.stream().noneMatch(id -> sources.get(id).value().isPrimary())) {
          List<String> described = cited.stream().map(id -> id + " " + sources.get(id).value().kind()
              .map(Node::enumText).orElse("without a kind")).toList();
          add(claim.where(), claim.position(), "is primary, but none of its sources is of a primary kind ("
              + String.join(", ", described) + "); cite a datasheet, whitepaper, filing, official-docs or paper"
              + " source, or write support: secondary");
        }
      }
      issues.throwIfAny();
      Map<String, Source> sourceMap = new LinkedHashMap<>();
      sources.forEach((k, v) -> sourceMap.put(k, v.value()));
      return new Catalog(chipList, systemList, sourceMap);
    }
  }
}
