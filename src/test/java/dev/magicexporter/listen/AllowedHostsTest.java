package dev.magicexporter.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {
  @Test
  void loopbackNamesTheBindAddressConfiguredNamesAndIpLiteralsPass() {
    AllowedHosts h = new AllowedHosts("10.1.2.3", List.of("Admin.Example.org"));
    for (String ok : List.of("localhost", "localhost:10072", "127.0.0.1:1", "[::1]:10072", "[::1]", "10.1.2.3",
        "admin.example.org", "admin.example.org.:443", "192.0.2.7", "[2001:db8::1]:80")) {
      assertThat(h.allows(ok)).as(ok).isTrue();
    }
    for (String bad : List.of("", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "admin.example.org:x",
        "[::1", "999.1.1.1", "a:b:c")) {
      assertThat(h.allows(bad)).as(bad).isFalse();
    }
    assertThat(h.allows(null)).isFalse();
  }

  @Test
  void aStarTurnsTheCheckOff() {
    assertThat(new AllowedHosts("127.0.0.1", List.of("*")).allows("anything.example")).isTrue();
  }
}
