package chipmix.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.SystemSpec;
import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.io.YamlPositions;
import chipmix.scenario.Scenario.Delivery;
import chipmix.scenario.Scenario.Objective;
import chipmix.scenario.Scenario.Order;
import chipmix.scenario.Scenario.Organisation;
import chipmix.scenario.Scenario.Pool;
import chipmix.scenario.Scenario.ServingDemand;
import chipmix.scenario.Scenario.Settings;
import chipmix.scenario.Scenario.Slip;
import chipmix.scenario.Scenario.TrainingRun;
import chipmix.scenario.Scenario.Variant;
import chipmix.validation.Issues;
import chipmix.validation.Limits;
import chipmix.validation.Range;
import chipmix.validation.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a scenario file strictly: unknown keys are errors with a suggestion, and every problem in
 * the file (bad values, unknown chips, pools or models, deliveries summing to more than the order,
 * deadlines before starts, dates outside the horizon) is reported at once with its path, such as
 * {@code orders[1].deliveries[2].date}. A scenario with any problem is never returned.
 */
public final class ScenarioLoader {
  static final Set<String> TOP = Set.of("name", "description", "sources", "organisation", "settings", "pools", "orders",
      "training", "serving", "variants");
  static final Set<String> ORGANISATION = Set.of("name", "headquarters", "data_centres", "parties");
  static final Set<String> SETTINGS = Set.of("start", "end", "pue", "electricity_usd_per_kwh", "amortization_years", "objective",
      "import_side", "allocation", "priorities", "uncertainty");
  static final Set<String> UNCERTAINTY = Set.of("stop_probability", "model_error");
  static final Set<String> SLIP_RANGE = Set.of("delay_days", "delivered_fraction");
  static final Set<String> PRIORITIES = Set.of("late_usd_per_day", "unmet_usd_per_request_hour", "restart_hours");
  static final Set<String> POOL = Set.of("id", "chip", "system", "count", "online", "unit_price_usd", "hourly_cost_usd",
      "scale_out_gbps", "note");
  static final Set<String> ORDER = Set.of("id", "chip", "system", "quantity", "unit_price_usd", "deliveries", "slip",
      "destination", "ships_from", "scale_out_gbps", "note", "slip_range");
  static final Set<String> DELIVERY = Set.of("date", "count");
  static final Set<String> SLIP = Set.of("delay_days", "delivered_fraction");
  static final Set<String> TRAINING = Set.of("id", "model", "tokens", "sequence_length", "global_batch", "earliest_start",
      "deadline", "pools", "devices", "grow", "span_vendors", "recipe", "min_devices", "max_devices", "late_usd_per_day");
  static final Set<String> SERVING = Set.of("id", "model", "requests_per_second", "prompt_tokens", "output_tokens",
      "ttft_ms", "tpot_ms", "weights", "kv_cache", "pools", "unmet_usd_per_request_hour");
  static final Set<String> VARIANT = Set.of("name", "description", "remove", "pools", "orders", "training", "serving");

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private final Catalog catalog;
  private final Collection<String> modelNames;
  private final Collection<String> partyNames;
  private final Map<String, String> countries;

  /**
   * @param modelNames the model presets the training and inference models know; model references
   *     are checked against them (an empty collection skips the check)
   * @param partyNames the named parties the export rules know (ids and aliases, lower case);
   *     {@code organisation.parties} is checked against them (an empty collection skips the check)
   * @param countries the country codes the export rules know, with their names; every country in
   *     the file is checked against them (an empty map checks only the two-letter form)
   */
  public ScenarioLoader(Catalog catalog, Collection<String> modelNames, Collection<String> partyNames,
      Map<String, String> countries) {
    this.catalog = catalog;
    this.modelNames = List.copyOf(modelNames);
    this.partyNames = List.copyOf(partyNames);
    this.countries = Map.copyOf(countries);
  }

  public ScenarioLoader(Catalog catalog, Collection<String> modelNames, Collection<String> partyNames) {
    this(catalog, modelNames, partyNames, Map.of());
  }

  /** A loader that checks model names but not party names. */
  public ScenarioLoader(Catalog catalog, Collection<String> modelNames) {
    this(catalog, modelNames, List.of());
  }

  /** Reads a scenario file; every problem names its path, line and column. */
  public Scenario load(Path file) {
    // read once, safely (a regular UTF-8 file within the size cap), for both the tree and the positions
    String text = chipmix.io.TextFiles.read(file);
    JsonNode tree = Yaml.parse(text, file.toString());
    return YamlPositions.placing(text, () -> load(tree, file.getFileName().toString()));
  }

  /** Reads scenario text (the web editor's); every problem names its path, line and column. */
  public Scenario loadText(String yaml, String name) {
    return YamlPositions.placing(yaml, () -> load(Yaml.parse(yaml, name), name));
  }

