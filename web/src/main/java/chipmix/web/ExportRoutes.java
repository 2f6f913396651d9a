package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.ExportJson;
import chipmix.exportcontrol.Request;
import chipmix.io.Node;
import chipmix.validation.Issues;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/export}: check, timeline and matrix over {@link ExportControl}, answering with the
 * same JSON documents as {@code chipmix export ... --format json} ({@link ExportJson}). Not
 * legal advice; every document says so in {@code notice}.
 */
final class ExportRoutes implements ApiModule {
  private final Catalog catalog;
  private final ExportControl rules;
  private final Clock clock;

  ExportRoutes(Catalog catalog, ExportControl rules, Clock clock) {
    this.catalog = catalog;
    this.rules = rules;
    this.clock = clock;
  }

  record Country(String code, String name) {}

  record Countries(List<Country> countries, List<String> matrixDefaults, String asOf) {}

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/export/countries", ctx -> Reply.ok(countries())),
        ApiRoute.post("/api/export/check", ctx -> {
          Request r = Json.body(ctx, n -> request(n, "date"));
          return Reply.ok(FieldWords.render(ExportJson.check(rules, rules.determine(r))));
        }),
        ApiRoute.post("/api/export/timeline", ctx -> {
          Request r = Json.body(ctx, n -> request(n, "until"));
          return Reply.ok(FieldWords.render(ExportJson.timeline(rules, r, rules.timeline(r, r.date()))));
        }),
        ApiRoute.post("/api/export/matrix", ctx -> Reply.ok(matrix(ctx)))
            .longRunning());
  }

  private Countries countries() {
    List<Country> list = rules.book().countries().entrySet().stream()
        .map(e -> new Country(e.getKey(), e.getValue())).sorted(java.util.Comparator.comparing(Country::name)).toList();
    return new Countries(list, ExportControl.MATRIX_DESTINATIONS, rules.book().asOf().toString());
  }

  /** Reads {chip, to, buyer_hq, from, parties, <dateKey>}; {@code null} when there were issues (thrown by the caller). */
  private Request request(Node n, String dateKey) {
    n.expectObject(Set.of("chip", "to", "buyer_hq", "from", "parties", "owners", dateKey));
    Issues issues = n.issues();
    Optional<Chip> chip = n.requireString("chip").flatMap(id -> issues.attempt(() -> catalog.chip("chip", id)));
    Optional<String> to = n.requireString("to").flatMap(c -> rules.country(issues, "to", c));
    Scope scope = scope(n, dateKey);
    if (chip.isEmpty() || to.isEmpty() || !issues.isEmpty()) {
      return null;
    }
    return new Request(chip.get(), to.get(), scope.buyerHq(), scope.from(), scope.parties(), scope.owners(), scope.date());
  }

  private record Scope(Optional<String> buyerHq, String from, List<String> parties, List<String> owners, LocalDate date) {}

  private Scope scope(Node n, String dateKey) {
    Issues issues = n.issues();
    Optional<String> hq = n.string("buyer_hq").flatMap(c -> rules.country(issues, "buyer_hq", c));
    String from = n.string("from").flatMap(c -> rules.country(issues, "from", c)).orElse("US");
    List<String> parties = distinct(n.strings("parties"), "parties", Limits.MAX_LIST_ITEMS, "Limits.MAX_LIST_ITEMS");
    LocalDate date = LocalDate.now(clock);
    Optional<String> text = n.string(dateKey);
    if (text.isPresent()) {
      try {
        date = LocalDate.parse(text.get());
        rules.date(issues, dateKey, date);
      } catch (DateTimeParseException e) {
        issues.add(dateKey, "'" + text.get() + "' is not a date (expected YYYY-MM-DD, e.g. 2025-06-01)");
      }
    }
    return new Scope(hq, from, parties, distinct(n.strings("owners"), "owners", Limits.MAX_LIST_ITEMS, "Limits.MAX_LIST_ITEMS"), date);
  }

  /**
   * {@code values} without repeats (ignoring case and surrounding blanks), in first-seen order;
   * more than {@code max} distinct values is refused (422) naming the limit.
   */
  static List<String> distinct(List<String> values, String path, int max, String limitName) {
    java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
    for (String v : values) {
      seen.putIfAbsent(v.strip().toLowerCase(java.util.Locale.ROOT), v.strip());
    }
    if (seen.size() > max) {
      throw Refusal.limit(path, "has " + seen.size() + " distinct entries; at most " + max + " are accepted (" + limitName + ")");
    }
    return List.copyOf(seen.values());
  }

  private com.fasterxml.jackson.databind.node.ObjectNode matrix(io.javalin.http.Context ctx) {
    record Ask(List<Chip> chips, List<String> to, Scope scope) {}
    Ask ask = Json.body(ctx, n -> {
      n.expectObject(Set.of("chips", "to", "buyer_hq", "from", "parties", "owners", "date"));
      Issues issues = n.issues();
      List<Chip> chips = new ArrayList<>();
      List<String> ids = distinct(n.strings("chips"), "chips", Limits.MAX_MATRIX_CHIPS, "Limits.MAX_MATRIX_CHIPS");
      if (ids.isEmpty()) {
        chips.addAll(catalog.chips());
      }
      List<String> codes = n.has("to")
          ? distinct(n.strings("to"), "to", Limits.MAX_MATRIX_DESTINATIONS, "Limits.MAX_MATRIX_DESTINATIONS")
          : ExportControl.MATRIX_DESTINATIONS;
      long cells = (long) (ids.isEmpty() ? chips.size() : ids.size()) * codes.size();
      if (cells > Limits.MAX_MATRIX_CELLS) {
        throw Refusal.limit("chips", "× to makes " + cells + " cells; at most " + Limits.MAX_MATRIX_CELLS
            + " are computed in one matrix (Limits.MAX_MATRIX_CELLS); ask for fewer chips or destinations");
      }
      for (int i = 0; i < ids.size(); i++) {
        String path = "chips[" + i + "]";
        String id = ids.get(i);
        issues.attempt(() -> catalog.chip(path, id)).ifPresent(chips::add);
      }
      List<String> to = new ArrayList<>();
      for (int i = 0; i < codes.size(); i++) {
        rules.country(issues, "to[" + i + "]", codes.get(i)).ifPresent(to::add);
      }
      return new Ask(chips, to, scope(n, "date"));
    });
    Scope s = ask.scope();
    return ExportJson.matrix(rules, rules.matrix(ask.chips(), ask.to(), s.buyerHq(), s.from(), s.parties(), s.owners(),
        s.date()));
  }
}
