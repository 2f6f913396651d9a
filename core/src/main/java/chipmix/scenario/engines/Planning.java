package chipmix.scenario.engines;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.Party;
import chipmix.io.Resources;
import chipmix.model.ModelPresets;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scenario planner wired to the other capabilities, for every adapter (the CLI's
 * {@code plan}/{@code compare}/{@code scenario validate} and the web server): the catalog
 * (bundled plus user files), the export-control engine, the training search and the inference
 * sizing; and what the answers rest on (as-of data: content fingerprints of the catalog,
 * calibration and rule files, and the rules' as-of date) so that a report can be reproduced.
 */
public final class Planning {

  /**
   * Shared across uses in one JVM: answers depend only on the bundled calibration and the
   * arguments, which are part of every cache key.
   */
  private static final TrainingSearch TRAINING = new TrainingSearch(Calibrations.bundled());
  private static final InferenceSizing SERVING = new InferenceSizing(Calibrations.bundled());

  private final Catalog catalog;
  private final List<Path> catalogFiles;
  // The bundled rules with the user's rule files ($CHIPMIX_HOME/rules, default ~/.chipmix/rules).
  private final ExportControl export = ExportControl.withUserRules(java.util.Optional.empty());

  private Planning(Catalog catalog, List<Path> catalogFiles) {
    this.catalog = catalog;
    this.catalogFiles = List.copyOf(catalogFiles);
  }

  /** @param catalogFiles the user's extra catalog files the catalog was loaded with (for the as-of record) */
  public static Planning of(Catalog catalog, List<Path> catalogFiles) {
    return new Planning(catalog, catalogFiles);
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The strict loader, checking model names against the presets, parties and countries against the rules' lists. */
  public ScenarioLoader loader() {
    List<String> parties = new ArrayList<>();
    for (Party p : export.book().parties()) {
      parties.add(p.id());
      parties.addAll(p.aliases());
    }
    return new ScenarioLoader(catalog, ModelPresets.names(), parties, export.book().countries());
  }

  public Scenario load(Path file) {
    return loader().load(file);
  }

  public Scenario loadText(String yaml, String name) {
    return loader().loadText(yaml, name);
  }

  public Engines engines() {
    return new Engines(new ExportCompliance(export), TRAINING, SERVING, asOf());
  }

  /** @param progress receives progress lines */
  public Planner planner(Consumer<String> progress) {
    return new Planner(planCatalog(), engines(), progress);
  }

  /**
   * The catalog with the rule data's own sources (filings, Federal Register documents) added to its
   * source table, so that a plan's "Sources cited" lists the export findings' sources too.
   */
  public Catalog planCatalog() {
    Catalog c = catalog;
    Map<String, chipmix.catalog.Source> all = new LinkedHashMap<>(c.sources());
    export.book().sources().values().forEach(s -> all.putIfAbsent(s.id(),
        new chipmix.catalog.Source(s.id(), s.title(), s.publisher(), s.url(), s.date(), s.note())));
    return new Catalog(c.chips(), c.systems(), all);
  }

  public Map<String, String> asOf() {
    Map<String, String> m = new LinkedHashMap<>();
    List<byte[]> catalogBytes = new ArrayList<>();
    for (String f : CatalogLoader.BUNDLED_FILES) {
      catalogBytes.add(Resources.bytes(CatalogLoader.BUNDLED_DIR + f));
    }
    List<Path> user = new ArrayList<>(CatalogLoader.userDirectoryFiles(CatalogLoader.userDirectory()));
    user.addAll(catalogFiles);
    for (Path p : user) {
      catalogBytes.add(chipmix.io.TextFiles.bytes(p)); // read with the loaders' checks (regular file, size cap)
    }
    m.put("catalog", "sha256:" + sha(catalogBytes) + " (" + catalog.chips().size() + " chips, " + catalog.systems().size()
        + " systems" + (user.isEmpty() ? ", bundled only" : ", with " + user.size() + " user file(s)") + ")");
    m.put("calibration", "sha256:" + sha(List.of(Resources.bytes(Calibrations.RESOURCE))));
    List<byte[]> rules = new ArrayList<>();
    for (String f : chipmix.exportcontrol.RuleBookLoader.BUNDLED_FILES) {
      rules.add(Resources.bytes(chipmix.exportcontrol.RuleBookLoader.BUNDLED_DIR + f));
    }
    for (String pack : export.book().packs()) {
      rules.add(chipmix.io.TextFiles.bytes(Path.of(pack)));
    }
    m.put("rules", "as of " + export.book().asOf() + ", sha256:" + sha(rules)
        + (export.book().packs().isEmpty() ? "" : " (with " + export.book().packs().size() + " user rule file(s))"));
    String v = Planning.class.getPackage().getImplementationVersion();
    m.put("chipmix", v == null ? "development build" : v);
    return m;
  }

  private static String sha(List<byte[]> parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (byte[] b : parts) {
        d.update(b);
      }
      return HexFormat.of().formatHex(d.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
