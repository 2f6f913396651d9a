package chipmix.web;

import chipmix.validation.ValidationIssue;
import java.util.List;

/**
 * A request the server refuses before doing its work: a forbidden Host or Origin, a missing
 * token, a body that is not JSON, a list over its {@link Limits limit}, a full work queue. The
 * status and code are part of the API (docs/web.md, "Security model"); {@link ApiErrors} writes it.
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient List<ValidationIssue> issues;

  private Refusal(int status, String code, String message, List<ValidationIssue> issues) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.issues = List.copyOf(issues);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  List<ValidationIssue> issues() {
    return issues;
  }

  /** 403: the Host or Origin header names a site this server does not serve. */
  static Refusal forbidden(String code, String message) {
    return new Refusal(403, code, message, List.of());
  }

  /** 401: the server needs its token and the request did not carry it. */
  static Refusal unauthorized(String message) {
    return new Refusal(401, "unauthorized", message, List.of());
  }

  /** 415: a body that is not declared as JSON. */
  static Refusal unsupportedMediaType(String message) {
    return new Refusal(415, "unsupported_media_type", message, List.of());
  }

  /** 422: a list or result over one of the {@link Limits}; the issue names the field and the limit. */
  static Refusal limit(String path, String message) {
    return new Refusal(422, "limit_exceeded", "over a limit: " + path + " " + message,
        List.of(new ValidationIssue(path, message)));
  }

  /** 409: the request conflicts with the resource's current state (the message says what to do). */
  static Refusal conflict(String code, String message) {
    return new Refusal(409, code, message, List.of());
  }

  /** 503: too much work queued, or the database is busy; try again shortly. */
  static Refusal busy(String message) {
    return new Refusal(503, "busy", message, List.of());
  }

  /** 504: the work took longer than {@link Limits#REQUEST_TIME_LIMIT} and was cancelled. */
  static Refusal timeout(String message) {
    return new Refusal(504, "timeout", message, List.of());
  }
}
