package dev.snaplog.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.LossyInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON lines: one object per line, keys naming columns (absent keys are null). Values may be JSON numbers,
 * booleans, or strings in the text form of the column type ({@code "2026-01-01T10:00:00Z"} for a timestamptz);
 * structs, lists and maps are JSON objects and arrays, read by {@link JsonValueReader}. Parsed as a token
 * stream so an error can point at the value's line and column.
 *
 * <p>Input that would be stored differently from what it says is refused unless lossy input is allowed: a key
 * given twice in one object (only one value could be kept), invalid UTF-8, and values that only convert with a
 * loss ({@link LossyInput}). A second object on the line of the previous one is always refused: it is not JSON
 * lines, and most often two records glued together by a broken export.
 */
final class JsonLinesRows implements RowSource {
  // String values as long as a row can hold: a table takes any value size, and the row is in memory anyway.
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build();

  private final Schema schema;
  private final String name;
  private final CountingInputStream counter;
  private final JsonParser parser;
  private final JsonValueReader reader;
  private int lastObjectEndLine;

  JsonLinesRows(Path file, Schema schema, LossyInput lossy) throws IOException {
    this.schema = schema;
    this.name = file.toString();
    this.counter = new CountingInputStream(Files.newInputStream(file));
    // Jackson's own UTF-8 decoding refuses invalid bytes with their position; the replacing reader is for
    // lossy input only
    this.parser = lossy == LossyInput.ALLOW ? JSON.createParser(new Utf8Reader(counter, true))
        : JSON.createParser(counter);
    this.reader = new JsonValueReader(parser, name, lossy);
  }

  @Override
  public Record next() {
    try {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return null;
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(parser.currentTokenLocation(), "expected a JSON object per line, found " + JsonValueReader.describe(t));
      }
      if (parser.currentTokenLocation().getLineNr() == lastObjectEndLine) {
        throw error(parser.currentTokenLocation(), "a second JSON object starts on the line of the previous one;"
            + " JSON lines holds one object per line");
      }
      Object[] values = reader.fields(schema, "");
      lastObjectEndLine = parser.currentTokenLocation().getLineNr();
      return GenericRecord.wrap(schema, values);
    } catch (JsonProcessingException e) {
      // malformed JSON, or beyond a parser limit (a number of more than 1000 digits)
      throw error(e.getLocation() != null ? e.getLocation() : parser.currentLocation(), "malformed JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CliException error(JsonLocation at, String problem) {
    return reader.error(at, problem);
  }

  @Override
  public long bytesRead() {
    return counter.count();
  }

  @Override
  public void close() {
    try {
      parser.close();
      counter.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
