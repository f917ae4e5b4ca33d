package org.charybdis.cql.syntax;

/** Binary arithmetic in terms and selectors. */
public enum ArithmeticOperator {
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%");

    private final String symbol;

    ArithmeticOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    static ArithmeticOperator fromSymbol(String symbol) {
        return switch (symbol) {
            case "+" -> ADD;
            case "-" -> SUBTRACT;
            case "*" -> MULTIPLY;
            case "/" -> DIVIDE;
            case "%" -> MODULO;
            default -> throw new IllegalArgumentException(symbol);
        };
    }
}
