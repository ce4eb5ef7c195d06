package dev.magicexporter.poll.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.client.ApiException;
import dev.magicexporter.model.ApiMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeMessagesTest {
  @Test
  void quotedPiecesOfMalformedBodiesAreElided() {
    ApiException.Malformed m = new ApiException.Malformed(200,
        "Cannot deserialize value of type `java.lang.Double` from String \"s3://bucket/x\": not a valid value", null);
    assertThat(SafeMessages.of(m)).doesNotContain("s3://").contains("java.lang.Double").contains("\"…\"");
    assertThat(SafeMessages.of(new IllegalStateException("token 'abc' leaked"))).isEqualTo("token '…' leaked");
    assertThat(SafeMessages.kind(m)).isEqualTo("malformed");
    assertThat(SafeMessages.kind(new IllegalStateException())).isEqualTo("internal");
  }

  @Test
  void apiErrorsKeepCloudflaresWords() {
    ApiException.Server s = new ApiException.Server(502, List.of(new ApiMessage(1000, "upstream \"x\" down")));
    assertThat(SafeMessages.of(s)).contains("upstream \"x\" down");
  }

  @Test
  void authenticationNamesAPermission() {
    ApiException.Authentication withHint = new ApiException.Authentication(403, List.of(), "Magic WAN Read");
    assertThat(SourceHealth.describe(withHint, "\"Other\"")).contains("Magic WAN Read").doesNotContain("Other");
    ApiException.Authentication noHint = new ApiException.Authentication(403, List.of(), null);
    assertThat(SourceHealth.describe(noHint, "\"Connectivity Directory Read\""))
        .endsWith("this source needs the token permission \"Connectivity Directory Read\"");
  }
}
