package chipmix.io;

import chipmix.validation.InvalidInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Parses YAML (a superset of JSON) text into a tree; syntax errors become input errors with a line. */
public final class Yaml {
  // A key written twice in one mapping is an error, not a silent "last one wins".
  private static final ObjectMapper MAPPER = new ObjectMapper(
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private Yaml() {}

  /** Parses {@code text}; {@code name} (a file name) prefixes the error path. */
  public static JsonNode parse(String text, String name) {
    return parse(MAPPER, "YAML", text, name);
  }

  /**
   * Parses {@code text} with {@code mapper}; empty text is a missing node, and a syntax error is an
   * input error at {@code name} saying the text is not valid {@code language}, with its line and column.
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

  /** Reads and parses a user's file; a missing or unreadable file is an input error naming it. */
  public static JsonNode parseFile(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw InvalidInputException.of(file.toString(), "file not found");
    } catch (IOException e) {
      throw InvalidInputException.of(file.toString(), "cannot read file: " + e.getMessage());
    }
  }

  /** Reads and parses a bundled classpath resource; a missing resource is a packaging bug. */
  public static JsonNode parseResource(String resource) {
    return parse(Resources.text(resource), resource);
  }
}
