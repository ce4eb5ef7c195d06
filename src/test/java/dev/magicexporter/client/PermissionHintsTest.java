package dev.magicexporter.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PermissionHintsTest {

  @Test
  void theLongestPrefixWins() {
    assertThat(PermissionHints.forRequest(HttpMethod.GET, "/accounts/{account_id}/magic/connectors"))
        .isEqualTo("Magic WAN Read");
    assertThat(PermissionHints.forRequest(HttpMethod.PATCH, "/accounts/{account_id}/magic/connectors/{connector_id}"))
        .isEqualTo("Magic WAN Write");
    assertThat(PermissionHints.forRequest(HttpMethod.GET,
        "/accounts/{account_id}/magic/connectors/{connector_id}/telemetry/events/latest")).isEqualTo("Magic WAN Read");
    assertThat(PermissionHints.forRequest(HttpMethod.POST, "/accounts/{account_id}/pcaps"))
        .isEqualTo("Magic Firewall Packet Captures - Write PCAPs API");
    assertThat(PermissionHints.forRequest(HttpMethod.DELETE, "/accounts/{account_id}/connectivity/directory/services/{service_id}"))
        .isEqualTo("Connectivity Directory Admin");
    assertThat(PermissionHints.forRequest(HttpMethod.GET, "/user/tokens/verify")).isNull();
  }

  @Test
  void everyEndpointOfTheContractHasAHint() throws IOException {
    String endpoints;
    try (InputStream in = PermissionHintsTest.class.getResourceAsStream("/api/ENDPOINTS.md")) {
      assertThat(in).as("/api/ENDPOINTS.md on the test classpath").isNotNull();
      endpoints = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = Pattern.compile("\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)`").matcher(endpoints);
    int n = 0;
    while (m.find()) {
      n++;
      String hint = PermissionHints.forRequest(HttpMethod.valueOf(m.group(1)), m.group(2));
      assertThat(hint).as("%s %s", m.group(1), m.group(2)).isNotBlank();
      if (!m.group(1).equals("GET") && !m.group(2).contains("/telemetry/")) {
        assertThat(hint).as("%s %s changes something", m.group(1), m.group(2)).doesNotContain("Read");
      }
    }
    assertThat(n).isEqualTo(84);
  }
}
