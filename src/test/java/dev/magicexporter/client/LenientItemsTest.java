package dev.magicexporter.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.magicexporter.model.GreTunnel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One odd value never costs more than itself: the rest of its object and the other objects stay. */
class LenientItemsTest {
  private final List<String> dropped = new ArrayList<>();

  private List<GreTunnel> read(String json) throws Exception {
    try (JsonParser p = Json.MAPPER.createParser(json)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      return LenientItems.listOf(GreTunnel.class, dropped::add).decode(p);
    }
  }

  @Test
  void aValueOutOfRangeOfItsFieldLeavesOutThatFieldOnly() throws Exception {
    List<GreTunnel> got = read("[{\"id\":\"t1\",\"name\":\"a\",\"mtu\":2147483648,\"ttl\":64},"
        + "{\"id\":\"t2\",\"name\":\"b\",\"mtu\":1476,\"ttl\":64}]");

    assertThat(got).extracting(GreTunnel::id).containsExactly("t1", "t2");
    assertThat(got.get(0).mtu()).isNull();
    assertThat(got.get(0).ttl()).isEqualTo(64);
    assertThat(got.get(0).name()).isEqualTo("a");
    assertThat(got.get(1).mtu()).isEqualTo(1476);
    assertThat(dropped).containsExactly("mtu");
  }

  @Test
  void hugeNumbersWrongShapesAndNestedFieldsAreLeftOutOneByOne() throws Exception {
    List<GreTunnel> got = read("[{\"id\":\"t1\",\"mtu\":1e400,\"ttl\":{\"x\":1},\"name\":[\"n\"],"
        + "\"bgp\":{\"customer_asn\":\"not a number\",\"md5_key\":\"k\"},\"description\":\"kept\"}]");

    assertThat(got).singleElement().satisfies(t -> {
      assertThat(t.id()).isEqualTo("t1");
      assertThat(t.mtu()).isNull();
      assertThat(t.ttl()).isNull();
      assertThat(t.description()).isEqualTo("kept");
      assertThat(t.bgp()).isNotNull();
      assertThat(t.bgp().customerAsn()).isNull();
    });
    assertThat(dropped).containsExactlyInAnyOrder("mtu", "ttl", "name", "bgp.customer_asn");
  }

  @Test
  void anItemThatIsNoObjectIsDroppedAndReported() throws Exception {
    List<GreTunnel> got = read("[null, 5, \"x\", {\"id\":\"t1\"}]");

    assertThat(got).extracting(GreTunnel::id).containsExactly("t1");
    assertThat(dropped).containsExactly(LenientItems.WHOLE_ITEM, LenientItems.WHOLE_ITEM, LenientItems.WHOLE_ITEM);
  }

  @Test
  void theReportedFieldNeverCarriesTheValue() throws Exception {
    read("[{\"id\":\"t1\",\"mtu\":\"s3://secret-bucket\"}]");

    assertThat(dropped).containsExactly("mtu");
  }
}
