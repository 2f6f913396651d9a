package chipmix.cli.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.cli.CatalogOptions;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.Party;
import chipmix.model.ModelPresets;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import chipmix.scenario.engines.ExportCompliance;
import chipmix.scenario.engines.InferenceSizing;
import chipmix.scenario.engines.TrainingSearch;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires the scenario planner to the other capabilities for the CLI: the catalog (bundled plus
 * {@code --catalog} files), the export-control engine, the training search and the inference
 * sizing; records what the answers rest on (as-of data: content fingerprints of the catalog,
 * calibration and rule files, and the rules' as-of date) so that a report can be reproduced.
 */
final class ScenarioSupport {
  static final String RULES_DIR = "/chipmix/rules/";
  static final List<String> RULE_FILES = List.of("countries.yaml", "groups.yaml", "parties.yaml", "rules.yaml");

  private final Catalog catalog;
  private final List<Path> catalogFiles;
  private final PrintWriter progress;
  private final ExportControl export = ExportControl.bundled();
  /**
   * Shared across commands in one JVM (the tests run many): answers depend only on the bundled
   * calibration and the arguments, which are part of every cache key.
   */
  private static final TrainingSearch TRAINING = new TrainingSearch(Calibrations.bundled());
  private static final InferenceSizing SERVING = new InferenceSizing(Calibrations.bundled());

  private ScenarioSupport(Catalog catalog, List<Path> catalogFiles, PrintWriter progress) {
    this.catalog = catalog;
    this.catalogFiles = catalogFiles;
    this.progress = progress;
  }

  /** {@code progress} receives progress lines (null for none). */
  static ScenarioSupport of(CatalogOptions options, PrintWriter progress) {
    return new ScenarioSupport(options.catalog(), options.files(), progress);
  }

  Scenario load(Path file) {
    List<String> parties = new ArrayList<>();
    for (Party p : export.book().parties()) {
      parties.add(p.id());
      parties.addAll(p.aliases());
    }
    return new ScenarioLoader(catalog, ModelPresets.names(), parties).load(file);
  }

  Planner planner() {
    Engines engines = new Engines(new ExportCompliance(export), TRAINING, SERVING, asOf());
    return new Planner(catalog, engines, this::progress);
  }

  void progress(String line) {
    if (progress != null) {
      progress.println("chipmix: " + line);
      progress.flush();
    }
  }

  Map<String, String> asOf() {
    Map<String, String> m = new LinkedHashMap<>();
    List<byte[]> catalogBytes = new ArrayList<>();
    for (String f : CatalogLoader.BUNDLED_FILES) {
      catalogBytes.add(resource(CatalogLoader.BUNDLED_DIR + f));
    }
    List<Path> user = new ArrayList<>(CatalogLoader.userDirectoryFiles(CatalogLoader.userDirectory()));
    user.addAll(catalogFiles);
    for (Path p : user) {
      try {
        catalogBytes.add(Files.readAllBytes(p));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read catalog file " + p, e);
      }
    }
    m.put("catalog", "sha256:" + sha(catalogBytes) + " (" + catalog.chips().size() + " chips, " + catalog.systems().size()
        + " systems" + (user.isEmpty() ? ", bundled only" : ", with " + user.size() + " user file(s)") + ")");
    m.put("calibration", "sha256:" + sha(List.of(resource(Calibrations.RESOURCE))));
    List<byte[]> rules = new ArrayList<>();
    for (String f : RULE_FILES) {
      rules.add(resource(RULES_DIR + f));
    }
    m.put("rules", "as of " + export.book().asOf() + ", sha256:" + sha(rules));
    String v = ScenarioSupport.class.getPackage().getImplementationVersion();
    m.put("chipmix", v == null ? "development build" : v);
    return m;
  }

  private static byte[] resource(String name) {
    try (InputStream in = ScenarioSupport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled resource " + name, e);
    }
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

  /** Writes a report file; failures are I/O errors (exit code 1) naming the file. */
  static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
