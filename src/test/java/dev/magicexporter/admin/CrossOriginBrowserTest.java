package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 2 in a real browser: a page of another origin (another port of 127.0.0.1, which
 * is also "same-site") tries every write a page can make without the user's help against an
 * open admin API (no token, the loopback default): fetch in no-cors mode with the CORS-safelisted
 * body types, sendBeacon, a form posted into a hidden frame, and a CORS fetch with JSON. The
 * requests reach the listener (counted) and none reaches Cloudflare.
 */
class CrossOriginBrowserTest {
  @Test
  void aPageOfAnotherOriginCannotWriteThroughTheAdminApi(@TempDir Path tmp) throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      throw new AssertionError("chromium not found at " + chromium
          + "; install it with `apt-get install -y chromium` or set CHROMIUM");
    }
    AdminOptions open = new AdminOptions("127.0.0.1", 0, List.of(), Duration.ZERO, Map.of(), 64L << 20, 1 << 20);
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    Vertx vertx = Vertx.vertx();
    try (AdminHarness h = new AdminHarness(open, DaemonStatus.empty(), registry, null)) {
      String target = "http://127.0.0.1:" + h.server.actualPort() + AdminListenerTest.GRE;
      String page = """
          <!doctype html><html><body><p id="out">running</p>
          <iframe name="sink" id="sink" style="display:none"></iframe>
          <form id="f" method="POST" enctype="text/plain" target="sink" action="TARGET">
            <input type="hidden" name='{"name":"GRE_1","x":"' value='"}'>
          </form>
          <script>
          const target = "TARGET";
          const body = JSON.stringify(BODY);
          const tries = [
            fetch(target, {method: "POST", mode: "no-cors", body}),
            fetch(target, {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body}),
            fetch(target, {method: "POST", mode: "no-cors",
                headers: {"Content-Type": "application/x-www-form-urlencoded"}, body}),
            fetch(target, {method: "POST", mode: "no-cors", credentials: "include",
                headers: {"Content-Type": "multipart/form-data; boundary=x"}, body}),
            fetch(target, {method: "POST", mode: "cors", headers: {"Content-Type": "application/json"}, body}),
            fetch(target, {method: "PUT", mode: "no-cors", body}),
          ];
          navigator.sendBeacon(target, new Blob([body], {type: "text/plain"}));
          Promise.allSettled(tries).then(rs => {
            document.getElementById("sink").onload = () => {
              document.getElementById("out").textContent =
                  "done " + rs.map(r => r.status).join(",");
            };
            document.getElementById("f").submit();
          });
          </script></body></html>
          """.replace("TARGET", target).replace("BODY", AdminListenerTest.VALID_GRE);
      HttpServer evil = AdminHarness.await(vertx.createHttpServer()
          .requestHandler(req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page))
          .listen(0, "127.0.0.1"));
      String dom = StatusTest.dumpDomAfterScripts(chromium, tmp,
          "http://127.0.0.1:" + evil.actualPort() + "/attack.html");
      assertThat(dom).as("the page ran all its attempts").contains("done ");
      double posts = registry.find(dev.magicexporter.metrics.self.SelfMetrics.ADMIN_REQUESTS.name()).tag("method", "POST").counters().stream()
          .mapToDouble(Counter::count).sum();
      assertThat(posts).as("the browser's cross-origin POSTs reached the listener").isGreaterThanOrEqualTo(4);
      assertThat(h.upstream.requests).as("writes that reached Cloudflare").isEmpty();
    } finally {
      AdminHarness.await(vertx.close());
    }
  }
}
