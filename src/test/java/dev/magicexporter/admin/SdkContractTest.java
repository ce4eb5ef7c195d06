package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magicexporter.app.ClientStack;
import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.Credential;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.deploy.ProjectFiles;
import dev.magicexporter.sim.SimModules;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.testing.SimHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract test with a client nobody here wrote: the official Cloudflare TypeScript SDK
 * (npm {@code cloudflare} 7.x, src/test/sdk, its lock file committed) drives (a) the simulator
 * and (b) the admin API in front of the simulator: every list and get of the resources served,
 * events paged through {@code cursor}, write round trips for tunnels, routes, sites with LANs and
 * WANs, apps, packet captures and Workers VPC services; a wrong token is refused, and the admin
 * API's read-only token gets 403 on every write route. (c) The reference's own request examples
 * go through the admin API (in front of an upstream that takes anything): none may be refused.
 * Node.js and the SDK's packages are required: without them the test fails and says how to get
 * them ({@code bash .ci/run} installs both).
 */
class SdkContractTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Path SDK = ProjectFiles.path("src/test/sdk");
  private static final String ACCOUNT = SimOptions.DEFAULT_ACCOUNT;
  /** 2024-06-01T12:00:00Z, on the simulator's hand-moved clock. */
  private static final double NOW = 1717243200;
  private static final long EVENTS_FROM = (long) NOW - 6 * 3600;
  private static final int EVENTS_LIMIT = 7;
  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

  private static SimHarness sim;
  private static String connector;

  @BeforeAll
  static void start() {
    sim = new SimHarness(SimOptions.defaults(), NOW, SimModules.defaults());
    connector = sim.simulator.world().connectorIds(ACCOUNT).get(0);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void theSdkAgainstTheSimulator(@TempDir Path tmp) throws Exception {
    JsonNode report = node(Map.of("MODE", "surface", "BASE_URL", sim.baseUrl(), "TOKEN", sim.options.apiToken(),
        // Cloudflare answers a bad token with 403 (code 10000), and so does the simulator.
        "WRONG_STATUS", "403"), tmp);
    assertSurface(report);
  }

  @Test
  void theSdkAgainstTheAdminApiInFrontOfTheSimulator(@TempDir Path tmp) throws Exception {
    Vertx vertx = Vertx.vertx();
    ClientStack client = TestClients.stack(vertx, ClientOptions.defaults(sim.baseUrl()),
        Credential.token(sim.options.apiToken()));
    try (AdminHarness h = new AdminHarness(AdminHarness.defaultOptions(), DaemonStatus.empty(),
        new SimpleMeterRegistry(), ClientUpstream.forAccounts(Map.of(ACCOUNT, client.passThrough())))) {
      Path writes = tmp.resolve("writes.json");
      Files.writeString(writes, everyWriteRoute().toString());
      JsonNode report = node(Map.of("MODE", "surface", "BASE_URL", base(h), "TOKEN", AdminHarness.WRITE_TOKEN,
          "READ_TOKEN", AdminHarness.READ_TOKEN, "WRONG_STATUS", "401", "REQUESTS", writes.toString()), tmp);
      assertSurface(report);
      assertThat(report.at("/counts/read_only_refused_writes").asInt()).as("every write route")
          .isEqualTo(RouteTable.ROUTES.stream().filter(r -> r.scope() == Scope.WRITE).count());
    } finally {
      AdminHarness.await(client.close());
      AdminHarness.await(vertx.close());
    }
  }

  /** The reference's request examples, sent as they are through the admin API: none is refused. */
  @Test
  void theReferencesExamplesThroughTheAdminApi(@TempDir Path tmp) throws Exception {
    try (AdminHarness h = new AdminHarness()) {
      ArrayNode requests = M.createArrayNode();
      int withBody = 0;
      for (ReferenceExamples.Example e : ReferenceExamples.all()) {
        ObjectNode r = requests.addObject().put("method", e.method()).put("path", concrete(e.template()));
        if (e.body() != null) {
          r.set("body", M.readTree(e.body()));
          withBody++;
        }
        boolean bareBulkDelete = e.key().equals("DELETE /accounts/{account_id}/magic/routes") && e.body() == null;
        boolean telemetryList = e.method().equals("GET") && e.template().matches(".*/telemetry/(events|snapshots)");
        r.put("expect", bareBulkDelete || telemetryList ? 400 : 200);
        if (bareBulkDelete) {
          r.put("why", "deliberate difference: a bare DELETE must never mean every route");
        } else if (telemetryList) {
          // Not ours: the reference lists "from: number" and "to: number" (required) for these lists,
          // but its curl examples send neither.
          r.put("why", "the reference requires from and to, which its own example omits");
        }
      }
      Path file = tmp.resolve("examples.json");
      Files.writeString(file, requests.toString());
      JsonNode report = node(Map.of("MODE", "replay", "BASE_URL", base(h), "TOKEN", AdminHarness.WRITE_TOKEN,
          "REQUESTS", file.toString()), tmp);
      assertThat(report.get("failures")).as(report.toPrettyString()).isEmpty();
      assertThat(report.at("/counts/examples").asInt()).isEqualTo(requests.size()).isGreaterThanOrEqualTo(84);
      assertThat(withBody).isGreaterThanOrEqualTo(38);
    }
  }

  /** CI installs Node.js (.ci/run): a machine without it fails this test, it does not skip it. */
  @Test
  void withoutNodeTheContractTestFailsAndSaysWhy(@TempDir Path empty) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> executable("node", "why", empty.toString()))
        .isInstanceOf(AssertionError.class).hasMessageContaining("node not found on PATH")
        .hasMessageContaining(".ci/run");
    assertThat(executable("node", "why", "/nonexistent" + File.pathSeparator + Path.of(executable("node", "why"))
        .getParent())).endsWith("node");
  }

  private static void assertSurface(JsonNode report) {
    assertThat(report.get("failures")).as(report.toPrettyString()).isEmpty();
    JsonNode counts = report.get("counts");
    for (String kind : List.of("gre_tunnels", "ipsec_tunnels", "interconnects", "routes", "sites", "lans", "wans",
        "acls", "apps", "connectors", "pcaps", "ownerships", "services", "snapshots", "download_bytes")) {
      assertThat(counts.path(kind).asInt()).as(kind + " listed").isPositive();
    }
    // The script's last steps ran to their end (a failure inside them is in "failures" above).
    assertThat(counts.path("read_modify_writes").asInt()).as("GET, change, PUT back: GRE, IPsec, interconnect")
        .isEqualTo(3);
    assertThat(counts.path("more_round_trips").asInt()).as("ACL and bucket ownership round trips").isEqualTo(2);
    int events = sim.simulator.world().events(ACCOUNT, connector, EVENTS_FROM, NOW).size();
    assertThat(events).as("the window holds events to page through").isGreaterThan(3 * EVENTS_LIMIT);
    assertThat(counts.get("events").asInt()).as("events paged through cursor, each exactly once").isEqualTo(events);
    assertThat(counts.get("event_pages").asInt()).isGreaterThanOrEqualTo(events / EVENTS_LIMIT);
  }

  private static String base(AdminHarness h) {
    return "http://127.0.0.1:" + h.server.actualPort() + AdminApi.BASE;
  }

  /** A template with the account and plausible ids filled in. */
  private static String concrete(String template) {
    Matcher m = PARAM.matcher(template);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "account_id" -> ACCOUNT;
        case "event_t", "snapshot_t" -> Long.toString((long) NOW - 60);
        case "event_n" -> "0";
        case "service_id" -> "0191dce4-9ab4-7fce-b660-8e5dec5172da";
        default -> "c4a7362d577a6c3019a474fd6f485821";
      };
      m.appendReplacement(b, value);
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Every write route with concrete ids and a body its rules accept. */
  private static ArrayNode everyWriteRoute() {
    ArrayNode out = M.createArrayNode();
    for (Route r : RouteTable.ROUTES) {
      if (r.scope() != Scope.WRITE) {
        continue;
      }
      ObjectNode o = out.addObject().put("method", r.method().name()).put("path", concrete(r.template()));
      JsonNode body = Samples.body(r);
      if (body != null) {
        o.set("body", body);
      }
    }
    return out;
  }

  /** Runs the SDK script with {@code vars}; its report. */
  private static JsonNode node(Map<String, String> vars, Path tmp) throws IOException, InterruptedException {
    String node = executable("node", "the contract test runs the official SDK on Node.js (apt-get install nodejs npm)");
    Path installed = SDK.resolve("node_modules/cloudflare/package.json");
    assertThat(installed).as(
        "the official SDK is not installed: run `npm ci --prefix src/test/sdk` (bash .ci/run does)").isRegularFile();
    assertThat(M.readTree(installed.toFile()).path("version").asText()).as(
        "the installed SDK is the locked major version 7; run `npm ci --prefix src/test/sdk` again").startsWith("7.");
    Map<String, String> env = new HashMap<>(vars);
    env.putIfAbsent("ACCOUNT_ID", ACCOUNT);
    env.put("CONNECTOR_ID", connector);
    env.put("EVENTS_FROM", Long.toString(EVENTS_FROM));
    env.put("EVENTS_TO", Long.toString((long) NOW));
    env.put("EVENTS_LIMIT", Integer.toString(EVENTS_LIMIT));
    Path out = tmp.resolve("stdout.json");
    Path err = tmp.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(node, "contract.mjs").directory(SDK.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    // A bound only against a hung process: the script's own calls time out after 60 s each.
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(done).as("node contract.mjs finished; stderr:\n" + stderr).isTrue();
    String last = stdout.lines().reduce((a, b) -> b).orElse("");
    assertThat(last).as("a JSON report on stdout (exit " + p.exitValue() + "); stderr:\n" + stderr).startsWith("{");
    System.out.println("SDK contract report: " + last);
    return M.readTree(last);
  }

  private static String executable(String name, String why) {
    return executable(name, why, System.getenv().getOrDefault("PATH", ""));
  }

  /** The program on {@code path}; without it an AssertionError, never an assumption (which would skip). */
  static String executable(String name, String why, String path) {
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError(name + " not found on PATH: " + why + "; `bash .ci/run` installs what the tests need");
  }
}
