package chipmix.web;

import chipmix.io.Node;
import chipmix.model.ModelLoader;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code model} field of a web request: a preset name ({@code "llama3-70b"}) or a model
 * given inline as an object with the keys of a model file ({@code {"layers": 80, "hidden":
 * 8192, ...}}). Never a file path: the server opens no file on a client's behalf, so an
 * unknown name is an input error that lists the presets.
 *
 * @param name the preset name, or the inline model's name
 * @param inline the inline model, when one was given and is valid
 */
record ModelField(String name, Optional<TransformerModel> inline) implements Models.Resolver {
  static final String KEY = "model";

  /** Reads {@code model} under {@code n}; a missing or malformed value is an issue at {@code model} (or under it). */
  static ModelField read(Node n) {
    if (!n.has(KEY)) {
      n.error(KEY, "is required: a preset name (see GET /api/models) or a model object {layers, hidden, heads, ffn_hidden, vocab, ...}");
      return new ModelField("", Optional.empty());
    }
    if (n.json().get(KEY).isTextual()) {
      return new ModelField(n.json().get(KEY).asText().strip(), Optional.empty());
    }
    if (n.json().get(KEY).isObject()) {
      Optional<TransformerModel> m = n.child(KEY).flatMap(c -> ModelLoader.read(c, "inline", "inline model in the request"));
      return new ModelField(m.map(TransformerModel::name).orElse(""), m);
    }
    n.error(KEY, "must be a preset name or a model object, got "
        + n.json().get(KEY).getNodeType().name().toLowerCase(Locale.ROOT));
    return new ModelField("", Optional.empty());
  }

  /** The core's name for the main model's input (the field {@code `model`}); other inputs (a draft model) are presets only. */
  static final String MODEL_OPTION = chipmix.validation.FieldRef.of("model");

  /** For the main model, the inline model if one was given; otherwise the preset named {@code value}. No file is read. */
  @Override
  public TransformerModel resolve(String option, String value) {
    if (option.equals(MODEL_OPTION) && inline.isPresent()) {
      return inline.get();
    }
    return Models.preset(option, value);
  }
}
