package dev.snaplog.s3;

import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.ObjectInfo;
import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.OutputFile;
import dev.snaplog.core.io.PositionOutputStream;
import dev.snaplog.core.io.SeekableInputStream;
import dev.snaplog.s3.internal.ConditionalPuts;
import dev.snaplog.s3.internal.S3Errors;
import dev.snaplog.s3.internal.S3InputStream;
import dev.snaplog.s3.internal.S3OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Immutable objects on S3 and S3-compatible stores. Reads are ranged GETs (Parquet reads footers and column
 * chunks by range); writes are create-only ({@code If-None-Match: *}) and stream through one part-sized
 * buffer, switching to multipart upload above {@link S3Config#multipartThreshold()}. Locations are
 * {@code s3://bucket/key}.
 *
 * <p>Thread-safe. Request cost: a small object write is one PUT; {@link InputFile#length()} is one HEAD;
 * each read jump is one ranged GET.
 */
public final class S3ObjectStore implements ObjectStore {
  private static final int DELETE_BATCH = 1000;

  private final S3Connection conn;
  private final boolean ownsConnection;
  private final S3Errors errors;

  /** A store over {@code connection}; closing the store closes the connection. */
  public S3ObjectStore(S3Connection connection) {
    this(connection, true);
  }

  /** A store over {@code connection}; {@code ownsConnection} says whether {@link #close()} closes it. */
  public S3ObjectStore(S3Connection connection, boolean ownsConnection) {
    this.conn = connection;
    this.ownsConnection = ownsConnection;
    this.errors = connection.errors();
  }

  public S3Connection connection() {
    return conn;
  }

  @Override
  public InputFile newInputFile(String location) {
    return newInputFile(location, -1);
  }

  /** An input file whose length is already known (e.g. from a manifest), which saves the HEAD request. */
  @Override
  public InputFile newInputFile(String location, long knownLength) {
    S3Location loc = S3Location.parse(location);
    return new InputFile() {
      private long length = knownLength;

      @Override
      public String location() {
        return location;
      }

      @Override
      public long length() {
        if (length < 0) {
          length = head(loc).orElseThrow(() -> new NotFoundException(location));
        }
        return length;
      }

      @Override
      public SeekableInputStream newStream() {
        return new S3InputStream(conn.client(), loc, length, errors);
      }

      @Override
      public byte[] readAllBytes() {
        return readIfExists(location).orElseThrow(() -> new NotFoundException(location));
      }
    };
  }

  @Override
  public OutputFile newOutputFile(String location) {
    S3Location loc = S3Location.parse(location);
    return new OutputFile() {
      @Override
      public String location() {
        return location;
      }

      @Override
      public PositionOutputStream create() {
        return new S3OutputStream(conn, loc, conn.config().multipartThreshold());
      }
    };
  }

  @Override
  public void putIfAbsent(String location, byte[] bytes) {
    ConditionalPuts.putIfAbsent(conn, S3Location.parse(location), bytes, bytes.length);
  }

  @Override
  public Optional<byte[]> readIfExists(String location) {
    S3Location loc = S3Location.parse(location);
    try {
      return Optional.of(conn.client().getObjectAsBytes(GetObjectRequest.builder().bucket(loc.bucket())
          .key(loc.key()).build()).asByteArrayUnsafe());
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e) && !"NoSuchBucket".equals(S3Errors.errorCode(e))) {
        return Optional.empty();
      }
      throw errors.failure("read", location, e);
    }
  }

  @Override
  public boolean exists(String location) {
    return head(S3Location.parse(location)).isPresent();
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    S3Location loc = S3Location.parse(prefix);
    List<ObjectInfo> out = new ArrayList<>();
    try {
      for (S3Object o : conn.client().listObjectsV2Paginator(b -> b.bucket(loc.bucket())
          .prefix(loc.keyAsPrefix())).contents()) {
        out.add(new ObjectInfo(new S3Location(loc.bucket(), o.key()).toString(), o.size(),
            o.lastModified() == null ? 0 : o.lastModified().toEpochMilli()));
      }
    } catch (SdkException e) {
      throw errors.failure("list", prefix, e);
    }
    // S3 sorts by UTF-8 bytes; the contract sorts by location string like the local store does
    out.sort(Comparator.comparing(ObjectInfo::location));
    return out;
  }

  @Override
  public List<String> listChildren(String prefix) {
    S3Location loc = S3Location.parse(prefix);
    String keyPrefix = loc.keyAsPrefix();
    List<String> out = new ArrayList<>();
    try {
      for (CommonPrefix p : conn.client().listObjectsV2Paginator(b -> b.bucket(loc.bucket())
          .prefix(keyPrefix).delimiter("/")).commonPrefixes()) {
        String name = p.prefix().substring(keyPrefix.length());
        name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        // hidden names are the store's own (e.g. the probe's scratch space), as in the local store
        if (!name.isEmpty() && !name.startsWith(".")) {
          out.add(name);
        }
      }
    } catch (SdkException e) {
      throw errors.failure("list", prefix, e);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Override
  public void delete(String location) {
    S3Location loc = S3Location.parse(location);
    try {
      conn.client().deleteObject(b -> b.bucket(loc.bucket()).key(loc.key()));
    } catch (SdkException e) {
      if (!S3Errors.isNotFound(e) || "NoSuchBucket".equals(S3Errors.errorCode(e))) {
        throw errors.failure("delete", location, e);
      }
    }
  }

  /**
   * Deletes many objects with batch DELETE requests (up to 1000 keys each). Absent objects are fine.
   *
   * @throws StorageException naming the first keys that could not be deleted
   */
  @Override
  public void deleteAll(Collection<String> locations) {
    Map<String, List<String>> byBucket = locations.stream().map(S3Location::parse).collect(
        Collectors.groupingBy(S3Location::bucket, LinkedHashMap::new,
            Collectors.mapping(S3Location::key, Collectors.toList())));
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byBucket.entrySet()) {
      List<String> keys = e.getValue();
      for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
        List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH)).stream()
            .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        try {
          DeleteObjectsResponse r = conn.client().deleteObjects(b -> b.bucket(e.getKey())
              .delete(d -> d.objects(ids).quiet(true)));
          for (S3Error err : r.errors()) {
            failed.add("s3://" + e.getKey() + "/" + err.key() + " (" + err.code() + ")");
          }
        } catch (SdkException ex) {
          throw errors.failure("batch delete", "s3://" + e.getKey() + "/" + ids.get(0).key(), ex);
        }
      }
    }
    if (!failed.isEmpty()) {
      throw new StorageException("Could not delete " + failed.size() + " objects at endpoint " + errors.endpoint()
          + ", e.g. " + failed.subList(0, Math.min(5, failed.size())) + ". Fix: check delete permissions",
          failed.get(0));
    }
  }

  @Override
  public void close() {
    if (ownsConnection) {
      conn.close();
    }
  }

  private Optional<Long> head(S3Location loc) {
    try {
      return Optional.of(conn.client().headObject(HeadObjectRequest.builder().bucket(loc.bucket()).key(loc.key())
          .build()).contentLength());
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw errors.failure("stat", loc.toString(), e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String location) {
    S3Location loc = S3Location.parse(location);
    try {
      var r = conn.client().headObject(HeadObjectRequest.builder().bucket(loc.bucket()).key(loc.key()).build());
      return Optional.of(new ObjectInfo(location, r.contentLength(),
          r.lastModified() == null ? 0 : r.lastModified().toEpochMilli()));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw errors.failure("stat", location, e);
    }
  }
}
