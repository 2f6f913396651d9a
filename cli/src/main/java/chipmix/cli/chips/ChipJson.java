package chipmix.cli.chips;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.DerivedFigure;
import chipmix.catalog.Metric;
import chipmix.catalog.Source;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.io.Node;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON shapes of the chips commands (a documented contract, docs/catalog.md): snake_case
 * keys, a spec as {@code {value, low, high, unit, sources, confidence, note}}, unknown specs
 * left out of {@code specs}, derived figures always present and {@code null} when unknown.
 */
final class ChipJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ChipJson() {}


  static ObjectNode chip(Catalog catalog, Chip c) {
    ObjectNode o = F.objectNode();
    o.put("id", c.id());
    o.put("vendor", c.vendor());
    o.put("name", c.name());
    ArrayNode aliases = o.putArray("aliases");
    c.aliases().forEach(aliases::add);
    text(o, "form_factor", c.formFactor());
    text(o, "released", c.released());
    text(o, "process", c.process());
    text(o, "memory_type", c.memoryType());
    text(o, "scale_up_link", c.scaleUpLink());
    o.put("design_origin", c.designOrigin());
    o.put("market", Node.enumText(c.market()));
    ArrayNode sources = o.putArray("sources");
    c.sources().forEach(sources::add);
    if (c.notes().isEmpty()) {
      o.putNull("notes");
    } else {
      o.put("notes", c.notes());
    }
    ObjectNode specs = o.putObject("specs");
    for (Metric m : Metric.values()) {
      c.spec(m).ifPresent(s -> {
        ObjectNode spec = spec(s, m.unit());
        spec.put("support", Node.enumText(catalog.support(s)));
        specs.set(m.key(), spec);
      });
    }
    ObjectNode derived = o.putObject("derived");
    for (DerivedFigure d : DerivedFigure.values()) {
      Optional<Spec> s = d.of(c);
      if (s.isPresent()) {
        derived.set(d.key(), spec(s.get(), d.unit()));
      } else {
        derived.putNull(d.key());
      }
    }
    ArrayNode systems = o.putArray("systems");
    catalog.systems().stream().filter(s -> s.chipId().equals(c.id())).map(SystemSpec::id).forEach(systems::add);
    return o;
  }

  static ObjectNode spec(Spec s, String unit) {
    ObjectNode o = F.objectNode();
    o.put("value", s.nominal());
    o.put("low", s.low());
    o.put("high", s.high());
    o.put("unit", unit);
    ArrayNode src = o.putArray("sources");
    s.sources().forEach(src::add);
    o.put("confidence", s.confidence().name().toLowerCase(Locale.ROOT));
    if (s.note().isEmpty()) {
      o.putNull("note");
    } else {
      o.put("note", s.note());
    }
    return o;
  }

  /** {@code {"S01": {title, publisher, url, date, note}, ...}} for the given ids, in catalog order. */
  static ObjectNode sources(Catalog catalog, Collection<String> ids) {
    ObjectNode o = F.objectNode();
    for (Source s : catalog.sources().values()) {
      if (ids.contains(s.id())) {
        ObjectNode e = o.putObject(s.id());
        e.put("title", s.title());
        e.put("publisher", s.publisher());
        e.put("url", s.url());
        e.put("date", s.date());
        if (s.kind().isPresent()) {
          e.put("kind", Node.enumText(s.kind().get()));
        } else {
          e.putNull("kind");
        }
        if (s.note().isEmpty()) {
          e.putNull("note");
        } else {
          e.put("note", s.note());
        }
      }
    }
    return o;
  }

  /** Every source id a chip cites: its own list, then its specs' and derived figures' in order. */
  static Set<String> citedBy(Chip c) {
    Set<String> ids = new LinkedHashSet<>(c.sources());
    c.specs().values().forEach(s -> ids.addAll(s.sources()));
    return ids;
  }

  static Set<String> citedBy(List<Chip> chips) {
    Set<String> ids = new LinkedHashSet<>();
    chips.forEach(c -> ids.addAll(citedBy(c)));
    return ids;
  }

  static ObjectNode object() {
    return F.objectNode();
  }

  private static void text(ObjectNode o, String key, Optional<String> v) {
    if (v.isPresent()) {
      o.put(key, v.get());
    } else {
      o.putNull(key);
    }
  }
}
