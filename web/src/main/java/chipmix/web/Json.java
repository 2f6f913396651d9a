package chipmix.web;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.validation.Issues;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.javalin.http.Context;
import chipmix.validation.ValidationIssue;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * JSON in and out of the REST API. Responses are records serialised with snake_case keys (the
 * documented contract) and without null fields; request bodies are read as trees and checked
 * with {@link Node}, so every problem is reported with its path, as for YAML files.
 */
public final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName() + " to JSON", e);
    }
  }

  /** Parses JSON text; a syntax error is an input error at {@code name} with its line and column. */
  public static JsonNode parse(String text, String name) {
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    return Yaml.parse(MAPPER, "JSON", text, name);
  }

  /** Stored JSON text back as a tree, to embed in a response. */
  public static JsonNode tree(String storedJson) {
    try {
      return MAPPER.readTree(storedJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads the request body as a JSON object with {@link Node} and maps it with {@code read},
   * then throws every issue found at once. A missing body is an issue at {@code body}.
   */
  public static <T> T body(Context ctx, Function<Node, T> read) {
    return body(ctx, read, value -> List.of());
  }

  /**
   * As {@link #body(Context, Function)}, but when the body itself has problems (missing or
   * malformed fields) also runs the core's checks on what could be read ({@code check}, which
   * returns its issues) and adds those on the other fields, so one answer lists every problem.
   * Issues on a field already reported are dropped: they concern the placeholder that stands in
   * for the missing or malformed value, not the user's input (a field is also covered by the
   * issues inside it: {@code model} by {@code model.layers}).
   */
  public static <T> T body(Context ctx, Function<Node, T> read, Function<T, List<ValidationIssue>> check) {
    JsonNode tree = parse(ctx.body(), "body");
    Issues issues = new Issues();
    if (tree.isMissingNode()) {
      issues.add("body", "is empty; send a JSON object (Content-Type: application/json)");
    } else if (!tree.isObject()) {
      issues.add("body", "must be a JSON object ({\"field\": value, ...}), got " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    issues.throwIfAny();
    T value = read.apply(Node.root(tree, "", issues));
    if (!issues.isEmpty()) {
      Set<String> reported = issues.list().stream().map(ValidationIssue::path).collect(Collectors.toSet());
      check.apply(value).stream().filter(i -> !covered(reported, i.path())).forEach(i -> issues.add(i.path(), i.message()));
    }
    issues.throwIfAny();
    return value;
  }

  /** Whether an issue at {@code path} concerns a field already reported, at it or inside it. */
  private static boolean covered(Set<String> reported, String path) {
    return reported.stream().anyMatch(r -> r.equals(path) || r.startsWith(path + ".") || r.startsWith(path + "["));
  }
}
