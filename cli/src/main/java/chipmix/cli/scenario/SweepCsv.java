package chipmix.cli.scenario;

import chipmix.cli.Tabular;
import chipmix.sweep.Outcome;
import chipmix.sweep.Row;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A sweep's result rows as CSV, one row per plan: {@code point}, {@code sample}, {@code key}, one
 * column per axis (its value), then the columns of the outcome groups the sweep keeps: per training run {@code <id>.finish}, {@code <id>.deadline_met},
 * {@code <id>.days_late}, per serving demand {@code <id>.max_unmet_rps}, then {@code cost_usd},
 * {@code devices_blocked}, {@code devices_at_risk} and {@code problem} (empty unless the point's
 * scenario was not valid). Empty cells are outcomes a plan lacks. The file is read back to resume.
 */
public final class SweepCsv {
  private final List<String> axes;
  private final List<String> runs;
  private final List<String> demands;
  private final boolean cost;
  private final boolean devices;

  /** Columns for the outcome groups in {@code keep} only (a run's or demand's columns are left out with their group). */
  SweepCsv(List<String> axes, List<String> runs, List<String> demands, List<Outcome.Group> keep) {
    this.axes = List.copyOf(axes);
    this.runs = keep.contains(Outcome.Group.TRAINING) ? List.copyOf(runs) : List.of();
    this.demands = keep.contains(Outcome.Group.SERVING) ? List.copyOf(demands) : List.of();
    this.cost = keep.contains(Outcome.Group.COST);
    this.devices = keep.contains(Outcome.Group.DEVICES);
  }

  public List<String> header() {
    List<String> h = new ArrayList<>(List.of("point", "sample", "key"));
    h.addAll(axes);
    for (String r : runs) {
      h.addAll(List.of(r + ".finish", r + ".deadline_met", r + ".days_late"));
    }
    for (String d : demands) {
      h.add(d + ".max_unmet_rps");
    }
    if (cost) {
      h.add("cost_usd");
    }
    if (devices) {
      h.addAll(List.of("devices_blocked", "devices_at_risk"));
    }
    h.add("problem");
    return h;
  }

  /**
   * Each column's type, for typed outputs (Parquet): {@code int} (point, sample), {@code string}
   * (key, axis values, problem), {@code date} (finish), {@code boolean} (deadline met), {@code long}
   * (days late, devices), {@code double} (unmet requests/s), {@code decimal} (cost, to the cent).
   */
  public List<String> types() {
    List<String> t = new ArrayList<>(List.of("int", "int", "string"));
    axes.forEach(a -> t.add("string"));
    for (String r : runs) {
      t.addAll(List.of("date", "boolean", "long"));
    }
    demands.forEach(d -> t.add("double"));
    if (cost) {
      t.add("decimal");
    }
    if (devices) {
      t.addAll(List.of("long", "long"));
    }
    t.add("string");
    return t;
  }

  /** The row's CSV line (RFC 4180, ending in CRLF). */
  public String line(Row row) {
    List<String> cells = new ArrayList<>(List.of(Integer.toString(row.point()), Integer.toString(row.sample()), row.key()));
    cells.addAll(row.values());
    boolean ok = row.problem().isEmpty();
    for (String r : runs) {
      Optional<Row.TrainingOutcome> t = row.training().stream().filter(x -> x.id().equals(r)).findFirst();
      cells.add(t.flatMap(Row.TrainingOutcome::finish).map(LocalDate::toString).orElse(""));
      cells.add(t.flatMap(Row.TrainingOutcome::deadlineMet).map(Object::toString).orElse(""));
      cells.add(t.flatMap(Row.TrainingOutcome::daysLate).map(Object::toString).orElse(""));
    }
    for (String d : demands) {
      cells.add(row.serving().stream().filter(x -> x.id().equals(d)).findFirst()
          .map(x -> plain(x.maxUnmetRps())).orElse(""));
    }
    if (cost) {
      cells.add(ok ? plain(row.costUsd()) : "");
    }
    if (devices) {
      cells.add(ok ? Long.toString(row.devicesBlocked()) : "");
      cells.add(ok ? Long.toString(row.devicesAtRisk()) : "");
    }
    cells.add(row.problem().orElse(""));
    return Tabular.line(cells);
  }

  private static String plain(double d) {
    return new java.math.BigDecimal(d).setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  /** What an earlier run left in {@code file}: the rows it finished (a line cut short by a stop is dropped). */
  record Existing(List<String> header, List<Row> rows) {}

  Existing read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
      List<String> header = p.getHeaderNames();
      List<Row> rows = new ArrayList<>();
      if (!header.equals(header())) {
        return new Existing(header, rows);
      }
      for (CSVRecord r : p) {
        if (r.size() == header.size() && r.isConsistent()) {
          parse(r).ifPresent(rows::add);
        }
      }
      return new Existing(header, rows);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new UncheckedIOException("cannot read the rows of an earlier run from " + file + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** The row as it reads back from its CSV line, so that a summary is the same whether rows were computed now or resumed. */
  Row roundTrip(Row row) {
    return parseLine(line(row));
  }

  /** The row of one CSV line of these columns (as {@link #line} writes it; from a cluster's workers). */
  Row parseLine(String line) {
    try (CSVParser p = CSVFormat.RFC4180.parse(new java.io.StringReader(line))) {
      List<CSVRecord> records = p.getRecords();
      if (records.size() != 1 || records.get(0).size() != header().size()) {
        throw new IllegalStateException("a row does not read back: " + line);
      }
      return parse(records.get(0)).orElseThrow(() -> new IllegalStateException("a row does not read back: " + line));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Row> parse(CSVRecord r) {
    try {
      int point = Integer.parseInt(r.get(0));
      int sample = Integer.parseInt(r.get(1));
      String key = r.get(2);
      int c = 3;
      List<String> values = new ArrayList<>();
      for (int i = 0; i < axes.size(); i++) {
        values.add(r.get(c++));
      }
      String problem = r.get(r.size() - 1);
      if (!problem.isEmpty()) {
        return Optional.of(Row.failed(point, sample, key, values, problem));
      }
      List<Row.TrainingOutcome> training = new ArrayList<>();
      for (String id : runs) {
        Optional<LocalDate> finish = opt(r.get(c++)).map(LocalDate::parse);
        Optional<Boolean> met = opt(r.get(c++)).map(Boolean::parseBoolean);
        Optional<Long> late = opt(r.get(c++)).map(Long::parseLong);
        training.add(new Row.TrainingOutcome(id, finish, late, met));
      }
      List<Row.ServingOutcome> serving = new ArrayList<>();
      for (String id : demands) {
        serving.add(new Row.ServingOutcome(id, Double.parseDouble(r.get(c++))));
      }
      // A group not kept reads back as 0; the summary leaves it out (it covers the kept groups only).
      double usd = cost ? Double.parseDouble(r.get(c++)) : 0;
      long blocked = devices ? Long.parseLong(r.get(c++)) : 0;
      long atRisk = devices ? Long.parseLong(r.get(c)) : 0;
      return Optional.of(new Row(point, sample, key, values, training, serving, usd, blocked, atRisk, Optional.empty()));
    } catch (RuntimeException e) {
      // A line cut short or edited by hand: the point is planned again.
      return Optional.empty();
    }
  }

  private static Optional<String> opt(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