  /** Reads a parsed scenario; {@code fallbackName} names it when the file has no {@code name}. */
  public Scenario load(JsonNode tree, String fallbackName) {
    Issues issues = new Issues();
    Node root = Node.root(tree, "", issues);
    if (!root.expectObject(TOP)) {
      issues.throwIfAny();
    }
    String name = root.string("name").orElse(fallbackName);
    String description = root.string("description").orElse("");
    Organisation org = root.requireChild("organisation").flatMap(this::organisation).orElse(null);
    Settings settings = root.requireChild("settings").flatMap(this::settings).orElse(null);

    List<Located<Pool>> pools = root.items("pools").stream().map(p -> pool(p, settings)).flatMap(Optional::stream).toList();
    List<Located<Order>> orders = root.items("orders").stream().map(o -> order(o, settings)).flatMap(Optional::stream).toList();
    List<Located<TrainingRun>> training = root.items("training").stream().map(t -> training(t, settings)).flatMap(Optional::stream).toList();
    List<Located<ServingDemand>> serving = root.items("serving").stream().map(d -> serving(d, settings)).flatMap(Optional::stream).toList();
    Set<String> declared = declaredIds(root.items("pools"), root.items("orders"));
    checkReferences(issues, pools, orders, training, serving, declared);
    checkFleet(issues, pools.isEmpty() ? "orders" : "pools", pools, orders);

    BaseItems baseItems = new BaseItems(byId(root.items("pools")), byId(root.items("orders")),
        byId(root.items("training")), byId(root.items("serving")));
    List<Variant> variants = new ArrayList<>();
    Set<String> variantNames = new HashSet<>();
    for (Node v : root.items("variants")) {
      variant(v, baseItems, pools, orders, training, serving, settings).ifPresent(variant -> {
        if (!variantNames.add(variant.name())) {
          v.error("name", "variant name '" + variant.name() + "' is used twice");
        }
        if (Scenario.BASE.equals(variant.name())) {
          v.error("name", "'base' names the scenario without variants in reports and `variant`; choose another name");
        }
        variants.add(variant);
      });
    }
    issues.throwIfAny();
    return new Scenario(name, description, org, values(pools), values(orders), values(training), values(serving),
        settings, variants);
  }

  /** The pools and orders of a scenario (or a variant) together hold at most {@link Limits#DEVICES} devices. */
  private static void checkFleet(Issues issues, String path, List<Located<Pool>> pools, List<Located<Order>> orders) {
    long fleet = pools.stream().mapToLong(p -> p.value().count()).sum()
        + orders.stream().mapToLong(o -> o.value().quantity()).sum();
    if (fleet > Limits.DEVICES.max()) {
      issues.add(path, "pools and orders total " + Range.fmt(fleet) + " devices, more than the "
          + Range.fmt(Limits.DEVICES.max()) + " a scenario's fleet may have");
    }
  }

  /** A loaded item and where it was written, for cross-reference errors. */
  record Located<T>(String path, T value) {}

  private static <T> List<T> values(List<Located<T>> items) {
    return items.stream().map(Located::value).toList();
  }

  private Optional<Organisation> organisation(Node n) {
    if (!n.expectObject(ORGANISATION)) {
      return Optional.empty();
    }
    Optional<String> name = n.requireString("name");
    Optional<String> hq = country(n, "headquarters", true);
    List<String> dcs = new ArrayList<>();
    if (!n.has("data_centres")) {
      n.error("data_centres", "is required (a list of country codes such as [CN])");
    }
    List<String> given = n.strings("data_centres");
    for (int i = 0; i < given.size(); i++) {
      checkCountry(n, n.pathOf("data_centres") + "[" + i + "]", given.get(i)).ifPresent(dcs::add);
    }
    List<String> parties = new ArrayList<>();
    List<String> given2 = n.strings("parties");
    for (int i = 0; i < given2.size(); i++) {
      String f = given2.get(i).toLowerCase(Locale.ROOT);
      if (!partyNames.isEmpty() && !partyNames.contains(f)) {
        n.issues().add(n.pathOf("parties") + "[" + i + "]", "unknown party '" + given2.get(i) + "'"
            + Suggestions.didYouMean(f, partyNames) + " (the export rules know: " + String.join(", ", partyNames) + ")");
      } else {
        parties.add(f);
      }
    }
    if (name.isEmpty() || hq.isEmpty() || dcs.isEmpty() || dcs.size() != given.size()) {
      return Optional.empty();
    }
    return Optional.of(new Organisation(name.get(), hq.get(), dcs, parties));
  }

