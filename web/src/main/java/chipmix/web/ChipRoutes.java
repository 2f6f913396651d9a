package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.web.ChipViews.ChipView;
import chipmix.web.ChipViews.MetricView;
import chipmix.web.ChipViews.SourceView;
import chipmix.web.ChipViews.SystemView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code /api/chips}: list, show and compare catalog chips, with the sources they cite. */
final class ChipRoutes implements ApiModule {
  /** Most chips one comparison takes (a wider table is unreadable). */
  static final int MAX_COMPARE = 8;

  private final Catalog catalog;

  ChipRoutes(Catalog catalog) {
    this.catalog = catalog;
  }

  record ChipList(List<ChipView> chips, List<MetricView> metrics, Map<String, SourceView> sources) {}

  record ChipDetail(ChipView chip, List<SystemView> systems, Map<String, SourceView> sources) {}

  record Comparison(List<ChipView> chips, List<MetricView> metrics, Map<String, SourceView> sources) {}

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/chips", ctx -> Reply.ok(list())),
        // Registered before /api/chips/{id} so "compare" is not taken for an id.
        ApiRoute.get("/api/chips/compare", ctx -> Reply.ok(compare(ctx.queryParam("ids")))),
        ApiRoute.get("/api/chips/{id}", ctx -> Reply.ok(show(ctx.pathParam("id")))));
  }

  ChipList list() {
    List<ChipView> chips = catalog.chips().stream().map(c -> ChipViews.chip(catalog, c)).toList();
    return new ChipList(chips, ChipViews.metrics(), ChipViews.sourcesOf(catalog, chips));
  }

  ChipDetail show(String id) {
    Chip chip = catalog.chip("id", id);
    ChipView view = ChipViews.chip(catalog, chip);
    List<SystemView> systems = catalog.systems().stream()
        .filter(s -> s.chipId().equals(chip.id())).map(s -> ChipViews.system(catalog, s)).toList();
    return new ChipDetail(view, systems, ChipViews.sourcesOf(catalog, List.of(view)));
  }

  Comparison compare(String ids) {
    if (ids == null || ids.isBlank()) {
      throw InvalidInputException.of("ids", "is required: give 2 to " + MAX_COMPARE
          + " chip ids separated by commas, for example ?ids=h20,ascend-910b");
    }
    List<String> names = Arrays.stream(ids.split(",")).map(String::strip).toList();
    Issues issues = new Issues();
    if (names.size() < 2 || names.size() > MAX_COMPARE) {
      issues.add("ids", "compare takes 2 to " + MAX_COMPARE + " chips, got " + names.size());
    }
    List<ChipView> chips = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String path = "ids[" + i + "]";
      if (names.get(i).isEmpty()) {
        issues.add(path, "is empty; remove the extra comma");
        continue;
      }
      String name = names.get(i);
      issues.attempt(() -> catalog.chip(path, name)).ifPresent(c -> chips.add(ChipViews.chip(catalog, c)));
    }
    issues.throwIfAny();
    return new Comparison(chips, ChipViews.metrics(), ChipViews.sourcesOf(catalog, chips));
  }
}
