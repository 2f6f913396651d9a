package chipmix.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Objects;

/**
 * One REST endpoint: method, path ({@code /api/chips/{id}}), whether it is long-running (then it
 * runs on the worker pool, so it does not hold a request thread) and the action producing its
 * reply. The server registers exactly these; a test checks the OpenAPI document lists the same.
 */
public record ApiRoute(Method method, String path, Mode mode, Action action) {

  public enum Method {
    GET, POST, PUT, DELETE;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Quick actions run on the request thread; long ones (searches, plans) on the worker pool. */
  public enum Mode { QUICK, LONG }

  /** Computes the reply for a request. Throws input/infeasible errors, mapped by {@link ApiErrors}. */
  @FunctionalInterface
  public interface Action {
    Reply handle(Context ctx) throws Exception;
  }

  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(action, "action");
    if (!path.startsWith("/api/")) {
      throw new IllegalArgumentException("API routes live under /api/, got " + path);
    }
  }

  public static ApiRoute get(String path, Action action) {
    return new ApiRoute(Method.GET, path, Mode.QUICK, action);
  }

  public static ApiRoute post(String path, Action action) {
    return new ApiRoute(Method.POST, path, Mode.QUICK, action);
  }

  public static ApiRoute put(String path, Action action) {
    return new ApiRoute(Method.PUT, path, Mode.QUICK, action);
  }

  public static ApiRoute delete(String path, Action action) {
    return new ApiRoute(Method.DELETE, path, Mode.QUICK, action);
  }

  /** This route, run on the worker pool. */
  public ApiRoute longRunning() {
    return new ApiRoute(method, path, Mode.LONG, action);
  }
}
