package chipmix.cli;

import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Where an export command's answer goes ({@code --output FILE} or standard output) and its CSV tables. */
final class ExportOutput {
  private ExportOutput() {}

  /** Adds an issue when {@code output} is one of the catalog files the command reads. */
  static void check(Issues issues, Path output, CatalogOptions catalog) {
    OutputFiles.checkNotInput(issues, "--output", output, OutputFiles.inputs(List.of(), catalog));
  }

  /** Writes {@code answer} to {@code output} (creating its folder) or, without one, to standard output. */
  static void emit(PrintWriter out, PrintWriter err, Path output, String answer) {
    if (output == null) {
      out.print(answer);
      out.flush();
      return;
    }
    OutputFiles.write(output, answer);
    err.println("wrote " + output);
    err.flush();
  }

  /** A JSON answer as printed: the document and a line break. */
  static String json(JsonNode node) {
    return OutputFormat.jsonText(node) + "\n";
  }

  /**
   * The check as one row: the answer's keys (nested ones as dotted columns, such as
   * {@code chip.id} and {@code tpp.value}) with the rules of its reasons in {@code reason_rules}
   * and the not-legal-advice notice in {@code notice}.
   */
  static String checkCsv(JsonNode check) {
    ObjectNode row = check.deepCopy();
    ArrayNode rules = JsonNodeFactory.instance.arrayNode();
    check.path("reasons").forEach(x -> rules.add(x.path("rule")));
    row.set("reason_rules", rules);
    return Tabular.of(row).csv();
  }

  /**
   * The matrix as one row per chip and destination: the chip, then the cell's keys (destination,
   * classification, outcome, review policy, label, driving rules...), then the date and the stale
   * flag of the whole answer, so a spreadsheet filter on any column keeps its context.
   */
  static String matrixCsv(JsonNode matrix) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (JsonNode row : matrix.path("rows")) {
      for (JsonNode cell : row.path("cells")) {
        ObjectNode r = rows.addObject();
        r.set("chip", row.path("chip"));
        cell.fields().forEachRemaining(e -> r.set(e.getKey(), e.getValue()));
        r.set("date", matrix.path("date"));
        r.set("stale", matrix.path("stale"));
        r.set("stale_days", matrix.path("stale_days"));
      }
    }
    return Tabular.of(rows).csv();
  }

  /** The timeline as one row per date on which the answer changed, with the chip and destination. */
  static String timelineCsv(JsonNode timeline) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (JsonNode entry : timeline.path("entries")) {
      ObjectNode r = rows.addObject();
      r.set("chip", timeline.path("chip").path("id"));
      r.set("destination", timeline.path("destination"));
      entry.fields().forEachRemaining(e -> r.set(e.getKey(), e.getValue()));
      ArrayNode rules = JsonNodeFactory.instance.arrayNode();
      entry.path("reasons").forEach(x -> rules.add(x.path("rule")));
      r.set("reason_rules", rules);
    }
    return Tabular.of(rows).csv();
  }
}
