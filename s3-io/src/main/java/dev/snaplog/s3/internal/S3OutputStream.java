package dev.snaplog.s3.internal;

import dev.snaplog.core.io.PositionOutputStream;
import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * A create-only streamed write. Up to one part of bytes is held in memory: an object that fits is sent as one
 * conditional PUT on close; a larger one becomes a multipart upload whose parts are sent as they fill, and
 * whose completion carries {@code If-None-Match: *}. Nothing is visible before close (S3 shows neither parts
 * nor an unfinished upload), and abort discards the upload.
 */
public final class S3OutputStream extends PositionOutputStream {
  private static final Logger LOG = LoggerFactory.getLogger(S3OutputStream.class);

  private final S3Connection conn;
  private final S3Location location;
  private final int partSize;
  private byte[] buf = new byte[64 * 1024];
  private int count;
  private long position;
  private MultipartUpload upload;
  private final List<CompletedPart> parts = new ArrayList<>();
  private boolean closed;

  public S3OutputStream(S3Connection conn, S3Location location, long partSize) {
    this.conn = conn;
    this.location = location;
    this.partSize = (int) partSize;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    checkOpen();
    while (len > 0) {
      if (count == partSize) {
        sendPart();
      }
      int n = Math.min(len, partSize - count);
      ensureCapacity(count + n);
      System.arraycopy(b, off, buf, count, n);
      count += n;
      position += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (upload == null) {
        ConditionalPuts.putIfAbsent(conn, location, buf, count);
      } else {
        if (count > 0) {
          sendPart();
        }
        upload.complete(parts, position);
      }
    } catch (RuntimeException e) { // ObjectAlreadyExistsException included: discard the parts
      abortUpload();
      throw e;
    } finally {
      buf = null;
    }
  }

  @Override
  public void abort() {
    closed = true;
    buf = null;
    abortUpload();
  }

  private void sendPart() {
    try {
      if (upload == null) {
        upload = MultipartUpload.start(conn, location);
      }
      int partNumber = parts.size() + 1;
      byte[] data = buf;
      int len = count;
      String etag = conn.client().uploadPart(b -> b.bucket(location.bucket()).key(location.key())
              .uploadId(upload.id()).partNumber(partNumber).contentLength((long) len),
          RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, len), len,
              "application/octet-stream")).eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      count = 0;
    } catch (SdkException e) {
      abort();
      throw conn.errors().failure("upload part", location.toString(), e);
    }
  }

  private void abortUpload() {
    if (upload != null && !upload.completed()) {
      upload.abortQuietly();
    }
  }

  private void ensureCapacity(int needed) {
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, (int) Math.min(partSize, Math.max(needed, (long) buf.length * 2)));
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("Stream already closed or aborted: " + location);
    }
  }

  /** Whether an object of {@code size} bytes now exists; settles a completion whose response was lost. */
  static boolean existsWithSize(S3Connection conn, S3Location location, long size) {
    try {
      return conn.client().headObject(HeadObjectRequest.builder().bucket(location.bucket()).key(location.key())
          .build()).contentLength() == size;
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      LOG.debug("HEAD after an unknown completion of {} failed", location, e);
      return false;
    }
  }
}
