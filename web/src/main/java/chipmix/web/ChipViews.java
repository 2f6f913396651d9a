package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.DerivedFigure;
import chipmix.catalog.Metric;
import chipmix.catalog.Source;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON views of catalog records (translation only: figures come from {@link DerivedFigure}), in
 * the shape of {@code chipmix chips --format json}. Every
 * number travels with its unit, its low/high range, its source ids and a confidence; responses
 * carry the cited sources by id so the UI can show them on hover.
 */
final class ChipViews {
  private ChipViews() {}

  /** A value; {@code support} is primary or secondary for a stated value, absent (null) for a derived figure. */
  record SpecView(double value, double low, double high, String unit, List<String> sources, String confidence,
      String support, String note) {
    static SpecView of(Spec s, String unit) {
      return new SpecView(s.nominal(), s.low(), s.high(), unit, s.sources(),
          s.confidence().name().toLowerCase(Locale.ROOT), null, s.note().isEmpty() ? null : s.note());
    }

    static SpecView stated(Catalog catalog, Spec s, String unit) {
      return new SpecView(s.nominal(), s.low(), s.high(), unit, s.sources(),
          s.confidence().name().toLowerCase(Locale.ROOT), catalog.support(s).name().toLowerCase(Locale.ROOT),
          s.note().isEmpty() ? null : s.note());
    }
  }

  record ChipView(
      String id,
      String vendor,
      String name,
      List<String> aliases,
      String formFactor,
      String released,
      String process,
      String memoryType,
      String scaleUpLink,
      String designOrigin,
      String market,
      Map<String, SpecView> specs,
      Map<String, SpecView> derived,
      List<String> sources,
      String notes) {}

  record SystemView(String id, String name, String chipId, int devicesPerNode, int scaleUpDomain,
      SpecView scaleUpBandwidth, SpecView scaleOutBandwidth, List<String> sources, String notes) {}

  /** A cited source; {@code kind} (datasheet, ..., compilation, press, blog) is absent when the catalog does not state it. */
  record SourceView(String id, String title, String publisher, String url, String date, String kind, String note) {
    static SourceView of(Source s) {
      return new SourceView(s.id(), s.title(), s.publisher(), s.url(), s.date(),
          s.kind().map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-')).orElse(null),
          s.note().isEmpty() ? null : s.note());
    }
  }

  /** A metric as the UI shows it: {@code label} for people, {@code key} for scripts (shown on hover). */
  record MetricView(String key, String label, String unit, String description) {}

  static ChipView chip(Catalog catalog, Chip c) {
    Map<String, SpecView> specs = new LinkedHashMap<>();
    for (Metric m : Metric.values()) {
      c.spec(m).ifPresent(s -> specs.put(m.key(), SpecView.stated(catalog, s, m.unit())));
    }
    Map<String, SpecView> derived = new LinkedHashMap<>();
    for (DerivedFigure d : DerivedFigure.values()) {
      d.of(c).ifPresent(s -> derived.put(d.key(), SpecView.of(s, d.unit())));
    }
    return new ChipView(c.id(), c.vendor(), c.name(), c.aliases(), c.formFactor().orElse(null),
        c.released().orElse(null), c.process().orElse(null), c.memoryType().orElse(null),
        c.scaleUpLink().orElse(null), c.designOrigin(), c.market().name().toLowerCase(Locale.ROOT), specs, derived,
        c.sources(), c.notes().isEmpty() ? null : c.notes());
  }

  static SystemView system(Catalog catalog, SystemSpec s) {
    return new SystemView(s.id(), s.name(), s.chipId(), s.devicesPerNode(), s.scaleUpDomain(),
        SpecView.stated(catalog, s.scaleUpBandwidth(), Metric.SCALE_UP_BANDWIDTH.unit()),
        s.scaleOutBandwidth().map(b -> SpecView.stated(catalog, b, Metric.SCALE_OUT_BANDWIDTH.unit())).orElse(null),
        s.sources(), s.notes().isEmpty() ? null : s.notes());
  }

  static List<MetricView> metrics() {
    List<MetricView> out = new java.util.ArrayList<>();
    for (Metric m : Metric.values()) {
      out.add(new MetricView(m.key(), m.label(), m.unit(), m.description()));
    }
    for (DerivedFigure d : DerivedFigure.values()) {
      out.add(new MetricView(d.key(), d.label(), d.unit(), d.label() + ": " + d.formula()));
    }
    return out;
  }

  /** The sources cited by the given views (chip-level and value-level), by id. */
  static Map<String, SourceView> sourcesOf(Catalog catalog, Collection<ChipView> chips) {
    Map<String, SourceView> out = new TreeMap<>();
    for (ChipView c : chips) {
      c.sources().forEach(id -> cite(catalog, id, out));
      c.specs().values().forEach(s -> s.sources().forEach(id -> cite(catalog, id, out)));
      c.derived().values().forEach(s -> s.sources().forEach(id -> cite(catalog, id, out)));
    }
    return out;
  }

  private static void cite(Catalog catalog, String id, Map<String, SourceView> out) {
    catalog.source(id).ifPresent(s -> out.put(id, SourceView.of(s)));
  }
}
