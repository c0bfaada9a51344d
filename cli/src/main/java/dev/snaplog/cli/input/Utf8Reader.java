package dev.snaplog.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 in blocks, like a buffered {@code InputStreamReader}, but reports invalid bytes only when the
 * reader reaches them: every character before the bad bytes is delivered first, so the caller knows the line
 * and column of the error. (An {@code InputStreamReader} behind a {@code BufferedReader} throws as soon as
 * its block holds a bad byte, up to 8 KiB ahead of what was read.) With {@code replace} set, invalid bytes
 * become U+FFFD instead.
 */
final class Utf8Reader extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private final CharBuffer chars = CharBuffer.allocate(8192).flip();
  private CoderResult error;
  private boolean eof;

  Utf8Reader(InputStream in, boolean replace) {
    this.in = in;
    CodingErrorAction action = replace ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
    this.decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (error != null) {
        error.throwException();
      }
      if (eof && !bytes.hasRemaining()) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  private void fill() throws IOException {
    if (!eof) {
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
    chars.clear();
    CoderResult r = decoder.decode(bytes, chars, eof);
    if (eof && r.isUnderflow()) {
      r = decoder.flush(chars);
    }
    if (r.isError()) {
      error = r; // delivered once the characters decoded before it are read
    }
    chars.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
