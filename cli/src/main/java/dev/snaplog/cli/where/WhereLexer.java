package dev.snaplog.cli.where;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter into tokens. Strings use SQL quoting ({@code 'it''s'}); double quotes name a column whose
 * name is also a keyword ({@code "order"}). A nested field is named by its dotted path ({@code address.city}).
 */
final class WhereLexer {
  private final String text;
  private int pos;

  private WhereLexer(String text) {
    this.text = text;
  }

  static List<Token> tokenize(String text) {
    return new WhereLexer(text).all();
  }

  private List<Token> all() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        out.add(new Token(Token.Kind.END, "", pos + 1));
        return out;
      }
      out.add(next());
    }
  }

  private static boolean startsName(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private Token next() {
    int start = pos;
    char c = text.charAt(pos);
    if (c == '(' || c == ')' || c == ',') {
      pos++;
      Token.Kind k = c == '(' ? Token.Kind.LPAREN : c == ')' ? Token.Kind.RPAREN : Token.Kind.COMMA;
      return new Token(k, String.valueOf(c), start + 1);
    }
    if (c == '\'' || c == '"') {
      return quoted(c, start);
    }
    if (Character.isDigit(c) || ((c == '-' || c == '.') && pos + 1 < text.length()
        && (Character.isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '.'))) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '_') {
      // a dot followed by a name continues the name: a nested field's path, such as address.city
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
          || text.charAt(pos) == '.' && pos + 1 < text.length() && startsName(text.charAt(pos + 1)))) {
        pos++;
      }
      return new Token(Token.Kind.IDENT, text.substring(start, pos), start + 1);
    }
    for (String op : new String[] {"<=", ">=", "!=", "<>", "=", "<", ">"}) {
      if (text.startsWith(op, pos)) {
        pos += op.length();
        return new Token(Token.Kind.OPERATOR, op.equals("<>") ? "!=" : op, start + 1);
      }
    }
    throw WhereParser.error(text, start + 1, "unexpected character '" + c + "'");
  }

  private Token quoted(char quote, int start) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length()) {
        throw WhereParser.error(text, start + 1, "unterminated " + (quote == '\'' ? "string" : "quoted name")
            + " (missing closing " + quote + ")");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        if (pos < text.length() && text.charAt(pos) == quote) {
          sb.append(quote); // doubled quote is an escaped quote, as in SQL
          pos++;
          continue;
        }
        break;
      }
      sb.append(c);
    }
    return new Token(quote == '\'' ? Token.Kind.STRING : Token.Kind.QUOTED_IDENT, sb.toString(), start + 1);
  }

  private Token number(int start) {
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      boolean exponentSign = (c == '-' || c == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E');
      if (Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || exponentSign) {
        pos++;
      } else {
        break;
      }
    }
    if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
      throw WhereParser.error(text, start + 1, "a number runs into a name; put a space between them or quote"
          + " the text as a string");
    }
    return new Token(Token.Kind.NUMBER, text.substring(start, pos), start + 1);
  }
}
