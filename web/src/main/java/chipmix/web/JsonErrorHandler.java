package chipmix.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed request: 400, a URI too long: 414, headers too large:
 * 431), which come before any route runs, in the API's {@link ErrorBody} shape instead of
 * Jetty's HTML page, with the same security headers as every other answer.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    String reason = message != null && !message.isBlank() ? message : HttpStatus.getMessage(code);
    String text = Json.write(ErrorBody.of(ApiErrors.codeOf(code), "HTTP " + code + ": " + reason));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    AccessGuard.SECURITY_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
    response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
