package dev.magicexporter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magicexporter.model.DiskNumber;
import dev.magicexporter.model.NetdevNumber;
import dev.magicexporter.model.Snapshot;
import dev.magicexporter.model.SnapshotNumber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnapshotDecoderTest {
  static byte[] resource(String path) throws IOException {
    try (InputStream in = SnapshotDecoderTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return in.readAllBytes();
    }
  }

  static Snapshot latest(String json) {
    return EnvelopeDecoder.decode(json.getBytes(StandardCharsets.UTF_8), 200, SnapshotDecoder.LATEST).result();
  }

  static Snapshot one(String snapshotJson) {
    return EnvelopeDecoder.decode(("{\"success\":true,\"result\":" + snapshotJson + "}").getBytes(StandardCharsets.UTF_8),
        200, SnapshotDecoder.SNAPSHOT).result();
  }

  @Test
  void allFieldsFixtureSetsEveryField() throws Exception {
    Snapshot s = EnvelopeDecoder.decode(resource("/snapshots/latest-all-fields.json"), 200, SnapshotDecoder.LATEST).result();
    for (SnapshotNumber n : SnapshotNumber.values()) {
      assertThat(s.has(n)).as(n.json()).isTrue();
    }
    assertThat(s.t()).isEqualTo(1717171717.25);
    assertThat(s.get(SnapshotNumber.SNMP_IP_FORWARDING_ENABLED)).isEqualTo(1);
    assertThat(s.version()).isEqualTo("2024.6.3");
    assertThat(s.platform()).isEqualTo("x86_64-virtual");
    assertThat(s.haState()).isEqualTo("active");
    assertThat(s.bonds()).hasSize(2);
    assertThat(s.dhcpLeases()).extracting(Snapshot.DhcpLease::interfaceName).containsExactly("lan0", "lan0", "lan1");
    assertThat(s.disks()).hasSize(2);
    for (Snapshot.Disk d : s.disks()) {
      for (DiskNumber n : DiskNumber.values()) {
        assertThat(d.get(n)).as(d.name() + " " + n.json()).isNotNaN();
      }
    }
    for (Snapshot.Netdev d : s.netdevs()) {
      for (NetdevNumber n : NetdevNumber.values()) {
        assertThat(d.get(n)).as(d.name() + " " + n.json()).isNotNaN();
      }
    }
    assertThat(s.interfaces().get(0).ipAddresses()).hasSize(2);
    assertThat(s.interfaces().get(2).speed()).isNaN();
    assertThat(s.mounts().get(1).readOnly()).isTrue();
    assertThat(s.thermals().get(0).currentCelsius()).isEqualTo(47.5);
    assertThat(s.tunnels().get(1).healthState()).isEqualTo("degraded");
  }

  @Test
  void missingAndNullFieldsStayAbsent() {
    Snapshot s = one("{\"t\": 5, \"cpu_count\": null, \"disks\": [{\"name\": \"sda\", \"reads\": 3}]}");
    assertThat(s.t()).isEqualTo(5);
    assertThat(s.get(SnapshotNumber.CPU_COUNT)).isNaN();
    assertThat(s.get(SnapshotNumber.MEMORY_FREE_BYTES)).isNaN();
    assertThat(s.version()).isNull();
    assertThat(s.disks().get(0).get(DiskNumber.READS)).isEqualTo(3);
    assertThat(s.disks().get(0).get(DiskNumber.SECTORS_READ)).isNaN();
    assertThat(s.netdevs()).isEmpty();
  }

  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() {
    Snapshot s = one("{\"t\": 5, \"brand_new\": {\"deep\": [1, {\"x\": 2}]}, \"also_new\": [1,2],"
        + " \"disks\": [{\"name\": \"sda\", \"future\": {\"a\": 1}, \"reads\": 3}], \"cpu_count\": 2}");
    assertThat(s.get(SnapshotNumber.CPU_COUNT)).isEqualTo(2);
    assertThat(s.disks().get(0).get(DiskNumber.READS)).isEqualTo(3);
  }

  @Test
  void numericStringsAreAcceptedOtherShapesFailNamingTheField() {
    assertThat(one("{\"t\": \"7.5\", \"cpu_count\": \"4\"}").get(SnapshotNumber.CPU_COUNT)).isEqualTo(4);
    assertThatThrownBy(() -> one("{\"t\": 1, \"cpu_count\": {\"n\": 4}}"))
        .isInstanceOf(ApiException.Malformed.class).hasMessageContaining("cpu_count");
    assertThatThrownBy(() -> one("{\"t\": 1, \"memory_free_bytes\": \"lots\"}"))
        .isInstanceOf(ApiException.Malformed.class).hasMessageContaining("memory_free_bytes");
    assertThatThrownBy(() -> one("{\"t\": 1, \"disks\": {\"name\": \"sda\"}}"))
        .isInstanceOf(ApiException.Malformed.class).hasMessageContaining("disks");
    assertThatThrownBy(() -> one("{\"t\": 1, \"disks\": [5]}"))
        .isInstanceOf(ApiException.Malformed.class).hasMessageContaining("disks");
    assertThatThrownBy(() -> one("{\"cpu_count\": 4}"))
        .isInstanceOf(ApiException.Malformed.class).hasMessageContaining("'t'");
    assertThatThrownBy(() -> one("{\"t\": 1, \"cpu_count\": 4"))
        .isInstanceOf(ApiException.Malformed.class);
  }

  @Test
  void elementsWithoutKeyAreDroppedAndRepeatedKeysKeepTheFirst() {
    Snapshot s = one("{\"t\": 1, \"disks\": [{\"reads\": 1}, {\"name\": \"sda\", \"reads\": 2},"
        + " {\"name\": \"sda\", \"reads\": 3}, {\"name\": \"sdb\", \"reads\": 4}]}");
    assertThat(s.disks()).extracting(Snapshot.Disk::name).containsExactly("sda", "sdb");
    assertThat(s.disks().get(0).get(DiskNumber.READS)).isEqualTo(2);
  }

  @Test
  void latestPicksTheNewestItemAndEmptyMeansNone() {
    Snapshot s = latest("{\"success\":true,\"result\":{\"count\":2,\"items\":[{\"t\":10,\"cpu_count\":1},"
        + "{\"t\":30,\"cpu_count\":3},{\"t\":20,\"cpu_count\":2}]}}");
    assertThat(s.get(SnapshotNumber.CPU_COUNT)).isEqualTo(3);
    assertThat(latest("{\"success\":true,\"result\":{\"count\":0,\"items\":[]}}")).isNull();
    assertThatThrownBy(() -> latest("{\"success\":true,\"result\":{\"count\":0}}"))
        .isInstanceOf(ApiException.Malformed.class).hasMessageContaining("items");
  }
}