  private Optional<String> country(Node n, String key, boolean required) {
    Optional<String> s = required ? n.requireString(key) : n.string(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    return checkCountry(n, n.pathOf(key), s.get());
  }

  /** A two-letter code the export rules know (when they were given); otherwise an issue at {@code path}. */
  private Optional<String> checkCountry(Node n, String path, String given) {
    String c = given.toUpperCase(Locale.ROOT);
    if (!COUNTRY.matcher(c).matches()) {
      n.issues().add(path, "'" + given + "' is not a country code (expected two letters, ISO 3166, such as CN or US)");
      return Optional.empty();
    }
    if (!countries.isEmpty() && !countries.containsKey(c)) {
      n.issues().add(path, "unknown country code '" + given + "'" + Suggestions.didYouMean(c, countries.keySet())
          + " (the export rules know " + countries.size() + " countries, listed in docs/export-control.md)");
      return Optional.empty();
    }
    return Optional.of(c);
  }

  private Optional<Settings> settings(Node n) {
    if (!n.expectObject(SETTINGS)) {
      return Optional.empty();
    }
    Optional<YearMonth> start = month(n, "start", true);
    Optional<YearMonth> end = month(n, "end", true);
    Optional<Double> pue = n.number("pue", Limits.PUE, true);
    Optional<Double> price = n.number("electricity_usd_per_kwh", Limits.USD_PER_KWH, true);
    Optional<Double> years = n.number("amortization_years", Limits.AMORTIZATION_YEARS, false);
    Optional<Objective> objective = n.has("objective") ? n.enumValue("objective", Objective.class) : Optional.of(Objective.FINISH);
    Optional<Scenario.Priorities> priorities = n.child("priorities").map(ScenarioLoader::priorities)
        .orElse(Optional.of(Scenario.Priorities.ORDERED));
    Optional<Scenario.Allocation> allocation = n.has("allocation")
        ? n.enumValue("allocation", Scenario.Allocation.class) : Optional.of(Scenario.Allocation.SOLVER);
    Optional<ImportSidePolicy> importSide = n.has("import_side") ? n.enumValue("import_side", ImportSidePolicy.class)
        : Optional.of(ImportSidePolicy.AT_RISK);
    if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
      n.error("end", end.get() + " is before start " + start.get());
      return Optional.empty();
    }
    if (start.isPresent() && end.isPresent() && start.get().plusYears(10).isBefore(end.get())) {
      n.error("end", "the horizon " + start.get() + " to " + end.get() + " is longer than 10 years, the most the planner accepts");
      return Optional.empty();
    }
    if (start.isEmpty() || end.isEmpty() || pue.isEmpty() || price.isEmpty() || objective.isEmpty()
        || importSide.isEmpty() || (n.has("amortization_years") && years.isEmpty()) || priorities.isEmpty()
        || allocation.isEmpty()) {
      return Optional.empty();
    }
    Optional<Scenario.Uncertainty> uncertainty = n.child("uncertainty").map(ScenarioLoader::uncertainty)
        .orElse(Optional.of(Scenario.Uncertainty.NONE));
    if (uncertainty.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Settings(start.get(), end.get(), pue.get(), price.get(), years, objective.get(),
        importSide.get(), allocation.get(), priorities.get(), uncertainty.get()));
  }

