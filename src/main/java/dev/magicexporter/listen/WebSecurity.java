package dev.magicexporter.listen;

import dev.magicexporter.logging.LogLimiter;
import dev.magicexporter.metrics.self.SelfMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * TLS and basic auth of the metrics listener from a {@link WebConfig} file, reloaded when it
 * changes: every {@value #RELOAD_SECONDS} seconds a worker thread reads the file and the files it
 * names and compares their digest with the one in force (a stat alone misses a Kubernetes secret's
 * symlink swap and same-second edits). A changed, valid file takes effect for the next connection
 * (certificates, client CA, versions) and the next request (users); an invalid one is logged and
 * the last good one stays. Turning TLS on or off needs a restart (said in the log).
 */
public final class WebSecurity {
  static final int RELOAD_SECONDS = 2;
  private static final Logger LOG = LoggerFactory.getLogger(WebSecurity.class);
  private static final LogLimiter LIMIT = new LogLimiter(Duration.ofMinutes(1));

  private final Vertx vertx;
  private final Path file;
  private volatile WebConfig current;
  private final BasicAuthCheck basic;
  private final AtomicInteger lastReloadOk = new AtomicInteger(1);
  private HttpServer server;
  private long timer = -1;
  private boolean reloading;

  public WebSecurity(Vertx vertx, Path file, WebConfig initial, MeterRegistry registry) {
    this.vertx = vertx;
    this.file = file;
    this.current = initial;
    this.basic = new BasicAuthCheck(vertx);
    SelfMetrics.WEB_CONFIG_RELOAD_OK.gauge(registry, lastReloadOk, AtomicInteger::get);
  }

  public WebConfig current() {
    return current;
  }

  /** The listener's options with TLS as configured (unchanged without tls_server_config). */
  public HttpServerOptions apply(HttpServerOptions o) {
    WebConfig.Tls tls = current.tls();
    if (tls == null) {
      return o;
    }
    ServerSSLOptions ssl = sslOptions(tls);
    return o.setSsl(true).setKeyCertOptions(ssl.getKeyCertOptions()).setTrustOptions(ssl.getTrustOptions())
        .setClientAuth(ssl.getClientAuth()).setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols());
  }

  static ServerSSLOptions sslOptions(WebConfig.Tls tls) {
    ServerSSLOptions ssl = new ServerSSLOptions()
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile().toString())
            .setKeyPath(tls.keyFile().toString()))
        .setEnabledSecureTransportProtocols(tls.protocols());
    WebConfig.ClientAuthType auth = tls.clientAuth();
    ssl.setClientAuth(auth == WebConfig.ClientAuthType.NoClientCert ? ClientAuth.NONE
        : auth.required ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
    if (auth.verified) {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCaFile().toString()));
    } else if (auth != WebConfig.ClientAuthType.NoClientCert) {
      // RequestClientCert and RequireAnyClientCert ask for a certificate but, as in Go, do not verify it.
      ssl.setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()));
    }
    return ssl;
  }

  /** Starts the reload checks for the listener now serving. */
  public void watch(HttpServer s) {
    this.server = s;
    timer = vertx.setPeriodic(RELOAD_SECONDS * 1000L, id -> reload());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    basic.close();
  }

  /** Reads the file again; applies it when it changed and is valid. Public for tests. */
  public Future<Boolean> reload() {
    synchronized (this) {
      if (reloading) {
        return Future.succeededFuture(false);
      }
      reloading = true;
    }
    return vertx.executeBlocking(() -> WebConfig.load(file), false).compose(next -> {
      lastReloadOk.set(1);
      WebConfig was = current;
      if (next.fingerprint().equals(was.fingerprint())) {
        return Future.succeededFuture(false);
      }
      if ((next.tls() == null) != (was.tls() == null)) {
        lastReloadOk.set(0);
        LIMIT.log(LOG, Level.ERROR, "web-config-tls-toggle", "{} turns TLS {}: that needs a restart; the "
            + "listener keeps the web config it started with", file, next.tls() == null ? "off" : "on");
        return Future.succeededFuture(false);
      }
      Future<Boolean> tlsUpdated = next.tls() == null || server == null ? Future.succeededFuture(true)
          : server.updateSSLOptions(sslOptions(next.tls()), true);
      return tlsUpdated.map(ok -> {
        current = next;
        LOG.info("reloaded the web config {} (TLS {}, {} basic auth user(s))", file,
            next.tls() == null ? "off" : "on", next.users().size());
        return true;
      });
    }).recover(t -> {
      lastReloadOk.set(0);
      LIMIT.log(LOG, Level.ERROR, "web-config-reload", "the web config file is invalid, keeping the last good one: {}",
          t.getMessage());
      return Future.succeededFuture(false);
    }).eventually(() -> {
      synchronized (this) {
        reloading = false;
      }
      return Future.succeededFuture();
    });
  }

  /** Basic auth for the routes it guards ({@code /metrics}, the landing page); probes stay open. */
  public void authenticate(RoutingContext rc) {
    WebConfig c = current;
    if (!c.basicAuth()) {
      rc.next();
      return;
    }
    basic.check(c.users(), rc.request().getHeader("Authorization")).onComplete(ar -> {
      if (rc.response().ended() || rc.response().closed()) {
        return;
      }
      BasicAuthCheck.Result r = ar.succeeded() ? ar.result() : BasicAuthCheck.Result.BUSY;
      switch (r) {
        case OK -> rc.next();
        case DENIED -> rc.response().setStatusCode(401)
            .putHeader("WWW-Authenticate", "Basic realm=\"magic-exporter\", charset=\"UTF-8\"")
            .putHeader("Content-Type", "text/plain; charset=utf-8").end("401 Unauthorized\n");
        case BUSY -> rc.response().setStatusCode(503).putHeader("Retry-After", "1")
            .putHeader("Content-Type", "text/plain; charset=utf-8").end("503 too many password checks at once\n");
        default -> throw new IllegalStateException(r.toString());
      }
    });
  }

  /** Accepts any client certificate chain (RequestClientCert, RequireAnyClientCert). */
  private static final class AnyClientCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // not verified, by configuration
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("a server-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
