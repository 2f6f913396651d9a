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
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.security.SecureRandom;

/**
 * The chipmix web application: opens the scenario database (applying migrations), wires every
 * capability's routes over the core functions and starts the {@link WebServer}. Close it to
 * stop the server.
 */
public final class WebApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
  public static final int DEFAULT_PORT = 7070;
  public static final String DEFAULT_HOST = "127.0.0.1";

  /**
   * @param host address to listen on ({@code 127.0.0.1}: this machine only)
   * @param port TCP port; 0 picks a free one
   * @param database SQLite file holding saved scenarios and runs
   * @param token the token every request must carry; empty for none, which is allowed only on
   *     loopback: a server listening beyond it gets a generated one ({@link WebApp#token()})
   */
  public record Settings(String host, int port, Path database, Catalog catalog, ScenarioEngine scenarios,
      Optional<String> token) {
    public Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(scenarios, "scenarios");
      Objects.requireNonNull(token, "token");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      if (token.isPresent() && !TOKEN.matcher(token.get()).matches()) {
        throw new IllegalArgumentException("token must be 16 to 256 letters, digits, '-', '_' or '.', got "
            + token.get().length() + " characters");
      }
    }

    /** Settings without a token (loopback only; one is generated otherwise). */
    public Settings(String host, int port, Path database, Catalog catalog, ScenarioEngine scenarios) {
      this(host, port, database, catalog, scenarios, Optional.empty());
    }
  }

  /** The form of an accepted token: it travels in a header, a cookie and a URL, so no characters that need escaping. */
  public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{16,256}");

  private final WebServer server;
  private final ScenarioStore store;
  private final Optional<String> token;
  private final ScheduledExecutorService heartbeat;
  private final SweepRunner sweeps;

  private WebApp(WebServer server, ScenarioStore store, Optional<String> token, ScheduledExecutorService heartbeat,
      SweepRunner sweeps) {
    this.server = server;
    this.store = store;
    this.token = token;
    this.heartbeat = heartbeat;
    this.sweeps = sweeps;
  }

  public static WebApp start(Settings settings) {
    Optional<String> token = settings.token().isPresent() || AccessGuard.isLoopback(settings.host())
        ? settings.token() : Optional.of(newToken());
    ScenarioStore store = JdbcScenarioStore.open(Sqlite.at(settings.database()), Clock.systemUTC());
    List<ApiModule> modules = new ArrayList<>();
    modules.add(new ChipRoutes(settings.catalog()));
    // The bundled rules with the user's rule files ($CHIPMIX_HOME/rules), as the CLI reads them.
    ExportControl rules = ExportControl.withUserRules(java.util.Optional.empty());
    modules.add(new ExportRoutes(settings.catalog(), rules, Clock.systemUTC()));
    modules.add(new ModelRoutes());
    modules.add(new TrainRoutes(settings.catalog()));
    modules.add(new TrainCompareRoutes(settings.catalog(), rules));
    modules.add(new InferRoutes(settings.catalog()));
    modules.add(new ScenarioRoutes(store, settings.scenarios()));
    SweepRunner sweeps = new SweepRunner();
    modules.add(new SweepRoutes(store, chipmix.scenario.engines.Planning.of(settings.catalog(), List.of()),
        settings.scenarios().exampleYaml(), sweeps));
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "chipmix-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = JdbcScenarioStore.HEARTBEAT_EVERY.toMillis();
    heartbeat.scheduleWithFixedDelay(() -> {
      try {
        store.heartbeat();
      } catch (RuntimeException e) {
        LOG.warn("heartbeat of running scenario runs failed (retried in {} ms): {}", every, e.getMessage());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    try {
      return new WebApp(WebServer.start(settings.host(), settings.port(), modules, workers, token), store, token, heartbeat,
          sweeps);
    } catch (RuntimeException e) {
      sweeps.close();
      heartbeat.shutdownNow();
      store.close();
      throw e;
    }
  }

  /** The default database file: {@code chipmix.db} in chipmix's home folder ({@link CatalogLoader#home()}). */
  public static Path defaultDatabase() {
    return CatalogLoader.home().resolve("chipmix.db");
  }

  /** The token requests must carry (given, or generated because the server listens beyond loopback); empty for none. */
  public Optional<String> token() {
    return token;
  }

  /** A fresh random token: 32 bytes from {@link SecureRandom}, URL-safe Base64 (43 characters). */
  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public int port() {
    return server.port();
  }

  public List<ApiRoute> routes() {
    return server.routes();
  }

  @Override
  public void close() {
    sweeps.close();
    heartbeat.shutdownNow();
    server.close();
    store.close();
  }
}
