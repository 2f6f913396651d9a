package chipmix.web;

import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import chipmix.web.store.StoreException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place mapping failures to HTTP statuses and the {@link ErrorBody} shape. Clients never
 * see a stack trace: internal errors are logged here with an id that the response repeats.
 */
public final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  /** A status and body for {@code failure}. */
  public record Mapped(int status, ErrorBody body) {}

  public static Mapped map(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof InvalidInputException e) {
      String message = e.issues().size() == 1 ? "invalid input: " + ApiFieldNames.render(e.issues().get(0).toString())
          : "invalid input: " + e.issues().size() + " problems"
              + (e.issues().size() > Limits.MAX_ISSUES ? " (the first " + Limits.MAX_ISSUES + " are listed)" : "");
      return new Mapped(400, ErrorBody.of("invalid_input", message, e.issues()));
    }
    if (t instanceof Refusal r) {
      return new Mapped(r.status(), ErrorBody.of(r.code(), r.getMessage(), r.issues()));
    }
    if (t instanceof java.util.concurrent.CancellationException || t instanceof chipmix.cancel.CancelledException) {
      return new Mapped(503, ErrorBody.of("cancelled", "the request was cancelled before it finished (the client went away, "
          + "the server is stopping or the connection failed); try again"));
    }
    if (t instanceof StoreException.Busy e) {
      return new Mapped(503, ErrorBody.of("busy", e.getMessage()));
    }
    if (t instanceof InfeasibleException e) {
      return new Mapped(422, ErrorBody.of("infeasible", fieldNames(e.getMessage())));
    }
    if (t instanceof StoreException.NotFound e) {
      return new Mapped(404, ErrorBody.of("not_found", e.getMessage()));
    }
    if (t instanceof StoreException.StaleVersion e) {
      return new Mapped(409, ErrorBody.of("conflict", e.getMessage()));
    }
    if (t instanceof HttpResponseException e) {
      return switch (e.getStatus()) {
        case 413 -> new Mapped(413, ErrorBody.of("payload_too_large",
            "request body is larger than the limit of " + Limits.MAX_BODY_BYTES + " bytes (Limits.MAX_BODY_BYTES)"));
        case 404 -> new Mapped(404, ErrorBody.of("not_found", e.getMessage()));
        case 405 -> new Mapped(405, ErrorBody.of("method_not_allowed", e.getMessage()));
        case 500 -> internal(e);
        default -> new Mapped(e.getStatus(), ErrorBody.of(codeOf(e.getStatus()), e.getMessage()));
      };
    }
    return internal(t);
  }

  /** The error code of an HTTP status that the server itself (Javalin, Jetty) answers. */
  static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "timeout";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      case 503 -> "busy";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
  }

  /**
   * CLI option names in a core message ({@code use --tpot-ms 41.0 or more}) as this API's fields
   * ({@code tpot_ms}): the request fields are the options in snake_case.
   */
  static String fieldNames(String message) {
    return OPTION.matcher(ApiFieldNames.render(message)).replaceAll(m -> m.group(1).replace('-', '_'));
  }

  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)");

  private static Mapped internal(Throwable t) {
    String incident = Long.toHexString(System.nanoTime());
    LOG.error("internal error {} ({})", incident, t.getClass().getName(), t);
    return new Mapped(500, ErrorBody.of("internal_error",
        "internal error " + incident + ": a bug in chipmix; the server log has the details"));
  }

  static void write(Context ctx, Throwable failure) {
    Mapped m = map(failure);
    ctx.status(m.status()).contentType("application/json").result(Json.write(m.body()));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }
}
