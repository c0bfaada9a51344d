package dev.snaplog.cli.where;

/**
 * One lexical token of a {@code --where} filter.
 *
 * @param kind what the token is
 * @param text the identifier, operator or decoded string value
 * @param position 1-based column in the filter text, for error messages
 */
record Token(Kind kind, String text, int position) {
  enum Kind { IDENT, QUOTED_IDENT, STRING, NUMBER, OPERATOR, LPAREN, RPAREN, COMMA, END }

  /** True for an unquoted identifier equal to {@code keyword}, ignoring case (SQL keywords are case-blind). */
  boolean isKeyword(String keyword) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
  }

  String describe() {
    return switch (kind) {
      case END -> "end of filter";
      case STRING -> "'" + text + "'";
      case QUOTED_IDENT -> "\"" + text + "\"";
      default -> "'" + text + "'";
    };
  }
}
