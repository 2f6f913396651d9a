package chipmix.cli;

import chipmix.validation.InvalidInputException;
import chipmix.web.PlannerEngine;
import chipmix.web.WebApp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix server}: the local web application and REST API, until stopped with Ctrl+C. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    header = "Start the local web application and REST API, with saved scenarios.",
    description = {
      "Serves the web UI (chips, export checks, training, serving, scenarios) and the REST API",
      "(described at /api/openapi.json) until stopped with Ctrl+C. Saved scenarios and their runs",
      "are kept in an SQLite database that survives restarts. See docs/web.md."
    },
    sortOptions = false)
public final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + WebApp.DEFAULT_PORT,
      description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free port, printed at start).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = WebApp.DEFAULT_HOST,
      description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0: every interface).")
  String host;

  @Option(names = "--db", paramLabel = "FILE",
      description = {"SQLite database of saved scenarios and runs (created if missing; default",
          "$CHIPMIX_HOME/chipmix.db, else ~/.chipmix/chipmix.db)."})
  Path db;

  @Mixin CatalogOptions catalogOptions;

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw InvalidInputException.of("--port", "must be 0 to 65535, got " + port + " (0 picks a free port)");
    }
    Path database = db != null ? db : WebApp.defaultDatabase();
    WebApp app;
    try {
      app = WebApp.start(new WebApp.Settings(host, port, database, catalogOptions.catalog(),
          PlannerEngine.bundled(catalogOptions.catalog(), catalogOptions.files())));
    } catch (RuntimeException e) {
      if (causedBy(e, BindException.class)) {
        throw new UncheckedIOException(new IOException("cannot listen on " + host + ":" + port
            + " (the port is in use or the address is not this machine's); choose another with --port or --host", e));
      }
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    String shown = "0.0.0.0".equals(host) ? "localhost" : host;
    out.println("chipmix server: http://" + shown + ":" + app.port() + "/  (API: /api/openapi.json)");
    out.println("database: " + database.toAbsolutePath());
    out.println("Press Ctrl+C to stop.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "chipmix-server-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      app.close();
    }
    return ExitCode.OK.code();
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
