package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.exportcontrol.ExportControl;
import chipmix.web.store.JdbcScenarioStore;
import chipmix.web.store.ScenarioStore;
import chipmix.web.store.Sqlite;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The chipmix web application: opens the scenario database (applying migrations), wires every
 * capability's routes over the core functions and starts the {@link WebServer}. Close it to
 * stop the server.
 */
public final class WebApp implements AutoCloseable {
  public static final int DEFAULT_PORT = 7070;
  public static final String DEFAULT_HOST = "127.0.0.1";

  /**
   * @param host address to listen on ({@code 127.0.0.1}: this machine only)
   * @param port TCP port; 0 picks a free one
   * @param database SQLite file holding saved scenarios and runs
   */
  public record Settings(String host, int port, Path database, Catalog catalog, ScenarioEngine scenarios) {
    public Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(scenarios, "scenarios");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
    }
  }

  private final WebServer server;
  private final ScenarioStore store;

  private WebApp(WebServer server, ScenarioStore store) {
    this.server = server;
    this.store = store;
  }

  public static WebApp start(Settings settings) {
    ScenarioStore store = JdbcScenarioStore.open(Sqlite.at(settings.database()), Clock.systemUTC());
    List<ApiModule> modules = new ArrayList<>();
    modules.add(new ChipRoutes(settings.catalog()));
    // The bundled rules with the user's rule files ($CHIPMIX_HOME/rules), as the CLI reads them.
    modules.add(new ExportRoutes(settings.catalog(), ExportControl.withUserRules(java.util.Optional.empty()), Clock.systemUTC()));
    modules.add(new ModelRoutes());
    modules.add(new TrainRoutes(settings.catalog()));
    modules.add(new InferRoutes(settings.catalog()));
    modules.add(new ScenarioRoutes(store, settings.scenarios()));
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    try {
      return new WebApp(WebServer.start(settings.host(), settings.port(), modules, workers), store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The default database file: {@code chipmix.db} in chipmix's home folder ({@link CatalogLoader#home()}). */
  public static Path defaultDatabase() {
    return CatalogLoader.home().resolve("chipmix.db");
  }

  public int port() {
    return server.port();
  }

  public List<ApiRoute> routes() {
    return server.routes();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
