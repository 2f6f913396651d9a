package chipmix.exportcontrol;

import chipmix.catalog.Chip;
import chipmix.catalog.ChipFigures;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The facts the rules test, taken from a catalog (or described) chip, with the basis of each:
 * TPP and performance density from {@link ChipFigures}; I/O bandwidth from the chip's stated
 * 3A090 I/O figure, else its scale-up link; DRAM bandwidth in GB/s; datacenter marketing from
 * its market (cloud-only chips count as datacenter).
 */
public record ChipFacts(String chipId, String chipName, Optional<Spec> tpp, Optional<Spec> performanceDensity,
    Optional<Spec> dieArea, Optional<Spec> ioBandwidth, String ioBasis, Optional<Spec> memoryBandwidth,
    Optional<Spec> interconnectBandwidth, Market market, String designOrigin) {

  public ChipFacts {
    Objects.requireNonNull(chipId, "chipId");
    Objects.requireNonNull(chipName, "chipName");
    Objects.requireNonNull(ioBasis, "ioBasis");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(designOrigin, "designOrigin");
  }

  public static ChipFacts of(Chip chip) {
    Optional<Spec> io = chip.spec(Metric.IO_BANDWIDTH);
    String ioBasis = "stated aggregate bidirectional I/O";
    if (io.isEmpty()) {
      io = chip.spec(Metric.SCALE_UP_BANDWIDTH);
      ioBasis = "scale-up link bandwidth (no separate I/O figure)";
    }
    if (io.isEmpty()) {
      ioBasis = "unknown";
    }
    Optional<Spec> interconnect = chip.spec(Metric.SCALE_UP_BANDWIDTH).or(() -> chip.spec(Metric.IO_BANDWIDTH));
    // Memory bandwidth is stored in TB/s; the rules' thresholds are in GB/s.
    Optional<Spec> memory = chip.spec(Metric.MEMORY_BANDWIDTH).map(s -> s.scaled(1000));
    return new ChipFacts(chip.id(), chip.name(), ChipFigures.tpp(chip), ChipFigures.performanceDensity(chip),
        chip.spec(Metric.DIE_AREA), io, ioBasis, memory, interconnect, chip.market(), chip.designOrigin());
  }

  public boolean datacenter() {
    return market != Market.CONSUMER;
  }

  public Optional<Spec> get(Fact fact) {
    return switch (fact) {
      case TPP -> tpp;
      case PERFORMANCE_DENSITY -> performanceDensity;
      case IO_BANDWIDTH -> ioBandwidth;
      case MEMORY_BANDWIDTH -> memoryBandwidth;
      case INTERCONNECT_BANDWIDTH -> interconnectBandwidth;
      case MEMORY_PLUS_IO_BANDWIDTH -> memoryBandwidth.flatMap(m -> ioBandwidth.map(io -> sum(m, io)));
    };
  }

  /** Two specs added bound by bound; as weak as the weaker input. */
  private static Spec sum(Spec a, Spec b) {
    Set<String> ids = new LinkedHashSet<>(a.sources());
    ids.addAll(b.sources());
    return new Spec(a.nominal() + b.nominal(), a.low() + b.low(), a.high() + b.high(), List.copyOf(ids),
        a.confidence().weakest(b.confidence()), "sum of DRAM and I/O bandwidth");
  }

  /** The outcome of one criterion on these facts, with a sentence fragment saying why. */
  public record Check(Criterion criterion, Tri result, String detail) {
    /** For an undecided test: the fact that would decide it ({@code applicable die area}). */
    public String decidingFact(ChipFacts f) {
      return switch (criterion) {
        case Criterion.Datacenter d -> "datacenter marketing";
        case Criterion.Threshold t -> t.fact() == Fact.PERFORMANCE_DENSITY && f.dieArea().isEmpty()
            ? "applicable die area (unknown)"
            : f.get(t.fact()).map(v -> t.fact().label() + " (range " + Numbers.fmt(v) + ")").orElse(t.fact().label() + " (unknown)");
      };
    }
  }

  public Check check(Criterion c) {
    return switch (c) {
      case Criterion.Datacenter d -> {
        String what = datacenter() ? "marketed for datacenters (" + marketText() + ")" : "not marketed for datacenters (consumer)";
        yield new Check(c, Tri.of(datacenter() == d.required()), what);
      }
      case Criterion.Threshold t -> threshold(t);
    };
  }

  private String marketText() {
    return switch (market) {
      case DATACENTER -> "datacenter";
      case CLOUD_ONLY -> "cloud-only, counted as datacenter";
      case CONSUMER -> "consumer";
    };
  }

  private Check threshold(Criterion.Threshold t) {
    Optional<Spec> s = get(t.fact());
    String unit = t.fact().unit().isEmpty() ? "" : " " + t.fact().unit();
    String limit = Numbers.fmt(t.value()) + unit;
    if (s.isEmpty()) {
      return new Check(t, Tri.UNKNOWN, t.describe() + unknownHint(t));
    }
    Spec v = s.get();
    boolean lowMeets = Numbers.atLeast(v.low(), t.value());
    boolean highMeets = Numbers.atLeast(v.high(), t.value());
    String value = t.fact().label() + " " + Numbers.fmtAgainst(v, t.value()) + unit;
    if (lowMeets == highMeets) {
      boolean atLeast = lowMeets;
      boolean ok = atLeast == t.atLeast();
      return new Check(t, Tri.of(ok), value + (atLeast ? " >= " : " < ") + limit);
    }
    return new Check(t, Tri.UNKNOWN, t.describe() + " (" + value + " straddles it)");
  }

  /** For unknown performance density: the die area that would decide the test, from TPP. */
  private String unknownHint(Criterion.Threshold t) {
    if (t.fact() != Fact.PERFORMANCE_DENSITY) {
      return "";
    }
    if (dieArea.isEmpty() && tpp.isPresent() && t.value() > 0) {
      // PD >= x iff die area <= TPP / x; with a TPP range the bound is a range too.
      String low = Numbers.fmt(Math.round(tpp.get().low() / t.value() * 10) / 10.0);
      String high = Numbers.fmt(Math.round(tpp.get().high() / t.value() * 10) / 10.0);
      String area = low.equals(high) ? low : low + " to " + high;
      return " (die area " + (t.atLeast() ? "<= " : "> ") + area + " mm²; die area unknown)";
    }
    return dieArea.isEmpty() ? " (die area unknown)" : " (TPP unknown)";
  }

  /** The facts that were used, as one sentence, and the source ids behind them. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    parts.add("TPP " + tpp.map(Numbers::fmt).orElse("unknown"));
    parts.add("performance density " + performanceDensity.map(Numbers::fmt).orElse("unknown")
        + dieArea.map(d -> " (TPP / die area " + Numbers.fmt(d) + " mm²)").orElse(" (no die area)"));
    parts.add("I/O " + ioBandwidth.map(s -> Numbers.fmt(s) + " GB/s").orElse("unknown") + " (" + ioBasis + ")");
    parts.add("DRAM bandwidth " + memoryBandwidth.map(s -> Numbers.fmt(s) + " GB/s").orElse("unknown"));
    parts.add(datacenter() ? "marketed for datacenters (" + marketText() + ")" : "not marketed for datacenters (consumer)");
    return String.join("; ", parts);
  }

  public List<String> sources() {
    Set<String> ids = new LinkedHashSet<>();
    for (Optional<Spec> s : List.of(tpp, dieArea, ioBandwidth, memoryBandwidth)) {
      s.ifPresent(x -> ids.addAll(x.sources()));
    }
    return List.copyOf(ids);
  }
}
