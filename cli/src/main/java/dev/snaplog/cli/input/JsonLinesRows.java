package dev.snaplog.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON lines: one object per line, keys naming columns (absent keys are null). Values may be JSON numbers,
 * booleans, or strings in the text form of the column type ({@code "2026-01-01T10:00:00Z"} for a timestamptz).
 * Parsed as a token stream so an error can point at the value's line and column.
 */
final class JsonLinesRows implements RowSource {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private final Schema schema;
  private final String name;
  private final CountingInputStream counter;
  private final JsonParser parser;

  JsonLinesRows(Path file, Schema schema) throws IOException {
    this.schema = schema;
    this.name = file.toString();
    this.counter = new CountingInputStream(Files.newInputStream(file));
    this.parser = JSON.createParser(counter);
  }

  @Override
  public Record next() {
    try {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return null;
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(parser.currentTokenLocation(), "expected a JSON object per line, found " + t.asString());
      }
      Object[] values = new Object[schema.size()];
      boolean[] seen = new boolean[schema.size()];
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonLocation keyAt = parser.currentTokenLocation();
        int pos = schema.position(key);
        if (pos < 0) {
          throw error(keyAt, "key '" + key + "' is not a column of the table; its columns are "
              + schema.columnNames());
        }
        seen[pos] = true;
        parser.nextToken();
        values[pos] = value(schema.fields().get(pos));
      }
      for (int i = 0; i < values.length; i++) {
        Field f = schema.fields().get(i);
        if (values[i] == null && f.required()) {
          throw error(parser.currentTokenLocation(), "required column '" + f.name() + "' is "
              + (seen[i] ? "null" : "missing"));
        }
      }
      return GenericRecord.wrap(schema, values);
    } catch (JsonParseException e) {
      throw error(e.getLocation(), "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object value(Field f) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    JsonToken t = parser.currentToken();
    Object raw;
    switch (t) {
      case VALUE_NULL -> raw = null;
      case VALUE_TRUE, VALUE_FALSE -> raw = t == JsonToken.VALUE_TRUE;
      case VALUE_NUMBER_INT -> raw = parser.getNumberValue();
      // exact: a double would round 0.1 before it reaches a decimal(10,2) column
      case VALUE_NUMBER_FLOAT -> raw = parser.getDecimalValue();
      case VALUE_STRING -> raw = parser.getText();
      default -> throw error(at, "column '" + f.name() + "': nested " + (t == JsonToken.START_ARRAY ? "arrays"
          : "objects") + " are not supported; columns hold single values");
    }
    try {
      return Literals.coerce(f.type(), raw);
    } catch (ValidationException e) {
      throw error(at, "column '" + f.name() + "': " + e.getMessage());
    }
  }

  private CliException error(JsonLocation at, String problem) {
    return CliException.invalid(name + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + problem);
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
