package dev.snaplog.core.expressions;

/** Predicate operations. */
public enum Operation {
  EQ("="), NOT_EQ("!="), LT("<"), LT_EQ("<="), GT(">"), GT_EQ(">="), IN("in"), NOT_IN("not in"),
  IS_NULL("is null"), NOT_NULL("is not null");

  private final String symbol;

  Operation(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** The operation that holds exactly when this one is false (for non-null values). */
  public Operation negate() {
    return switch (this) {
      case EQ -> NOT_EQ;
      case NOT_EQ -> EQ;
      case LT -> GT_EQ;
      case LT_EQ -> GT;
      case GT -> LT_EQ;
      case GT_EQ -> LT;
      case IN -> NOT_IN;
      case NOT_IN -> IN;
      case IS_NULL -> NOT_NULL;
      case NOT_NULL -> IS_NULL;
    };
  }
}
