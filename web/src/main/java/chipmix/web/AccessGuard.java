package chipmix.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a request may reach the server, before any handler runs (docs/web.md,
 * "Security model"):
 *
 * <ul>
 *   <li><b>Host</b> must name this server: {@code localhost}, {@code 127.0.0.1}, {@code [::1]}
 *       or the bound address (with a wildcard bind, this machine's addresses and name), so a
 *       DNS-rebinding page (a foreign name resolving to this machine) gets 403.
 *   <li><b>Origin</b>, when a browser sends it, must be this server (same host and port) on
 *       every API request; a cross-site {@code Sec-Fetch-Site} is refused too. 403.
 *   <li><b>Content-Type</b> of a request with a body must be {@code application/json}: 415. A
 *       browser cannot send that type cross-origin without a CORS preflight, which this server
 *       never grants.
 *   <li><b>Token</b>, when the server has one (always when it listens beyond loopback): the
 *       header {@code Authorization: Bearer T}, or the cookie set by opening a URL with
 *       {@code ?token=T} once (HttpOnly, SameSite=Strict). 401 otherwise.
 * </ul>
 *
 * It also sets the response headers that keep the pages from being framed or sniffed and
 * limit what they load (CSP).
 */
final class AccessGuard {
  static final String COOKIE = "chipmix_token";
  static final String TOKEN_PARAM = "token";

  /**
   * Scripts, styles and data only from this server; ECharts writes inline styles (its tooltips),
   * hence {@code style-src 'unsafe-inline'}; no inline script; never framed.
   */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private final Set<String> hosts;
  private final Optional<String> token;

  /**
   * @param boundHost the address the server listens on
   * @param token the token requests must carry; empty for none (loopback only)
   */
  AccessGuard(String boundHost, Optional<String> token) {
    this.hosts = allowedHosts(boundHost);
    this.token = token;
  }

  /** The host names accepted in Host and Origin headers, lower case, IPv6 in brackets. */
  Set<String> hosts() {
    return hosts;
  }

  /** Checks {@code ctx}; throws a {@link Refusal} for a request that may not proceed. Sets the security headers. */
  void check(Context ctx) {
    securityHeaders(ctx);
    checkHost(ctx);
    boolean api = ctx.path().startsWith("/api/");
    if (api) {
      ctx.header("Cache-Control", "no-store");
      checkOrigin(ctx);
    }
    checkToken(ctx);
    if (api) {
      checkContentType(ctx);
    }
  }

  /** The security headers of every answer, the routes' and Jetty's own errors' alike ({@link JsonErrorHandler}). */
  static final java.util.Map<String, String> SECURITY_HEADERS = securityHeaderMap();

  private static java.util.Map<String, String> securityHeaderMap() {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
    h.put("Content-Security-Policy", CSP);
    h.put("X-Frame-Options", "DENY");
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("Cross-Origin-Opener-Policy", "same-origin");
    h.put("Cross-Origin-Resource-Policy", "same-origin");
    return java.util.Collections.unmodifiableMap(h);
  }

  static void securityHeaders(Context ctx) {
    SECURITY_HEADERS.forEach(ctx::header);
  }

  private void checkHost(Context ctx) {
    String host = ctx.header("Host");
    if (host == null) {
      return; // HTTP/1.0 without Host: no browser sends this, and Jetty refuses it for HTTP/1.1
    }
    String name = hostName(host);
    if (!hosts.contains(name)) {
      throw Refusal.forbidden("host_not_allowed", "Host '" + ErrorBody.cut(host) + "' is not this server; use one of "
          + String.join(", ", hosts) + " (a page on another site cannot use this server)");
    }
  }

  private void checkOrigin(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && site.equalsIgnoreCase("cross-site")) {
      throw Refusal.forbidden("origin_not_allowed", "a request from another site (Sec-Fetch-Site: cross-site) is refused");
    }
    String origin = ctx.header("Origin");
    if (origin == null) {
      return; // not sent by a browser (curl, scripts) or a same-origin GET
    }
    if (!sameOrigin(origin, ctx.req().getLocalPort())) {
      throw Refusal.forbidden("origin_not_allowed", "Origin '" + ErrorBody.cut(origin)
          + "' is not this server; only pages served by this server may call its API");
    }
  }

  /** Whether {@code origin} is http(s) on an allowed host and this server's port. */
  boolean sameOrigin(String origin, int port) {
    try {
      URI u = new URI(origin);
      if (u.getScheme() == null || u.getHost() == null
          || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
        return false;
      }
      int p = u.getPort() == -1 ? (u.getScheme().equalsIgnoreCase("https") ? 443 : 80) : u.getPort();
      return p == port && hosts.contains(u.getHost().toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private void checkToken(Context ctx) {
    if (token.isEmpty()) {
      return;
    }
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).strip())) {
      return;
    }
    String fromQuery = ctx.queryParam(TOKEN_PARAM);
    if (fromQuery != null && matches(fromQuery)) {
      // once: the cookie carries it from now on, so the token need not stay in the address bar
      Cookie c = new Cookie(COOKIE, token.get());
      c.setHttpOnly(true);
      c.setSameSite(SameSite.STRICT);
      c.setPath("/");
      ctx.cookie(c);
      if (!ctx.path().startsWith("/api/") && ctx.method().name().equals("GET")) {
        // a page: reload it without the token, so it leaves the address bar and the history (as Jupyter does)
        ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
      }
      return;
    }
    String cookie = ctx.cookie(COOKIE);
    if (cookie != null && matches(cookie)) {
      return;
    }
    ctx.header("WWW-Authenticate", "Bearer realm=\"chipmix\"");
    throw Refusal.unauthorized("this server needs its token: open the URL it printed at start (with ?token=...) "
        + "or send the header 'Authorization: Bearer TOKEN'");
  }

  private boolean matches(String given) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8));
  }

  private static void checkContentType(Context ctx) {
    String method = ctx.method().name();
    if (!(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      return;
    }
    boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!hasBody) {
      return; // POST /api/scenarios/{id}/runs takes no body
    }
    String type = ctx.header("Content-Type");
    String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mime.equals("application/json")) {
      throw Refusal.unsupportedMediaType("the body must be JSON sent with 'Content-Type: application/json', got "
          + (type == null ? "no Content-Type" : "'" + ErrorBody.cut(type) + "'"));
    }
  }

  /** The host part of a Host header ({@code name:port}, {@code [::1]:port}), lower case. */
  static String hostName(String header) {
    String h = header.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /** Whether {@code host} (a name or address to listen on) is this machine's loopback only. */
  static boolean isLoopback(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Set<String> allowedHosts(String boundHost) {
    Set<String> s = new TreeSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
    String bound = boundHost.strip().toLowerCase(Locale.ROOT);
    if (bound.equals("0.0.0.0") || bound.equals("::") || bound.equals("[::]") || bound.isEmpty()) {
      s.addAll(machineNames()); // a wildcard bind: reachable under any of this machine's addresses
    } else {
      s.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
    }
    return Collections.unmodifiableSet(s);
  }

  private static Set<String> machineNames() {
    Set<String> names = new TreeSet<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          String text = a.getHostAddress().replaceFirst("%.*$", "").toLowerCase(Locale.ROOT);
          names.add(text.contains(":") ? "[" + text + "]" : text);
        }
      }
    } catch (SocketException e) {
      // no interface list: loopback names only
    }
    try {
      InetAddress local = InetAddress.getLocalHost();
      names.add(local.getHostName().toLowerCase(Locale.ROOT));
      names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
    } catch (UnknownHostException e) {
      // no name: addresses only
    }
    return names;
  }
}
