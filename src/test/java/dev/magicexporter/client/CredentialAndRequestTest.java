package dev.magicexporter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialAndRequestTest {
  static final String TOKEN = "Zx9QwErTyUiOpAsDfGhJkLzXcVbNm1234567890a";

  @Test
  void aTokensIdIsAFingerprintThatSharesNoCharacterRunWithTheToken() {
    Credential c = Credential.token(TOKEN);
    assertThat(c.id()).matches("token:[0-9a-f]{8}").isEqualTo(Credential.token(TOKEN).id());
    assertThat(c.id()).isNotEqualTo(Credential.token(TOKEN + "x").id());
    for (int i = 0; i + 4 <= TOKEN.length(); i++) {
      assertThat(c.id()).doesNotContain(TOKEN.substring(i, i + 4));
      assertThat(c.toString()).doesNotContain(TOKEN.substring(i, i + 4));
    }
  }

  @Test
  void aLegacyKeyIsNamedByItsEmail() {
    Credential c = Credential.legacy("0123456789abcdef0123456789abcdef01234", "ops@example.com");
    assertThat(c.id()).isEqualTo("key:ops@example.com");
    assertThat(c.toString()).doesNotContain("0123456789abcdef");
    assertThat(c.isToken()).isFalse();
  }

  @Test
  void aCredentialIsOneKindOrTheOther() {
    assertThatThrownBy(() -> new Credential(null, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Credential("t", "k", "e@x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Credential.legacy("k", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Credential.token(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersArePlainDecimals() {
    assertThat(ApiRequest.decimal(1.7e9)).isEqualTo("1700000000");
    assertThat(ApiRequest.decimal(1700000000.25)).isEqualTo("1700000000.25");
    assertThat(ApiRequest.decimal(1e-7)).isEqualTo("0.0000001");
    assertThat(ApiRequest.decimal(-3.0)).isEqualTo("-3");
    assertThat(ApiRequest.decimal(1e20)).isEqualTo("100000000000000000000");
    assertThat(ApiRequest.decimal(0.1)).isEqualTo("0.1");
    assertThat(ApiRequest.decimal(1700000000.123)).isEqualTo("1700000000.123");
    assertThatThrownBy(() -> ApiRequest.decimal(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pathsAndQueriesAreEncoded() {
    ApiRequest r = ApiRequest.get("/accounts/{account_id}/magic/connectors/{connector_id}/telemetry/events/{event_t}.{event_n}")
        .withPath("account_id", "a/b").withPath("connector_id", "c 1")
        .withPath("event_t", ApiRequest.decimal(1.7e9)).withPath("event_n", "3")
        .withQuery("cursor", "x+y=z&w");
    assertThat(r.pathAndQuery()).isEqualTo(
        "/accounts/a%2Fb/magic/connectors/c%201/telemetry/events/1700000000.3?cursor=x%2By%3Dz%26w");
    assertThatThrownBy(() -> ApiRequest.get("/accounts/{account_id}/pcaps").path())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account_id");
  }

  @Test
  void optionsRejectNonsense() {
    ClientOptions d = ClientOptions.defaults(ClientOptions.DEFAULT_BASE_URL + "/");
    assertThat(d.baseUrl()).isEqualTo(ClientOptions.DEFAULT_BASE_URL);
    assertThatThrownBy(() -> ClientOptions.defaults("api.cloudflare.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxPages(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withBudget(1200, java.time.Duration.ofSeconds(300), 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withRetries(-1, java.time.Duration.ZERO, java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