  private static Optional<Scenario.Uncertainty> uncertainty(Node n) {
    if (!n.expectObject(UNCERTAINTY)) {
      return Optional.empty();
    }
    boolean ok = true;
    Map<String, Double> stop = new java.util.LinkedHashMap<>();
    for (Node.Entry e : n.entries("stop_probability")) {
      JsonNode v = e.node().json();
      if (!v.isNumber() || !(v.asDouble() >= 0 && v.asDouble() <= 1)) {
        e.node().error("must be a probability from 0 to 1 that an at-risk delivery with outcome '" + e.name()
            + "' is stopped, got " + v.asText());
        ok = false;
        continue;
      }
      stop.put(e.name(), v.asDouble());
    }
    Optional<Double> error = boxed(n.positive("model_error", ""));
    if (error.isPresent() && error.get() >= 1) {
      n.error("model_error", "must be below 1 (a relative error: 0.2 is 20%), got " + Node.fmt(error.get()));
      return Optional.empty();
    }
    if (!ok || (n.has("model_error") && error.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new Scenario.Uncertainty(stop, error));
  }

  private static Optional<Scenario.SlipRange> slipRange(Node n) {
    if (!n.expectObject(SLIP_RANGE)) {
      return Optional.empty();
    }
    Optional<double[]> delay = pair(n, "delay_days", 0, 3650, "days");
    Optional<double[]> fraction = pair(n, "delivered_fraction", 1e-9, 1, "a fraction");
    if ((n.has("delay_days") && delay.isEmpty()) || (n.has("delivered_fraction") && fraction.isEmpty())) {
      return Optional.empty();
    }
    double[] d = delay.orElse(new double[] {0, 0});
    double[] f = fraction.orElse(new double[] {1, 1});
    if (d[0] != Math.rint(d[0]) || d[1] != Math.rint(d[1])) {
      n.error("delay_days", "must be whole days, got " + Node.fmt(d[0]) + " and " + Node.fmt(d[1]));
      return Optional.empty();
    }
    return Optional.of(new Scenario.SlipRange((int) d[0], (int) d[1], f[0], f[1]));
  }

  /** {@code [low, high]} with {@code min <= low <= high <= max}. */
  private static Optional<double[]> pair(Node n, String key, double min, double max, String what) {
    if (!n.has(key)) {
      return Optional.empty();
    }
    List<Node> items = n.items(key);
    if (items.size() != 2 || !items.get(0).json().isNumber() || !items.get(1).json().isNumber()) {
      n.error(key, "must be a list of two numbers [low, high] (" + what + ")");
      return Optional.empty();
    }
    double lo = items.get(0).json().asDouble();
    double hi = items.get(1).json().asDouble();
    if (!(lo >= min && lo <= hi && hi <= max)) {
      n.error(key, "must have " + Node.fmt(min) + " <= low <= high <= " + Node.fmt(max) + ", got [" + Node.fmt(lo) + ", "
          + Node.fmt(hi) + "]");
      return Optional.empty();
    }
    return Optional.of(new double[] {lo, hi});
  }

  private static Optional<Scenario.Priorities> priorities(Node n) {
    if (!n.expectObject(PRIORITIES)) {
      return Optional.empty();
    }
    Optional<Double> late = nonNegative(n, "late_usd_per_day", false);
    Optional<Double> unmet = nonNegative(n, "unmet_usd_per_request_hour", false);
    Optional<Double> restart = nonNegative(n, "restart_hours", false);
    if ((n.has("late_usd_per_day") && late.isEmpty()) || (n.has("unmet_usd_per_request_hour") && unmet.isEmpty())
        || (n.has("restart_hours") && restart.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new Scenario.Priorities(late, unmet, restart.orElse(0.0)));
  }

  private static Optional<YearMonth> month(Node n, String key, boolean required) {
    Optional<String> s = required ? n.requireString(key) : n.string(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(YearMonth.parse(s.get()));
    } catch (DateTimeParseException e) {
      n.error(key, s.get() + " is not a month (expected YYYY-MM)");
      return Optional.empty();
    }
  }

  private static Optional<Double> nonNegative(Node n, String key, boolean required) {
    if (!n.has(key)) {
      if (required) {
        n.error(key, "is required (a number, 0 or more)");
      }
      return Optional.empty();
    }
    Optional<Double> d = boxed(n.number(key));
    if (d.isPresent() && d.get() < 0) {
      n.error(key, "must not be negative, got " + Node.fmt(d.get()));
      return Optional.empty();
    }
    return d;
  }

  private static Optional<Double> boxed(java.util.OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }

  private static Optional<Integer> positiveInt(Node n, String key, boolean required) {
    if (!n.has(key)) {
      if (required) {
        n.error(key, "is required (a whole number, 1 or more)");
      }
      return Optional.empty();
    }
    Optional<Integer> v = n.integer(key);
    if (v.isPresent() && v.get() < 1) {
      n.error(key, "must be at least 1, got " + v.get());
      return Optional.empty();
    }
    return v;
  }

  private static Optional<String> id(Node n) {
    Optional<String> id = n.requireString("id");
    if (id.isPresent() && !ID.matcher(id.get()).matches()) {
      n.error("id", "'" + id.get() + "' is not a valid id (lower-case letters, digits, '.', '_' and '-', starting with a letter or digit)");
      return Optional.empty();
    }
    return id;
  }

  /** The chip (and system) an item names; {@code chip} or {@code system} must be given. */
  private Optional<ChipRef> chipRef(Node n) {
    Optional<String> chipName = n.string("chip");
    Optional<String> systemName = n.string("system");
    if (!n.has("chip") && !n.has("system")) {
      n.error("chip", "is required (a catalog chip id such as h20, or give 'system')");
      return Optional.empty();
    }
    Optional<Chip> chip = chipName.flatMap(c -> n.issues().attempt(() -> catalog.chip(n.pathOf("chip"), c)));
    Optional<SystemSpec> system = systemName.flatMap(s -> {
      Optional<SystemSpec> found = catalog.findSystem(s);
      if (found.isEmpty()) {
        n.error("system", "unknown system '" + s + "'"
            + Suggestions.didYouMean(s, catalog.systems().stream().map(SystemSpec::id).toList()));
      }
      return found;
    });
    if (system.isPresent() && chip.isPresent() && !system.get().chipId().equals(chip.get().id())) {
      n.error("system", "system '" + system.get().id() + "' is built from chip '" + system.get().chipId()
          + "', not '" + chip.get().id() + "'");
      return Optional.empty();
    }
    if (system.isPresent() && chip.isEmpty()) {
      chip = catalog.findChip(system.get().chipId());
      if (chip.isEmpty()) {
        n.error("system", "system '" + system.get().id() + "' names chip '" + system.get().chipId() + "', which the catalog lacks");
      }
    }
    if (chip.isEmpty() || (systemName.isPresent() && system.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new ChipRef(chip.get().id(), system.map(SystemSpec::id)));
  }

  private record ChipRef(String chipId, Optional<String> systemId) {}

  /**
   * Horizon checks sit with each item, so they are reported even when another field of the item is
   * wrong (every problem at once); {@code settings} is null when the settings themselves are invalid.
   */
  private Optional<Located<Pool>> pool(Node n, Settings settings) {
    if (!n.expectObject(POOL)) {
      return Optional.empty();
    }
    Optional<String> id = id(n);
    Optional<ChipRef> chip = chipRef(n);
    Optional<Integer> count = n.wholeNumber("count", Limits.DEVICES, true);
    Optional<LocalDate> online = n.requireDate("online");
    if (settings != null && online.isPresent() && online.get().isAfter(lastDay(settings))) {
      n.error("online", online.get() + " is after the horizon end " + settings.end());
    }
    Optional<Double> price = n.number("unit_price_usd", Limits.DEVICE_PRICE_USD, false);
    Optional<Double> hourly = n.number("hourly_cost_usd", Limits.DEVICE_HOUR_USD, false);
    Optional<Double> scaleOut = n.number("scale_out_gbps", Limits.SCALE_OUT_GBPS, false);
    String note = n.string("note").orElse("");
    if (id.isEmpty() || chip.isEmpty() || count.isEmpty() || online.isEmpty()
        || (n.has("unit_price_usd") && price.isEmpty()) || (n.has("hourly_cost_usd") && hourly.isEmpty())
        || (n.has("scale_out_gbps") && scaleOut.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new Located<>(n.path(), new Pool(id.get(), chip.get().chipId(), chip.get().systemId(), count.get(),
        online.get(), price, hourly, scaleOut, note)));
  }

  private Optional<Located<Order>> order(Node n, Settings settings) {
    if (!n.expectObject(ORDER)) {
      return Optional.empty();
    }
    Optional<String> id = id(n);
    Optional<ChipRef> chip = chipRef(n);
    Optional<Integer> quantity = n.wholeNumber("quantity", Limits.DEVICES, true);
    Optional<Double> price = n.number("unit_price_usd", Limits.DEVICE_PRICE_USD, false);
    Optional<String> destination = country(n, "destination", false);
    Optional<String> shipsFrom = country(n, "ships_from", false);
    Optional<Double> scaleOut = n.number("scale_out_gbps", Limits.SCALE_OUT_GBPS, false);
    String note = n.string("note").orElse("");
    List<Delivery> deliveries = new ArrayList<>();
    long scheduled = 0;
    boolean deliveriesOk = true;
    if (!n.has("deliveries")) {
      n.error("deliveries", "is required (a list of {date, count})");
      deliveriesOk = false;
    }
    for (Node d : n.items("deliveries")) {
      if (!d.expectObject(DELIVERY)) {
        deliveriesOk = false;
        continue;
      }
      Optional<LocalDate> date = d.requireDate("date");
      Optional<Integer> count = d.wholeNumber("count", Limits.DEVICES, true);
      if (settings != null && date.isPresent() && date.get().isAfter(lastDay(settings))) {
        d.error("date", date.get() + " is after the horizon end " + settings.end() + " (extend settings.end or drop the delivery)");
      }
      scheduled += count.orElse(0);
      if (date.isPresent() && count.isPresent()) {
        deliveries.add(new Delivery(date.get(), count.get()));
      } else {
        deliveriesOk = false;
      }
    }
    if (quantity.isPresent() && scheduled > quantity.get()) {
      n.error("deliveries", "deliveries sum to " + scheduled + " devices, more than the order's quantity "
          + quantity.get() + " (lower a count or raise quantity)");
      deliveriesOk = false;
    }
    Optional<Slip> slip = n.child("slip").flatMap(ScenarioLoader::slip);
    boolean slipOk = !n.has("slip") || slip.isPresent();
    Optional<Scenario.SlipRange> slipRange = n.child("slip_range").flatMap(ScenarioLoader::slipRange);
    slipOk = slipOk && (!n.has("slip_range") || slipRange.isPresent());
    if (id.isEmpty() || chip.isEmpty() || quantity.isEmpty() || !deliveriesOk || !slipOk
        || (n.has("unit_price_usd") && price.isEmpty()) || (n.has("destination") && destination.isEmpty())
        || (n.has("ships_from") && shipsFrom.isEmpty()) || (n.has("scale_out_gbps") && scaleOut.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new Located<>(n.path(), new Order(id.get(), chip.get().chipId(), chip.get().systemId(),
        quantity.get(), price, deliveries, slip.orElse(Slip.NONE), destination, shipsFrom.orElse("US"),
        scaleOut, note, slipRange)));
  }

  private static Optional<Slip> slip(Node n) {
    if (!n.expectObject(SLIP)) {
      return Optional.empty();
    }
    Optional<Integer> delay = n.wholeNumber("delay_days", Limits.SLIP_DELAY_DAYS, false);
    Optional<Double> fraction = boxed(n.number("delivered_fraction"));
    if (fraction.isPresent() && !(fraction.get() > 0 && fraction.get() <= 1)) {
      n.error("delivered_fraction", "must be more than 0 and at most 1 (0.4 means 40% of each delivery arrives), got "
          + Node.fmt(fraction.get()));
      return Optional.empty();
    }
    if ((n.has("delay_days") && delay.isEmpty()) || (n.has("delivered_fraction") && fraction.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new Slip(delay.orElse(0), fraction.orElse(1.0)));
  }

  private Optional<Located<TrainingRun>> training(Node n, Settings settings) {
    if (!n.expectObject(TRAINING)) {
      return Optional.empty();
    }
    Optional<String> id = id(n);
    Optional<String> model = model(n);
    Optional<Double> tokens = n.number("tokens", Limits.TRAINING_TOKENS, true);
    Optional<Integer> seq = n.wholeNumber("sequence_length", Limits.SEQUENCE_LENGTH, true);
    Optional<Integer> batch = n.wholeNumber("global_batch", Limits.GLOBAL_BATCH, true);
    Optional<LocalDate> start = n.requireDate("earliest_start");
    if (settings != null && start.isPresent() && start.get().isAfter(lastDay(settings))) {
      n.error("earliest_start", start.get() + " is after the horizon end " + settings.end());
    }
    Optional<LocalDate> deadline = n.date("deadline");
    Optional<Integer> devices = n.wholeNumber("devices", Limits.DEVICES, false);
    boolean grow = n.bool("grow").orElse(false);
    Optional<Integer> minDevices = positiveInt(n, "min_devices", false);
    Optional<Integer> maxDevices = positiveInt(n, "max_devices", false);
    if (minDevices.isPresent() && maxDevices.isPresent() && minDevices.get() > maxDevices.get()) {
      n.error("min_devices", minDevices.get() + " is more than max_devices " + maxDevices.get());
      minDevices = Optional.empty();
    }
    if (devices.isPresent() && (minDevices.isPresent() || maxDevices.isPresent())) {
      n.error("devices", "give either devices (a fixed count) or min_devices/max_devices (a range the solver sizes within), not both");
    }
    Optional<Double> late = nonNegative(n, "late_usd_per_day", false);
    if (n.bool("span_vendors").orElse(false)) {
      n.error("span_vendors", "a training run cannot span chips of different vendors in one collective group: their"
          + " collective libraries do not interoperate (no heterogeneous HCCL/NCCL collectives; FlagCX lists HCCL for"
          + " homogeneous collectives only). Remove span_vendors; the planner places the run on one vendor's pools"
          + " and says which, or declare one run per vendor");
    }
    List<String> pools = n.strings("pools");
    if (!n.has("pools")) {
      n.error("pools", "is required (the ids of the pools or orders the run may use)");
    }
    if (start.isPresent() && deadline.isPresent() && deadline.get().isBefore(start.get())) {
      n.error("deadline", deadline.get() + " is before earliest_start " + start.get());
      deadline = Optional.empty();
    }
    if (id.isEmpty() || model.isEmpty() || tokens.isEmpty() || seq.isEmpty() || batch.isEmpty() || start.isEmpty()
        || pools.isEmpty()) {
      // A required field is missing or bad (already reported): the run is dropped, so its pool references are
      // checked once it loads. A bad deadline or device count alone does not drop it (see above).
      return Optional.empty();
    }
    // the framework recipe the run uses (training-model docs); empty: each chip vendor's current stack
    Optional<String> recipe = n.string("recipe");
    recipe.filter(r -> chipmix.perfmodel.Recipes.bundled().find(r).isEmpty()).ifPresent(r -> n.error("recipe", "'" + r
        + "' is not a known recipe; known: " + String.join(", ", chipmix.perfmodel.Recipes.bundled().ids())
        + Suggestions.didYouMean(r, chipmix.perfmodel.Recipes.bundled().ids())));
    return Optional.of(new Located<>(n.path(), new TrainingRun(id.get(), model.get(), tokens.get(), seq.get(), batch.get(),
        start.get(), deadline, pools, devices, grow, recipe, new Scenario.Scale(minDevices, maxDevices), late)));
  }

  private Optional<String> model(Node n) {
    Optional<String> model = n.requireString("model");
    if (model.isPresent() && !modelNames.isEmpty()
        && modelNames.stream().noneMatch(m -> m.equalsIgnoreCase(model.get()))) {
      n.error("model", "unknown model '" + model.get() + "'" + Suggestions.didYouMean(model.get(), modelNames)
          + " (known: " + String.join(", ", modelNames) + ")");
      // Reported; the item is still read so that its other references are checked too.
    }
    return model;
  }

  private Optional<Located<ServingDemand>> serving(Node n, Settings settings) {
    if (!n.expectObject(SERVING)) {
      return Optional.empty();
    }
    Optional<String> id = id(n);
    Optional<String> model = model(n);
    Optional<Integer> prompt = n.wholeNumber("prompt_tokens", Limits.REQUEST_TOKENS, true);
    Optional<Integer> output = n.wholeNumber("output_tokens", Limits.REQUEST_TOKENS, true);
    Optional<Double> ttft = n.number("ttft_ms", Limits.LATENCY_MS, true);
    Optional<Double> tpot = n.number("tpot_ms", Limits.LATENCY_MS, true);
    Optional<Scenario.NumberFormat> weights = n.has("weights") ? n.enumValue("weights", Scenario.NumberFormat.class)
        : Optional.of(Scenario.NumberFormat.BF16);
    Optional<Scenario.NumberFormat> kv = n.has("kv_cache") ? n.enumValue("kv_cache", Scenario.NumberFormat.class)
        : Optional.of(Scenario.NumberFormat.BF16);
    List<String> pools = n.strings("pools");
    if (!n.has("pools")) {
      n.error("pools", "is required (the ids of the pools or orders that may serve)");
    }
    TreeMap<YearMonth, Double> demand = new TreeMap<>();
    boolean demandOk = true;
    if (!n.has("requests_per_second")) {
      n.error("requests_per_second", "is required (a mapping of month to peak requests per second, such as 2025-09: 1200)");
      demandOk = false;
    }
    for (Node.Entry e : n.entries("requests_per_second")) {
      YearMonth m;
      try {
        m = YearMonth.parse(e.name());
      } catch (DateTimeParseException ex) {
        e.node().error(e.name() + " is not a month (expected YYYY-MM)");
        demandOk = false;
        continue;
      }
      if (settings != null && (m.isBefore(settings.start()) || m.isAfter(settings.end()))) {
        e.node().error("month " + m + " is outside the horizon " + settings.start() + " to " + settings.end());
      }
      JsonNode v = e.node().json();
      if (!v.isNumber() || !Limits.REQUESTS_PER_SECOND.contains(v.asDouble())) {
        e.node().error("must be " + Limits.REQUESTS_PER_SECOND.accepted() + ", got " + v.asText());
        demandOk = false;
        continue;
      }
      demand.put(m, v.asDouble());
    }
    if (id.isEmpty() || model.isEmpty() || prompt.isEmpty() || output.isEmpty() || ttft.isEmpty() || tpot.isEmpty()
        || pools.isEmpty() || !demandOk || weights.isEmpty() || kv.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Located<>(n.path(), new ServingDemand(id.get(), model.get(), demand, prompt.get(), output.get(),
        ttft.get(), tpot.get(), weights.get(), kv.get(), pools, nonNegative(n, "unmet_usd_per_request_hour", false))));
  }

  /**
   * The ids written for pools and orders, valid or not: a reference to a pool whose chip is
   * misspelt is not also reported as unknown.
   */
  private static Set<String> declaredIds(List<Node> pools, List<Node> orders) {
    Set<String> out = new LinkedHashSet<>();
    for (List<Node> list : List.of(pools, orders)) {
      for (Node n : list) {
        JsonNode id = n.json().get("id");
        if (id != null && id.isTextual()) {
          out.add(id.asText().strip());
        }
      }
    }
    return out;
  }

  /** Unique ids and known pool references. */
  private void checkReferences(Issues issues, List<Located<Pool>> pools, List<Located<Order>> orders,
      List<Located<TrainingRun>> training, List<Located<ServingDemand>> serving, Set<String> declared) {
    Map<String, String> capacityIds = new LinkedHashMap<>();
    for (Located<Pool> p : pools) {
      unique(issues, capacityIds, p.value().id(), p.path(), "pool or order");
    }
    for (Located<Order> o : orders) {
      unique(issues, capacityIds, o.value().id(), o.path(), "pool or order");
    }
    Set<String> known = new LinkedHashSet<>(capacityIds.keySet());
    known.addAll(declared);
    unique(issues, training, TrainingRun::id, "training run");
    unique(issues, serving, ServingDemand::id, "serving demand");
    for (Located<TrainingRun> t : training) {
      poolRefs(issues, t.path(), t.value().pools(), known);
    }
    for (Located<ServingDemand> s : serving) {
      poolRefs(issues, s.path(), s.value().pools(), known);
    }
  }

  private static LocalDate lastDay(Settings settings) {
    return settings.endExclusive().minusDays(1);
  }

  private static void unique(Issues issues, Map<String, String> seen, String id, String path, String what) {
    String first = seen.putIfAbsent(id, path);
    if (first != null) {
      issues.add(path + ".id", "id '" + id + "' is already used by " + first + " (each " + what + " needs its own id)");
    }
  }

  private static <T> void unique(Issues issues, List<Located<T>> items, Function<T, String> id, String what) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (Located<T> t : items) {
      unique(issues, seen, id.apply(t.value()), t.path(), what);
    }
  }

  private static void poolRefs(Issues issues, String path, List<String> refs, Set<String> known) {
    for (int i = 0; i < refs.size(); i++) {
      if (!known.contains(refs.get(i))) {
        issues.add(path + ".pools[" + i + "]", "unknown pool '" + refs.get(i) + "'" + suggestion(issues, refs.get(i), known)
            + (known.isEmpty() ? " (the scenario declares no pools or orders)" : knownList(known)));
      }
    }
  }

  /** Most names listed after an unknown reference: a long list, repeated for each of many bad references, grows the answer quadratically. */
  static final int MAX_LISTED_NAMES = 20;

  /**
   * Issues found before did-you-mean suggestions stop being computed: each compares a name with
   * every candidate, so thousands of unknown references among thousands of names would take
   * quadratic time; past this many problems, nobody reads the suggestions anyway.
   */
  static final int MAX_SUGGESTED_ISSUES = 25;

  private static String suggestion(Issues issues, String given, java.util.Collection<String> candidates) {
    return issues.size() < MAX_SUGGESTED_ISSUES ? Suggestions.didYouMean(given, candidates) : "";
  }

  private static String knownList(Set<String> known) {
    if (known.size() <= MAX_LISTED_NAMES) {
      return " (pools and orders: " + String.join(", ", known) + ")";
    }
    return " (pools and orders: " + String.join(", ", known.stream().limit(MAX_LISTED_NAMES).toList()) + " and "
        + (known.size() - MAX_LISTED_NAMES) + " more)";
  }

  private Optional<Variant> variant(Node n, BaseItems base, List<Located<Pool>> basePools, List<Located<Order>> baseOrders,
      List<Located<TrainingRun>> baseTraining, List<Located<ServingDemand>> baseServing, Settings settings) {
    if (!n.expectObject(VARIANT)) {
      return Optional.empty();
    }
    Optional<String> name = n.requireString("name");
    String description = n.string("description").orElse("");
    List<Located<Pool>> pools = patched(n.items("pools"), base.pools()).stream()
        .map(p -> pool(p, settings)).flatMap(Optional::stream).toList();
    List<Located<Order>> orders = patched(n.items("orders"), base.orders()).stream()
        .map(o -> order(o, settings)).flatMap(Optional::stream).toList();
    List<Located<TrainingRun>> training = patched(n.items("training"), base.training()).stream()
        .map(t -> training(t, settings)).flatMap(Optional::stream).toList();
    List<Located<ServingDemand>> serving = patched(n.items("serving"), base.serving()).stream()
        .map(d -> serving(d, settings)).flatMap(Optional::stream).toList();
    List<String> remove = n.strings("remove");
    Set<String> baseIds = new LinkedHashSet<>();
    basePools.forEach(p -> baseIds.add(p.value().id()));
    baseOrders.forEach(p -> baseIds.add(p.value().id()));
    baseTraining.forEach(p -> baseIds.add(p.value().id()));
    baseServing.forEach(p -> baseIds.add(p.value().id()));
    for (int i = 0; i < remove.size(); i++) {
      if (!baseIds.contains(remove.get(i))) {
        n.issues().add(n.pathOf("remove") + "[" + i + "]", "'" + remove.get(i) + "' is not the id of a pool, order,"
            + " training run or serving demand of the base scenario" + suggestion(n.issues(), remove.get(i), baseIds));
      }
    }
    Set<String> removed = Set.copyOf(remove);
    // Cross-references are checked against the variant's merged view; paths point at where each item is written.
    Issues merged = new Issues();
    List<Located<TrainingRun>> mergedTraining = mergeLocated(baseTraining, training, removed, TrainingRun::id).stream()
        .map(t -> new Located<>(t.path(), t.value().pools().stream().allMatch(removed::contains) ? t.value()
            : t.value().withoutPools(removed))).toList();
    List<Located<ServingDemand>> mergedServing = mergeLocated(baseServing, serving, removed, ServingDemand::id).stream()
        .map(t -> new Located<>(t.path(), t.value().pools().stream().allMatch(removed::contains) ? t.value()
            : t.value().withoutPools(removed))).toList();
    for (Located<TrainingRun> t : mergedTraining) {
      if (t.value().pools().stream().allMatch(removed::contains)) {
        n.error("remove", "removes every pool of training run '" + t.value().id() + "'; remove the run too or give it other pools");
      }
    }
    for (Located<ServingDemand> t : mergedServing) {
      if (t.value().pools().stream().allMatch(removed::contains)) {
        n.error("remove", "removes every pool of serving demand '" + t.value().id() + "'; remove the demand too or give it other pools");
      }
    }
    checkFleet(merged, n.path(), mergeLocated(basePools, pools, removed, Pool::id),
        mergeLocated(baseOrders, orders, removed, Order::id));
    checkReferences(merged, mergeLocated(basePools, pools, removed, Pool::id),
        mergeLocated(baseOrders, orders, removed, Order::id),
        mergedTraining.stream().filter(t -> !t.value().pools().stream().allMatch(removed::contains)).toList(),
        mergedServing.stream().filter(t -> !t.value().pools().stream().allMatch(removed::contains)).toList(),
        declaredIds(n.items("pools"), n.items("orders")));
    String label = name.orElse("?");
    // a set, not the list: thousands of issues checked against thousands would take quadratic time
    Set<chipmix.validation.ValidationIssue> already = new java.util.HashSet<>(n.issues().list());
    for (var issue : merged.list()) {
      if (already.contains(issue)) {
        continue;
      }
      boolean inVariant = issue.path().startsWith(n.path());
      n.issues().add(issue.path(), (inVariant ? "" : "in variant '" + label + "': ") + issue.message());
    }
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Variant(name.get(), description, values(pools), values(orders), values(training), values(serving),
        removed));
  }

  /** The base scenario's items of each kind as written, by id, for variants that patch them. */
  private record BaseItems(Map<String, JsonNode> pools, Map<String, JsonNode> orders, Map<String, JsonNode> training,
      Map<String, JsonNode> serving) {}

  private static Map<String, JsonNode> byId(List<Node> items) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Node item : items) {
      JsonNode id = item.json().get("id");
      if (item.isObject() && id != null && id.isTextual()) {
        out.putIfAbsent(id.asText(), item.json());
      }
    }
    return out;
  }

  /**
   * A variant's items, each applied as a patch when its id names a base item of the same kind:
   * the variant's keys are merged over the base item's (see {@link #mergePatch}), and the result
   * is read and checked like any item, with problems reported at the variant's path. An item
   * whose id is new is read as written, so it must be complete.
   */
  private static List<Node> patched(List<Node> items, Map<String, JsonNode> base) {
    List<Node> out = new ArrayList<>();
    for (Node item : items) {
      JsonNode id = item.json().get("id");
      JsonNode original = item.isObject() && id != null && id.isTextual() ? base.get(id.asText()) : null;
      out.add(original == null ? item : item.withJson(mergePatch(original, item.json())));
    }
    return out;
  }

  /**
   * JSON Merge Patch (RFC 7396) of {@code patch} over {@code target}: mappings merge key by key,
   * recursively; a null value (YAML {@code ~} or {@code null}) removes the key; anything else,
   * lists included, replaces the target's value.
   */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject() || !target.isObject()) {
      return patch;
    }
    ObjectNode merged = ((ObjectNode) target).deepCopy();
    patch.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        merged.remove(e.getKey());
      } else if (merged.has(e.getKey())) {
        merged.set(e.getKey(), mergePatch(merged.get(e.getKey()), e.getValue()));
      } else {
        merged.set(e.getKey(), e.getValue());
      }
    });
    return merged;
  }

  private static <T> List<Located<T>> mergeLocated(List<Located<T>> base, List<Located<T>> override, Set<String> remove,
      Function<T, String> id) {
    return Variant.merge(base, override, remove, l -> id.apply(l.value()));
  }
}
