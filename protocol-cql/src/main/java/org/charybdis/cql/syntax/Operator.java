package org.charybdis.cql.syntax;

/** The operator of a WHERE relation or an IF condition. */
public enum Operator {
    EQ("="), LT("<"), LTE("<="), GT(">"), GTE(">="), NEQ("!="),
    IN("IN"), CONTAINS("CONTAINS"), CONTAINS_KEY("CONTAINS KEY"), LIKE("LIKE"), IS_NOT("IS NOT");

    private final String cql;

    Operator(String cql) {
        this.cql = cql;
    }

    /** The operator as CQL writes it. */
    public String toCqlString() {
        return cql;
    }

    static Operator fromComparison(String symbol) {
        return switch (symbol) {
            case "=" -> EQ;
            case "<" -> LT;
            case "<=" -> LTE;
            case ">" -> GT;
            case ">=" -> GTE;
            case "!=" -> NEQ;
            default -> throw new IllegalArgumentException(symbol);
        };
    }
}
