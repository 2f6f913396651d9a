package chipmix.web;

import chipmix.io.Resources;
import chipmix.scenario.report.HtmlReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP server: the API routes of the given modules under {@code /api/}, the static UI from
 * the jar ({@code /}), ECharts from its WebJar ({@code /webjars/echarts/...}), the plan charts'
 * option builders shared with the HTML report ({@code /plan-charts.js}) and the OpenAPI
 * document. Every request passes the {@link AccessGuard} first (Host, Origin, Content-Type,
 * token, security headers). Long-running routes run on a bounded worker pool ({@link Workers}:
 * a bounded queue, a time limit, cancelled when the client goes), so a search does not hold a
 * request thread and quick requests stay quick. Every failure becomes an {@link ErrorBody}
 * through {@link ApiErrors}, Jetty's own errors included ({@link JsonErrorHandler}); unknown
 * paths are JSON 404s; bodies over {@link Limits#MAX_BODY_BYTES} are refused with 413.
 */
public final class WebServer implements AutoCloseable {
  /** Largest accepted request body; see {@link Limits#MAX_BODY_BYTES}. */
  public static final long MAX_BODY_BYTES = Limits.MAX_BODY_BYTES;
  public static final String OPENAPI_RESOURCE = "/chipmix/web/openapi.json";

  private final Javalin app;
  private final Workers workers;
  private final List<ApiRoute> routes;

  private WebServer(Javalin app, Workers workers, List<ApiRoute> routes) {
    this.app = app;
    this.workers = workers;
    this.routes = routes;
  }

  /**
   * Starts a server on {@code host}:{@code port} (0 picks a free port; see {@link #port()}).
   *
   * @param workerThreads size of the pool running long routes
   * @param token the token every request must carry; empty for none (only on loopback)
   */
  public static WebServer start(String host, int port, List<ApiModule> modules, int workerThreads,
      java.util.Optional<String> token) {
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads must be at least 1, got " + workerThreads);
    }
    List<ApiRoute> routes = new ArrayList<>();
    modules.forEach(m -> routes.addAll(m.routes()));
    RawJson openApi = new RawJson(openApi()); // read once: the document is a bundled resource
    routes.add(ApiRoute.get("/api/openapi.json", ctx -> new Reply(200, openApi)));
    Workers workers = new Workers(workerThreads, Limits.QUEUED_PER_WORKER * workerThreads, Limits.REQUEST_TIME_LIMIT);
    AccessGuard guard = new AccessGuard(host, token);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      config.routes.before(guard::check);
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/chipmix/web/static";
        sf.location = Location.CLASSPATH;
      });
      config.staticFiles.enableWebjars();
      // The plan charts' option builders live in the core, shared with the HTML report.
      String planCharts = HtmlReport.chartBuilders();
      config.routes.get("/plan-charts.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(planCharts));
      for (ApiRoute r : routes) {
        config.routes.addHttpHandler(handlerType(r.method()), r.path(), ctx -> handle(ctx, r, workers));
      }
      config.routes.exception(Exception.class, (e, ctx) -> ApiErrors.write(ctx, e));
      // Javalin answers some failures itself (no route, body too large) with plain text; give them the error shape.
      for (int status : new int[] {400, 404, 405, 413, 500}) {
        config.routes.error(status, "*", ctx -> {
          String type = ctx.res().getContentType();
          if (type == null || !type.startsWith("application/json")) {
            ApiErrors.write(ctx, new io.javalin.http.HttpResponseException(status,
                status == 404 ? "no route " + ctx.method() + " " + ctx.path() + " (the API is described at /api/openapi.json)"
                    : status == 405 ? "method " + ctx.method() + " is not allowed on " + ctx.path()
                    : status == 400 ? "bad request" : "request failed"));
          }
        });
      }
    });
    app.start(host, port);
    return new WebServer(app, workers, List.copyOf(routes));
  }

  public int port() {
    return app.port();
  }

  /** Long requests stopped by cancellation while running (the client went away, or the time limit passed). */
  long cancelledWhileRunning() {
    return workers.cancelledWhileRunning();
  }

  /** Long requests being worked on now, and waiting for a worker. */
  LongRequests longRequests() {
    return new LongRequests(workers.running(), workers.queued());
  }

  /** How many long requests are being worked on and how many wait for a worker. */
  record LongRequests(int running, int queued) {}

  /** The API routes served, for the OpenAPI consistency test. */
  public List<ApiRoute> routes() {
    return routes;
  }

  @Override
  public void close() {
    app.stop();
    workers.close();
  }

  /** A reply body that is already JSON text. */
  record RawJson(String text) {}

  /** A reply body that is a document to save ({@code Content-Disposition: attachment}), not JSON. */
  record Download(String text, String contentType, String filename) {}

  private static void handle(Context ctx, ApiRoute route, Workers workers) throws Exception {
    if (route.mode() == ApiRoute.Mode.QUICK) {
      send(ctx, route.action().handle(ctx));
      return;
    }
    ctx.bodyAsBytes(); // read (and cache) the body on the request thread, before going async
    CompletableFuture<Reply> reply = workers.submit(() -> route.action().handle(ctx));
    // the client closing its connection cancels the work: dropped from the queue, or interrupted (Cancellation.check)
    ClientGone.Watch watch = ClientGone.watch(ctx, () -> reply.cancel(true));
    ctx.future(() -> reply.whenComplete((r, t) -> {
      watch.stop(); // before the answer: Jetty reads the next request itself
      if (watch.readPastRequest()) {
        ctx.header("Connection", "close");
      }
    }).thenAccept(r -> send(ctx, r)));
  }

  private static void send(Context ctx, Reply reply) {
    ctx.status(reply.status());
    if (reply.body() == null) {
      return;
    }
    if (reply.body() instanceof Download d) {
      ctx.header("Content-Disposition", "attachment; filename=\"" + d.filename() + "\"");
      ctx.contentType(d.contentType()).result(d.text());
      return;
    }
    String text = reply.body() instanceof RawJson raw ? raw.text() : Json.write(reply.body());
    ctx.contentType("application/json").result(text);
  }

  private static HandlerType handlerType(ApiRoute.Method m) {
    return switch (m) {
      case GET -> HandlerType.GET;
      case POST -> HandlerType.POST;
      case PUT -> HandlerType.PUT;
      case DELETE -> HandlerType.DELETE;
    };
  }

  static String openApi() {
    return Resources.text(OPENAPI_RESOURCE);
  }

}
