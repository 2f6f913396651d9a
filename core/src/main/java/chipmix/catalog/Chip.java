package chipmix.catalog;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An accelerator as the catalog knows it. Numeric facts are sourced {@link Spec}s keyed by
 * {@link Metric}; a metric the sources do not state is absent. Text facts (vendor, process...)
 * are cited by the chip's {@link #sources()}.
 *
 * @param id canonical lower-case id ({@code h100-sxm})
 * @param aliases other ids that resolve to this chip, lower case ({@code nvidia-h100}, {@code h100})
 * @param designOrigin ISO country code of the designer's headquarters ({@code US}, {@code CN})
 * @param scaleUpLink name of the scale-up interconnect ({@code NVLink 4}), if known
 */
public record Chip(
    String id,
    String vendor,
    String name,
    List<String> aliases,
    Optional<String> formFactor,
    Optional<String> released,
    Optional<String> process,
    Optional<String> memoryType,
    Optional<String> scaleUpLink,
    String designOrigin,
    Market market,
    Map<Metric, Spec> specs,
    List<String> sources,
    String notes) {

  public Chip {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(formFactor, "formFactor");
    Objects.requireNonNull(released, "released");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(memoryType, "memoryType");
    Objects.requireNonNull(scaleUpLink, "scaleUpLink");
    Objects.requireNonNull(designOrigin, "designOrigin");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(notes, "notes");
    if (!id.equals(id.toLowerCase(Locale.ROOT)) || id.isBlank()) {
      throw new IllegalArgumentException("chip id must be non-blank lower case, got '" + id + "'");
    }
    aliases = aliases.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    // An EnumMap keeps metric order, so everything that walks the specs (cited sources, audits) is
    // deterministic; Map.copyOf would iterate in an order that changes from run to run.
    specs = specs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(specs));
    sources = List.copyOf(sources);
  }

  public Optional<Spec> spec(Metric metric) {
    return Optional.ofNullable(specs.get(metric));
  }

  public boolean has(Metric metric) {
    return specs.containsKey(metric);
  }

  /** True when {@code idOrAlias} names this chip (case-insensitive). */
  public boolean answersTo(String idOrAlias) {
    String k = idOrAlias.toLowerCase(Locale.ROOT);
    return id.equals(k) || aliases.contains(k);
  }
}
