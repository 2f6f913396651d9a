package chipmix.model;

import chipmix.validation.InvalidInputException;
import chipmix.validation.Suggestions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves a model argument: a preset name (case-insensitive), else a YAML file path. */
public final class Models {
  private Models() {}

  /** {@code option} names the input in errors (for example {@code --model}). */
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
    throw InvalidInputException.of(option, "'" + presetOrFile + "' is neither a model preset nor a readable file"
        + Suggestions.didYouMean(presetOrFile, ModelPresets.names())
        + " (presets: " + String.join(", ", ModelPresets.names()) + ")");
  }

  public static TransformerModel resolve(String presetOrFile) {
    return resolve("--model", presetOrFile);
  }
}
