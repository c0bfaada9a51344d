package dev.snaplog.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.PositionOutputStream;
import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.testing.CountingInterceptor;
import dev.snaplog.s3.testing.FaultInjectingInterceptor;
import dev.snaplog.s3.testing.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Lost responses and request counts, through SDK interceptors on the picked test server. */
class S3FaultsTest {
  private static final Predicate<SdkRequest> POINTER_PUT =
      r -> r instanceof PutObjectRequest && ((PutObjectRequest) r).key().endsWith("_pointer");

  private static S3TestServer server;
  private static Storage storage;
  private static final FaultInjectingInterceptor faults = new FaultInjectingInterceptor();
  private static final CountingInterceptor counter = new CountingInterceptor();
  private String table;

  @BeforeAll
  static void open() {
    server = S3TestServer.shared();
    storage = server.openStorage(server.newWarehouse("faults"), Map.of(), List.of(counter, faults));
  }

  @AfterAll
  static void close() {
    storage.close();
  }

  @BeforeEach
  void newTable() {
    table = storage.root() + "/db/t-" + System.nanoTime();
  }

  @Test
  void swapWhoseResponseIsLostAfterTheServerAppliedItIsUnknownAndVisible() {
    Pointer v1 = storage.pointers().create(table + "/_pointer", bytes("v1"));
    faults.loseNextResponse(POINTER_PUT);
    assertThatThrownBy(() -> storage.pointers().swap(table + "/_pointer", v1.token(), bytes("v2")))
        .isInstanceOf(CommitStateUnknownException.class)
        .hasMessageContaining("outcome is unknown")
        .hasMessageContaining(server.endpoint());
    // the server applied it: re-reading the pointer settles the outcome as "won"
    assertThat(storage.pointers().read(table + "/_pointer").orElseThrow().bytes()).isEqualTo(bytes("v2"));
  }

  @Test
  void swapWhoseRequestIsDroppedIsUnknownAndNotApplied() {
    Pointer v1 = storage.pointers().create(table + "/_pointer", bytes("v1"));
    faults.dropNextRequest(POINTER_PUT);
    assertThatThrownBy(() -> storage.pointers().swap(table + "/_pointer", v1.token(), bytes("v2")))
        .isInstanceOf(CommitStateUnknownException.class);
    assertThat(storage.pointers().read(table + "/_pointer")).hasValue(v1);
    // not applied, so the retry with the same token wins exactly once
    assertThat(storage.pointers().swap(table + "/_pointer", v1.token(), bytes("v2")).bytes()).isEqualTo(bytes("v2"));
  }

  @Test
  void createWhoseResponseIsLostIsSettledByReadingBack() {
    faults.loseNextResponse(POINTER_PUT);
    Pointer created = storage.pointers().create(table + "/_pointer", bytes("v1"));
    assertThat(created.bytes()).isEqualTo(bytes("v1"));
    assertThat(storage.pointers().read(table + "/_pointer")).hasValue(created);
  }

  @Test
  void createOnlyObjectWriteWhoseResponseIsLostIsRetriedAndRecognisedAsOurs() {
    faults.loseNextResponse(r -> r instanceof PutObjectRequest && ((PutObjectRequest) r).key().endsWith(".json"));
    storage.objects().putIfAbsent(table + "/metadata/1.json", bytes("{}"));
    assertThat(storage.objects().readIfExists(table + "/metadata/1.json")).hasValueSatisfying(
        b -> assertThat(b).isEqualTo(bytes("{}")));
  }

  @Test
  void requestCounts() throws IOException {
    Pointer v1 = storage.pointers().create(table + "/_pointer", bytes("v1"));
    counter.reset();
    storage.pointers().swap(table + "/_pointer", v1.token(), bytes("v2"));
    assertThat(counter.requests()).as("one pointer swap").hasSize(1).allMatch(r -> r.startsWith("PutObject PUT"));
    counter.reset();
    storage.objects().putIfAbsent(table + "/metadata/2.json", bytes("{}"));
    assertThat(counter.requests()).as("one create-only object put").hasSize(1);
    counter.reset();
    try (PositionOutputStream out = storage.objects().newOutputFile(table + "/log/1.json").create()) {
      out.write(bytes("manifest"));
    }
    assertThat(counter.requests()).as("one small streamed write").hasSize(1);
    counter.reset();
    storage.pointers().read(table + "/_pointer");
    assertThat(counter.requests()).as("one pointer read").hasSize(1).allMatch(r -> r.startsWith("GetObject GET"));
    System.out.println("[snaplog] request counts: swap=1 PUT, object put=1 PUT, small stream=1 PUT, pointer read=1 GET");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
