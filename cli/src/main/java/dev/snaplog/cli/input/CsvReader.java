package dev.snaplog.cli.input;

import dev.snaplog.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV parser that remembers where each field starts. Quoted fields may hold commas,
 * doubled quotes and line breaks. An unquoted empty field reads as null and a quoted one ({@code ""}) as the
 * empty string, so CSV can carry both.
 */
final class CsvReader {
  /** One field: its text (null when empty and unquoted) and where it started. */
  record Cell(String text, int line, int column) {}

  private final Reader in;
  private final String file;
  private int line = 1;
  private int column = 1;
  private int peeked = -2;

  CsvReader(Reader in, String file) {
    this.in = in;
    this.file = file;
  }

  /** The line the next record starts on. */
  int line() {
    return line;
  }

  /** The next record's fields, or null at the end of the input. */
  List<Cell> next() throws IOException {
    if (peek() < 0) {
      return null;
    }
    List<Cell> cells = new ArrayList<>();
    while (true) {
      int startLine = line;
      int startColumn = column;
      StringBuilder sb = new StringBuilder();
      boolean quoted = false;
      if (peek() == '"') {
        quoted = true;
        read();
        readQuoted(sb, startLine, startColumn);
      }
      int c;
      while ((c = peek()) >= 0 && c != ',' && c != '\n' && c != '\r') {
        if (quoted) {
          throw CliException.invalid(file + ":" + line + ":" + column + ": unexpected text after a closing"
              + " quote; quote the whole field and double quotes inside it");
        }
        sb.append((char) read());
      }
      cells.add(new Cell(!quoted && sb.length() == 0 ? null : sb.toString(), startLine, startColumn));
      c = read();
      if (c == ',') {
        continue;
      }
      if (c == '\r' && peek() == '\n') {
        read();
      }
      return cells;
    }
  }

  private void readQuoted(StringBuilder sb, int startLine, int startColumn) throws IOException {
    while (true) {
      int c = read();
      if (c < 0) {
        throw CliException.invalid(file + ":" + startLine + ":" + startColumn + ": quoted field is never"
            + " closed");
      }
      if (c == '"') {
        if (peek() == '"') {
          read();
          sb.append('"');
          continue;
        }
        return;
      }
      sb.append((char) c);
    }
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      try {
        peeked = in.read();
      } catch (CharacterCodingException e) {
        throw CliException.invalid(file + ":" + line + ":" + column + ": the file is not valid UTF-8 here;"
            + " convert it to UTF-8, or pass --allow-lossy to store the bad bytes as U+FFFD");
      }
    }
    return peeked;
  }

  private int read() throws IOException {
    int c = peek();
    peeked = -2;
    if (c == '\n') {
      line++;
      column = 1;
    } else if (c >= 0 && c != '\r') {
      column++;
    }
    return c;
  }
}
