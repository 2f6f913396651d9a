package chipmix.perfmodel;

import chipmix.catalog.Confidence;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A training framework's recipe: the settings it applies by default or in its own published
 * performance recipes, each with its source ({@code recipes.yaml}).
 *
 * @param id the id users give ({@code --recipe}, {@code recipe:} keys)
 * @param name what it stands for
 * @param settings the settings
 * @param citations per setting key (as in {@code recipes.yaml}), where the value comes from
 */
public record Recipe(String id, String name, String note, RecipeSettings settings, Map<String, Citation> citations) {

  /** The source of one setting and how far to trust it. */
  public record Citation(String source, Confidence confidence) {
    public Citation {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(confidence, "confidence");
    }
  }

  public Recipe {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(settings, "settings");
    citations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(citations));
  }
}
