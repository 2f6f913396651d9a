package chipmix.cli;

import chipmix.validation.InvalidInputException;
import chipmix.web.PlannerEngine;
import chipmix.web.WebApp;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;
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
      "are kept in an SQLite database that survives restarts. Only this server's own pages and",
      "local clients may use it (Host and Origin checks); listening beyond this machine (--host)",
      "needs a token, generated and printed in the URL unless given. See docs/web.md, \"Security model\"."
    },
    sortOptions = false)
public final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + WebApp.DEFAULT_PORT,
      description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free port, printed at start).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = WebApp.DEFAULT_HOST,
      description = {"Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0: every",
          "interface, then every request needs the token)."})
  String host;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = {"Token every request must carry: header 'Authorization: Bearer TOKEN',",
          "or ?token=TOKEN in the URL once (it sets a cookie). 16 to 256 letters,",
          "digits, '.', '_' or '-'. Optional on 127.0.0.1; beyond it one is",
          "generated when not given."})
  String token;

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
    if (token != null && !WebApp.TOKEN.matcher(token).matches()) {
      throw InvalidInputException.of("--token", "must be 16 to 256 letters, digits, '.', '_' or '-', got "
          + token.length() + " characters");
    }
    Path database = db != null ? db : WebApp.defaultDatabase();
    WebApp app;
    try {
      app = WebApp.start(new WebApp.Settings(host, port, database, catalogOptions.catalog(),
          PlannerEngine.bundled(catalogOptions.catalog(), catalogOptions.files()), Optional.ofNullable(token)));
    } catch (RuntimeException e) {
      if (causedBy(e, BindException.class)) {
        throw new UncheckedIOException(new IOException("cannot listen on " + host + ":" + port
            + " (the port is in use or the address is not this machine's); choose another with --port or --host", e));
      }
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    // a wildcard address is reached as localhost; an IPv6 literal goes in brackets in a URL
    String shown = List.of("0.0.0.0", "::", "[::]").contains(host) ? "localhost"
        : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String query = app.token().map(t -> "?token=" + t).orElse("");
    out.println("chipmix server: http://" + shown + ":" + app.port() + "/" + query + "  (API: /api/openapi.json)");
    out.println("database: " + database.toAbsolutePath());
    if (app.token().isPresent()) {
      out.println("Every request needs the token: open the URL above once (it sets a cookie), or send the header");
      out.println("'Authorization: Bearer " + app.token().get() + "'. Keep the token secret.");
    }
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
