package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.exceptions.CorruptTableException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The format's JSON reader must read whatever a writer stored, including what older builds wrote before names
 * and bounds were limited (a 20 MB stats bound, a 60,000-character writer name), so such tables read again.
 */
class JsonReadLimitsTest {
  @Test
  void readsStringsAndNamesBeyondJacksonsDefaultLimits() {
    String longValue = "v".repeat(25_000_000);
    String longName = "w".repeat(60_000);
    byte[] bytes = ("{\"format-version\":1,\"s\":\"" + longValue + "\",\"writers\":{\"" + longName
        + "\":{\"sequence\":1}}}").getBytes(StandardCharsets.UTF_8);
    var node = Json.parse(bytes, "mem://object.json");
    assertThat(node.get("s").asText()).hasSize(25_000_000);
    assertThat(node.get("writers").fieldNames().next()).isEqualTo(longName);
  }

  @Test
  void nestingBeyondTheFormatsDepthIsStillRefusedAsDamage() {
    String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
    assertThatThrownBy(() -> Json.parse(("{\"a\":" + deep + "}").getBytes(StandardCharsets.UTF_8), "mem://x"))
        .isInstanceOf(CorruptTableException.class).hasMessageContaining("mem://x");
  }
}
