package dev.magicexporter.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
  private static final Pattern ROW = Pattern.compile("^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\|");

  static Set<String> endpointsMd() throws IOException {
    try (InputStream in = RouteTableTest.class.getResourceAsStream("/api/ENDPOINTS.md")) {
      assertThat(in).as("/api/ENDPOINTS.md on the test classpath").isNotNull();
      Set<String> out = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        Matcher m = ROW.matcher(line);
        if (m.find()) {
          assertThat(out.add(m.group(1) + " " + m.group(2))).as("duplicate row " + line).isTrue();
        }
      }
      return out;
    }
  }

  @Test
  void tableCoversEndpointsMdExactly() throws IOException {
    Set<String> documented = endpointsMd();
    List<String> keys = RouteTable.ROUTES.stream().map(Route::key).toList();
    assertThat(documented).hasSize(84);
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(keys)).isEqualTo(documented);
  }

  @Test
  void scopeFollowsTheMethodAndEveryRowHasAKind() {
    for (Route r : RouteTable.ROUTES) {
      assertThat(r.scope()).as(r.key()).isEqualTo(r.method() == HttpMethod.GET ? Scope.READ : Scope.WRITE);
      assertThat(r.kind()).as(r.key()).isNotBlank().doesNotContain("{");
    }
    assertThat(RouteTable.ROUTES.stream().filter(Route::streamed).map(Route::key))
        .containsExactly("GET /accounts/{account_id}/pcaps/{pcap_id}/download");
  }

  @Test
  void everyRouteResolvesToItselfFromItsExamplePath() {
    RouteTable table = new RouteTable();
    for (Route r : RouteTable.ROUTES) {
      List<String> segs = Arrays.asList(Samples.path(r).substring(1).split("/", -1));
      RouteTable.Resolution res = table.resolve(r.method(), segs);
      assertThat(res).as(r.key()).isInstanceOf(RouteTable.Matched.class);
      RouteTable.Matched m = (RouteTable.Matched) res;
      assertThat(m.route()).as(r.key()).isEqualTo(r);
      assertThat(m.pathValues()).isEqualTo(Samples.pathValues(r));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET|/accounts/a/pcaps/ownership|GET /accounts/{account_id}/pcaps/ownership",
      "GET|/accounts/a/pcaps/p1|GET /accounts/{account_id}/pcaps/{pcap_id}",
      "GET|/accounts/a/magic/connectors/c/telemetry/events/latest|GET /accounts/{account_id}/magic/connectors/{connector_id}/telemetry/events/latest",
      "GET|/accounts/a/magic/connectors/c/telemetry/events/1700000000.7|GET /accounts/{account_id}/magic/connectors/{connector_id}/telemetry/events/{event_t}.{event_n}",
      "GET|/accounts/a/magic/connectors/c/telemetry/snapshots/latest|GET /accounts/{account_id}/magic/connectors/{connector_id}/telemetry/snapshots/latest",
      "POST|/accounts/a/pcaps/ownership/validate|POST /accounts/{account_id}/pcaps/ownership/validate",
      "DELETE|/accounts/a/magic/routes|DELETE /accounts/{account_id}/magic/routes",
  })
  void theMostSpecificTemplateWins(String method, String path, String expected) {
    RouteTable.Resolution res = new RouteTable().resolve(HttpMethod.valueOf(method),
        Arrays.asList(path.substring(1).split("/")));
    assertThat(res).isInstanceOfSatisfying(RouteTable.Matched.class, m -> assertThat(m.route().key()).isEqualTo(expected));
  }

  @Test
  void aKnownPathWithAnotherMethodIsWrongMethodAndAnUnknownOneIsNoRoute() {
    RouteTable t = new RouteTable();
    assertThat(t.resolve(HttpMethod.PATCH, List.of("accounts", "a", "magic", "gre_tunnels", "g")))
        .isInstanceOfSatisfying(RouteTable.WrongMethod.class, w -> assertThat(w.allowed().stream()
            .map(HttpMethod::name).collect(Collectors.toSet())).containsExactlyInAnyOrder("GET", "PUT", "DELETE"));
    assertThat(t.resolve(HttpMethod.GET, List.of("accounts", "a", "magic", "nothing")))
        .isInstanceOf(RouteTable.NoRoute.class);
    assertThat(t.resolve(HttpMethod.GET, List.of("accounts", "a", "magic", "gre_tunnels", "g", "extra")))
        .isInstanceOf(RouteTable.NoRoute.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PUT /accounts/{account_id}/magic/gre_tunnels/{gre_tunnel_id}|/accounts/a/magic/gre_tunnels/g|/accounts/a/magic/gre_tunnels|gre_tunnels",
      "POST /accounts/{account_id}/magic/sites/{site_id}/lans|/accounts/a/magic/sites/s/lans|/accounts/a/magic/sites/s/lans|lans",
      "POST /accounts/{account_id}/magic/ipsec_tunnels/{ipsec_tunnel_id}/psk_generate|/accounts/a/magic/ipsec_tunnels/i/psk_generate|/accounts/a/magic/ipsec_tunnels|ipsec_tunnels",
      "PUT /accounts/{account_id}/pcaps/{pcap_id}/stop|/accounts/a/pcaps/p/stop|/accounts/a/pcaps|pcaps",
      "POST /accounts/{account_id}/pcaps/ownership/validate|/accounts/a/pcaps/ownership/validate|/accounts/a/pcaps/ownership|ownership",
      "DELETE /accounts/{account_id}/connectivity/directory/services/{service_id}|/accounts/a/connectivity/directory/services/x|/accounts/a/connectivity/directory/services|services",
  })
  void aWriteChangesTheCollectionOfItsKind(String key, String path, String collection, String kind) {
    Route r = RouteTable.ROUTES.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
    assertThat(r.kind()).isEqualTo(kind);
    assertThat(AdminApi.collection(r, path)).isEqualTo(collection);
  }
}
