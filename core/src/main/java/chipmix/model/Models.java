package chipmix.model;

import chipmix.validation.InvalidInputException;
import chipmix.validation.Suggestions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a model argument. The command line takes a preset name (case-insensitive) or a YAML
 * file the user names ({@link #resolve(String, String)}); input from a network client (the web
 * API) is looked up among the presets only ({@link #preset(String, String)}), so no file is ever
 * opened on a client's behalf.
 */
public final class Models {
  /** Longest part of an unknown name repeated in an error message. */
  static final int MAX_ECHO = 80;

  private Models() {}

  /** How a model argument becomes a model; {@code option} names the input in errors. */
  @FunctionalInterface
  public interface Resolver {
    TransformerModel resolve(String option, String value);
  }

  /** A preset by name (case-insensitive); anything else is an input error listing the presets. No file is read. */
  public static TransformerModel preset(String option, String name) {
    return ModelPresets.find(name).orElseThrow(() -> InvalidInputException.of(option, "'" + echo(name)
        + "' is not a model preset" + Suggestions.didYouMean(echo(name), ModelPresets.names())
        + " (presets: " + String.join(", ", ModelPresets.names()) + ")"));
  }

  /** {@code text} cut to {@link #MAX_ECHO} characters for an error message. */
  static String echo(String text) {
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "... (" + text.length() + " characters)";
  }

  /**
   * A preset, else the YAML file at that path: for the command line, where the user names their
   * own files. {@code option} names the input in errors (for example {@code --model}).
   */
  public static TransformerModel resolve(String option, String presetOrFile) {
    var preset = ModelPresets.find(presetOrFile);
    if (preset.isPresent()) {
      return preset.get();
    }
    Path file = null;
    try {
      file = Path.of(presetOrFile);
    } catch (InvalidPathException e) {
      // not a path: fall through to the unknown-name error
    }
    if (file != null && Files.isRegularFile(file)) {
      return ModelLoader.load(file);
    }
    throw InvalidInputException.of(option, "'" + echo(presetOrFile) + "' is neither a model preset nor a readable file"
        + Suggestions.didYouMean(echo(presetOrFile), ModelPresets.names())
        + " (presets: " + String.join(", ", ModelPresets.names()) + ")");
  }

  public static TransformerModel resolve(String presetOrFile) {
    return resolve("`model`", presetOrFile);
  }
}
