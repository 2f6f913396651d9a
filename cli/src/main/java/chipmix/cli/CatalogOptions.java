package chipmix.cli;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Mixin for every command that reads the chip catalog: {@code --catalog FILE}, repeatable.
 * The catalog is the bundled one, extended by the user's catalog directory
 * ({@code $CHIPMIX_HOME/catalog/*.yaml}, default {@code ~/.chipmix/catalog/*.yaml}) and then by
 * the given files in order. Use with {@code @Mixin CatalogOptions catalogOptions;}.
 */
public final class CatalogOptions {
  @Option(names = "--catalog", paramLabel = "FILE",
      description = {"Extra catalog YAML (chips, systems, sources); repeatable, later files win.",
          "Also read: $CHIPMIX_HOME/catalog/*.yaml (default ~/.chipmix/catalog)."})
  List<Path> files = new ArrayList<>();

  private Catalog catalog;

  /** The catalog, loaded on first use; every problem in the user's files is reported at once. */
  public Catalog catalog() {
    if (catalog == null) {
      catalog = CatalogLoader.load(files);
    }
    return catalog;
  }

  public List<Path> files() {
    return List.copyOf(files);
  }
}
