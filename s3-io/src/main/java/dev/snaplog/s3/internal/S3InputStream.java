package dev.snaplog.s3.internal;

import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.io.SeekableInputStream;
import dev.snaplog.s3.S3Location;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads an object by ranged GETs. A seek only moves the position; the next read opens {@code Range:
 * bytes=pos-} unless the open response is a little behind the new position, in which case it skips forward
 * on the same connection. Parquet's footer-then-column-chunk access therefore costs one GET per jump and
 * never downloads the whole object. A connection that breaks mid-read is reopened once at the position.
 */
public final class S3InputStream extends SeekableInputStream {
  /** Forward jumps up to this size read through instead of issuing a new GET. */
  private static final long SKIP_THROUGH = 128 * 1024;
  /** Above this many unread bytes, closing a response aborts the connection instead of draining it. */
  private static final long DRAIN_LIMIT = 64 * 1024;

  private final S3Client client;
  private final S3Location location;
  private final S3Errors errors;
  private long length;
  private long pos;
  private ResponseInputStream<GetObjectResponse> body;
  private long bodyPos;
  private long bodyEnd;
  private boolean closed;

  /** @param knownLength the object length if known, else -1 (learned from the first response) */
  public S3InputStream(S3Client client, S3Location location, long knownLength, S3Errors errors) {
    this.client = client;
    this.location = location;
    this.length = knownLength;
    this.errors = errors;
  }

  @Override
  public long position() {
    return pos;
  }

  @Override
  public void seek(long position) throws IOException {
    checkOpen();
    if (position < 0) {
      throw new IOException("Negative seek position " + position + " in " + location);
    }
    pos = position;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkOpen();
    if (len == 0) {
      return 0;
    }
    for (int attempt = 0; ; attempt++) {
      if (!positionBody()) {
        return -1;
      }
      try {
        int n = body.read(b, off, (int) Math.min(len, bodyEnd - bodyPos));
        if (n < 0) {
          // the response ended early (server closed it); reopen at pos on the next call
          discardBody(false);
          if (attempt > 0) {
            throw new IOException("Unexpected end of " + location + " at position " + pos);
          }
          continue;
        }
        pos += n;
        bodyPos += n;
        return n;
      } catch (IOException | SdkException e) {
        discardBody(true);
        if (attempt > 0) {
          throw new IOException(errors.describe(location.toString(), e), errors.cause(location.toString(), e));
        }
      }
    }
  }

  @Override
  public long skip(long n) throws IOException {
    checkOpen();
    if (n <= 0) {
      return 0;
    }
    long target = length >= 0 ? Math.min(length, pos + n) : pos + n;
    long skipped = target - pos;
    pos = target;
    return skipped;
  }

  @Override
  public int available() {
    return body == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, Math.min(bodyEnd - bodyPos, 8192)));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      discardBody(false);
    }
  }

  /** Makes {@code body} deliver the byte at {@code pos}; false at end of object. */
  private boolean positionBody() throws IOException {
    if (length >= 0 && pos >= length) {
      return false;
    }
    if (body != null && pos >= bodyPos && pos - bodyPos <= SKIP_THROUGH && pos < bodyEnd) {
      long toSkip = pos - bodyPos;
      while (toSkip > 0) {
        long s = body.skip(toSkip);
        if (s <= 0) {
          break;
        }
        toSkip -= s;
        bodyPos += s;
      }
      if (bodyPos == pos) {
        return true;
      }
    }
    discardBody(false);
    return open();
  }

  private boolean open() throws IOException {
    GetObjectRequest req = GetObjectRequest.builder().bucket(location.bucket()).key(location.key())
        .range("bytes=" + pos + "-").build();
    try {
      body = client.getObject(req);
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        throw new NotFoundException(location.toString());
      }
      if (S3Errors.statusCode(e) == 416) {
        // a range at or past the end (this includes every range of an empty object)
        if (length < 0 || pos < length) {
          length = pos;
        }
        return false;
      }
      throw errors.failure("read", location.toString(), e);
    }
    GetObjectResponse r = body.response();
    long contentLength = r.contentLength() == null ? Long.MAX_VALUE - pos : r.contentLength();
    bodyPos = pos;
    bodyEnd = pos + contentLength;
    long total = totalFromContentRange(r.contentRange());
    if (total >= 0) {
      length = total;
    } else if (r.contentRange() == null && pos == 0 && r.contentLength() != null) {
      length = r.contentLength(); // server ignored the range and sent the whole object
    }
    return bodyEnd > bodyPos;
  }

  private void discardBody(boolean broken) {
    if (body == null) {
      return;
    }
    ResponseInputStream<GetObjectResponse> b = body;
    body = null;
    try {
      if (broken || bodyEnd - bodyPos > DRAIN_LIMIT) {
        b.abort(); // do not download the rest of a large range just to reuse the connection
      }
      b.close();
    } catch (IOException | RuntimeException e) {
      // the response is discarded either way
    }
  }

  private static long totalFromContentRange(String contentRange) {
    if (contentRange == null) {
      return -1;
    }
    int slash = contentRange.lastIndexOf('/');
    if (slash < 0 || contentRange.endsWith("*")) {
      return -1;
    }
    try {
      return Long.parseLong(contentRange.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("Stream closed: " + location);
    }
  }
}
