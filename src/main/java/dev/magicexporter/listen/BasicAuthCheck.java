package dev.magicexporter.listen;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * HTTP Basic against the web config's {@code basic_auth_users} (bcrypt hashes), as the
 * exporter-toolkit checks it: an unknown user is compared against a dummy hash so that timing does
 * not tell which users exist, and a success is remembered (by a digest of user, password and hash)
 * so that a scraper pays bcrypt once, not every 15 seconds. bcrypt runs on a small worker pool of
 * its own, never on an event loop, with a bound on waiting checks: a flood of wrong passwords costs
 * two threads and gets 503s, and scrapes with remembered credentials are not slowed by it.
 */
final class BasicAuthCheck {
  /** The outcome of one check. */
  enum Result { OK, DENIED, BUSY }

  /** A valid hash of a random password nobody knows, for unknown users. */
  private static final String DUMMY = BCrypt.hashpw("magic-exporter-dummy-" + System.nanoTime(), BCrypt.gensalt(10));
  private static final int POOL = 2;
  private static final int MAX_WAITING = 32;

  private final WorkerExecutor bcrypt;
  private final Semaphore waiting = new Semaphore(MAX_WAITING);
  private final Cache<String, Boolean> remembered = Caffeine.newBuilder().maximumSize(1000)
      .expireAfterWrite(Duration.ofHours(1)).build();

  BasicAuthCheck(Vertx vertx) {
    this.bcrypt = vertx.createSharedWorkerExecutor("magic-exporter-bcrypt", POOL);
  }

  Future<Result> check(Map<String, String> users, String authorization) {
    String[] cred = credentials(authorization);
    if (cred == null) {
      return Future.succeededFuture(Result.DENIED);
    }
    String hash = users.get(cred[0]);
    String key = hash == null ? null : key(cred[0], cred[1], hash);
    if (key != null && remembered.getIfPresent(key) != null) {
      return Future.succeededFuture(Result.OK);
    }
    if (!waiting.tryAcquire()) {
      return Future.succeededFuture(Result.BUSY);
    }
    return bcrypt.executeBlocking(() -> {
      boolean match = BCrypt.checkpw(cred[1], hash != null ? hash : DUMMY) && hash != null;
      if (match) {
        remembered.put(key, Boolean.TRUE);
      }
      return match ? Result.OK : Result.DENIED;
    }, false).eventually(() -> {
      waiting.release();
      return Future.succeededFuture();
    });
  }

  void close() {
    bcrypt.close();
  }

  /** user and password of {@code Basic base64(user:password)} (scheme case-insensitive), or null. */
  static String[] credentials(String authorization) {
    if (authorization == null) {
      return null;
    }
    String h = authorization.trim();
    if (!h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String key(String user, String password, String hash) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String s : new String[] {user, password, hash}) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
      }
      return Base64.getEncoder().encodeToString(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
