package dev.snaplog.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.io.StorageProvider;
import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class S3ConfigTest {
  @Test
  void environmentIsTheFallbackAndPropertiesWin() {
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", "http://s3-specific:9000",
        "AWS_ENDPOINT_URL", "http://generic:9000", "AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-west-2");
    S3Config fromEnv = S3Config.fromProperties(Map.of(), env);
    assertThat(fromEnv.endpoint()).contains(URI.create("http://s3-specific:9000"));
    assertThat(fromEnv.region()).isEqualTo("eu-west-1");
    assertThat(fromEnv.pathStyle()).isTrue();
    assertThat(S3Config.fromProperties(Map.of(), Map.of("AWS_ENDPOINT_URL", "http://generic:9000")).endpoint())
        .contains(URI.create("http://generic:9000"));
    S3Config props = S3Config.fromProperties(Map.of(S3Config.ENDPOINT, "http://mine:1", S3Config.REGION, "ap-south-1",
        S3Config.PATH_STYLE, "false"), env);
    assertThat(props.endpoint()).contains(URI.create("http://mine:1"));
    assertThat(props.region()).isEqualTo("ap-south-1");
    assertThat(props.pathStyle()).isFalse();
    S3Config aws = S3Config.fromProperties(Map.of(), Map.of());
    assertThat(aws.endpoint()).isEmpty();
    assertThat(aws.pathStyle()).isFalse();
    assertThat(aws.region()).isEqualTo("us-east-1");
    assertThat(aws.verification()).isEqualTo(S3Config.Verification.REFUSE);
  }

  @Test
  void sizesAndModesParse() {
    assertThat(S3Config.fromProperties(Map.of(S3Config.MULTIPART_THRESHOLD, "8m"), Map.of()).multipartThreshold())
        .isEqualTo(8L << 20);
    assertThatThrownBy(() -> S3Config.fromProperties(Map.of(S3Config.MULTIPART_THRESHOLD, "1m"), Map.of()))
        .hasMessageContaining(S3Config.MULTIPART_THRESHOLD);
    assertThat(S3Config.fromProperties(Map.of(S3Config.VERIFY_CONDITIONAL_WRITES, "warn"), Map.of()).verification())
        .isEqualTo(S3Config.Verification.WARN);
    assertThatThrownBy(() -> S3Config.fromProperties(Map.of(S3Config.ENDPOINT, "localhost:9000"), Map.of()))
        .hasMessageContaining("Fix: set s3.endpoint");
    assertThatThrownBy(() -> S3Config.fromProperties(Map.of(S3Config.ACCESS_KEY_ID, "id"), Map.of()))
        .hasMessageContaining(S3Config.SECRET_ACCESS_KEY);
  }

  @Test
  void toStringHidesCredentials() {
    S3Config c = S3Config.fromProperties(Map.of(S3Config.ACCESS_KEY_ID, "AKIAEXAMPLEKEY000001",
        S3Config.SECRET_ACCESS_KEY, "very-secret-value"), Map.of());
    assertThat(c.toString()).doesNotContain("AKIAEXAMPLEKEY000001").doesNotContain("very-secret-value");
  }

  @Test
  void locationsParse() {
    assertThat(S3Location.parse("s3://b/a/b.json")).isEqualTo(new S3Location("b", "a/b.json"));
    assertThat(S3Location.parse("s3://b")).isEqualTo(new S3Location("b", ""));
    assertThat(S3Location.parse("s3://b/p").keyAsPrefix()).isEqualTo("p/");
    assertThatThrownBy(() -> S3Location.parse("file:/tmp")).hasMessageContaining("s3://bucket/key");
  }

  @Test
  void providerIsFoundByScheme() {
    assertThat(ServiceLoader.load(StorageProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.supportsScheme("s3"))).hasSize(1).first().isInstanceOf(S3StorageProvider.class);
  }

  @Test
  void userInfoInTheEndpointIsDroppedAndNeverShown() {
    S3Config c = S3Config.fromProperties(Map.of(S3Config.ENDPOINT, "http://alice:s3cr3t-pw@127.0.0.1:9000"), Map.of());
    assertThat(c.endpoint()).hasValue(java.net.URI.create("http://127.0.0.1:9000"));
    assertThat(c.endpointDescription() + c).doesNotContain("s3cr3t-pw").doesNotContain("alice");
    assertThatThrownBy(() -> S3Config.fromProperties(Map.of(S3Config.ENDPOINT, "ftp://alice:s3cr3t-pw@host"), Map.of()))
        .hasMessageNotContaining("s3cr3t-pw").hasMessageContaining("Invalid S3 endpoint");
  }
}
