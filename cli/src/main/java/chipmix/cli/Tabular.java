package chipmix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Tables for spreadsheets ({@code --format csv}). A command's CSV is the rows of its JSON answer
 * (the same keys, documented with the JSON), so the two never disagree: nested objects become
 * dotted columns ({@code memory.total_gib}), lists of values one cell joined by "; ", lists of
 * objects their own rows elsewhere (they are left out here). Numbers are written in full, never
 * in scientific notation.
 */
public final class Tabular {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private Tabular() {}

  /** A header and its rows; every row has one cell per header column. */
  public record Table(List<String> header, List<List<String>> rows) {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException("a row has " + row.size() + " cells for " + header.size() + " columns");
        }
      }
    }

    /** RFC 4180 CSV, a header line first. */
    public String csv() {
      StringBuilder out = new StringBuilder();
      try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
        printer.printRecord(header);
        for (List<String> row : rows) {
          printer.printRecord(row);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toString();
    }
  }

  /** One CSV line (with its line break) of {@code fields}. */
  public static String line(List<String> fields) {
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printRecord(fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** One row per object of {@code items} (an array, or one object for a one-row table). */
  public static Table of(JsonNode items) {
    List<JsonNode> objects = items.isArray()
        ? StreamSupport.stream(items.spliterator(), false).toList() : List.of(items);
    List<Map<String, String>> flat = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    for (JsonNode o : objects) {
      Map<String, String> row = new LinkedHashMap<>();
      flatten(o, "", row);
      columns.addAll(row.keySet());
      flat.add(row);
    }
    // a key that is null in one row and an object in another ("placement") keeps only its dotted columns
    columns.removeIf(c -> columns.stream().anyMatch(other -> other.startsWith(c + ".")));
    List<List<String>> rows = flat.stream()
        .map(r -> columns.stream().map(c -> r.getOrDefault(c, "")).toList()).toList();
    return new Table(List.copyOf(columns), rows);
  }

  private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out));
    } else if (node.isArray()) {
      boolean scalars = StreamSupport.stream(node.spliterator(), false).allMatch(JsonNode::isValueNode);
      if (scalars) {
        List<String> cells = new ArrayList<>();
        node.forEach(v -> cells.add(cell(v)));
        out.put(prefix, String.join("; ", cells));
      }
    } else {
      out.put(prefix, cell(node));
    }
  }

  private static String cell(JsonNode v) {
    if (v.isNull() || v.isMissingNode()) {
      return "";
    }
    if (v.isNumber()) {
      BigDecimal d = v.decimalValue().stripTrailingZeros();
      return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
    return v.asText();
  }
}
