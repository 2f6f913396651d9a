package chipmix.io;

import chipmix.validation.InvalidInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;

/**
 * Parses YAML (a superset of JSON) text into a tree; syntax errors become input errors with a
 * line. YAML is read by chipmix's own tree builder over SnakeYAML's event parser (see
 * {@code YamlTree}): a key written twice, an alias or a tag is an error at its line and column,
 * and {@code .nan} is a number the loaders report with the file's other problems. Text longer
 * than {@link TextFiles#MAX_BYTES} is refused before it is parsed.
 */
public final class Yaml {
  private Yaml() {}

  /** Parses {@code text}; {@code name} (a file name) prefixes the error path. */
  public static JsonNode parse(String text, String name) {
    TextFiles.checkLength(text, name);
    return YamlTree.build(text, name);
  }

  /**
   * Parses {@code text} with {@code mapper} (JSON request bodies); empty text is a missing node,
   * and a syntax error is an input error at {@code name} saying the text is not valid
   * {@code language}, with its line and column.
   */
  public static JsonNode parse(ObjectMapper mapper, String language, String text, String name) {
    try {
      JsonNode tree = mapper.readTree(text);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
      throw InvalidInputException.of(name, "not valid " + language + where + ": " + e.getOriginalMessage());
    }
  }

  /**
   * Reads and parses a user's file ({@link TextFiles#read}: a regular file of at most
   * {@link TextFiles#MAX_BYTES}, UTF-8); a missing, unreadable, oversized or non-text file is an
   * input error naming it.
   */
  public static JsonNode parseFile(Path file) {
    return parse(TextFiles.read(file), file.toString());
  }

  /** Reads and parses a bundled classpath resource; a missing resource is a packaging bug. */
  public static JsonNode parseResource(String resource) {
    return YamlTree.build(Resources.text(resource), resource);
  }
}
