package org.charybdis.cql.syntax;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * CQL text that does not parse. The message reads like Cassandra's, e.g.
 * {@code line 1:9 no viable alternative at input 'FROMM' ([SELECT] * FROMM...)}; the server maps this
 * to the native protocol's SyntaxException (0x2000).
 */
public final class CqlSyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public CqlSyntaxError(int line, int column, String message) {
        this("line " + line + ':' + column + ' ' + message, line, column);
    }

    private CqlSyntaxError(String fullMessage, int line, int column) {
        super(fullMessage, null, false, false);
        this.line = line;
        this.column = column;
    }

    /** An error about the given token of the statement. */
    static CqlSyntaxError at(org.antlr.v4.runtime.Token token, String message) {
        return new CqlSyntaxError(token.getLine(), token.getCharPositionInLine(), message);
    }

    /** An error Cassandra's grammar raises from its actions rather than its parser: the message names no position. */
    static CqlSyntaxError unpositioned(org.antlr.v4.runtime.Token token, String message) {
        return new CqlSyntaxError(message, token.getLine(), token.getCharPositionInLine());
    }

    /** A value Cassandra fails to read while it parses: the message quotes the whole statement. */
    static CqlSyntaxError failedParsing(Token token, String reason) {
        CharStream input = token.getInputStream();
        String statement = input.getText(Interval.of(0, input.size() - 1));
        return unpositioned(token, "Failed parsing statement: [" + statement + "] reason: " + reason);
    }

    /** 1-based line of the offending input. */
    public int line() {
        return line;
    }

    /** 0-based column of the offending input within its line. */
    public int column() {
        return column;
    }
}
