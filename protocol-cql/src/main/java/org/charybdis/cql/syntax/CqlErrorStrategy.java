package org.charybdis.cql.syntax;

import java.util.StringJoiner;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops at the first syntax error with a Cassandra-style message: {@code line L:C <what>} followed by
 * a snippet of the statement up to the offending token, the token where the failing decision started
 * in brackets, e.g. {@code line 1:9 no viable alternative at input 'FROMM' ([SELECT] * FROMM...)}.
 */
final class CqlErrorStrategy extends DefaultErrorStrategy {
    private static final int MAX_SNIPPET_CHARS = 80;

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        Token offending = e.getOffendingToken();
        throw error(parser, offending, e.getStartToken(),
                "no viable alternative at input " + quoted(offending));
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        Token offending = e.getOffendingToken();
        throw error(parser, offending, offending,
                "mismatched input " + quoted(offending) + " expecting " + expected(parser, e.getExpectedTokens()));
    }

    @Override
    protected void reportFailedPredicate(Parser parser, FailedPredicateException e) {
        throw error(parser, e.getOffendingToken(), e.getOffendingToken(), "rule " + e.getMessage());
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        Token offending = parser.getCurrentToken();
        throw error(parser, offending, offending,
                "extraneous input " + quoted(offending) + " expecting " + expected(parser, getExpectedTokens(parser)));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        Token offending = parser.getCurrentToken();
        throw error(parser, offending, offending,
                "missing " + expected(parser, getExpectedTokens(parser)) + " at " + quoted(offending));
    }

    @Override
    public void recover(Parser parser, RecognitionException e) {
        throw error(parser, e.getOffendingToken(), e.getOffendingToken(), "syntax error at input " + quoted(e.getOffendingToken()));
    }

    @Override
    public Token recoverInline(Parser parser) {
        // Single-token insertion/deletion would hide the real error: report it instead.
        InputMismatchException e = new InputMismatchException(parser);
        reportInputMismatch(parser, e);
        throw e;
    }

    /** {@code marked} is the token to bracket: where the failing decision started, or the offending one. */
    private static CqlSyntaxError error(Parser parser, Token offending, Token marked, String message) {
        return new CqlSyntaxError(offending.getLine(), offending.getCharPositionInLine(),
                message + snippet(parser.getInputStream(), offending, marked));
    }

    private static String quoted(Token token) {
        return token.getType() == Token.EOF ? "'<EOF>'" : "'" + token.getText() + "'";
    }

    /** Keywords by their token names (K_FROM), punctuation by its text (','). */
    private static String expected(Parser parser, IntervalSet expected) {
        StringJoiner names = new StringJoiner(", ");
        for (int type : expected.toArray()) {
            if (type == Token.EOF) {
                names.add("<EOF>");
                continue;
            }
            String symbolic = parser.getVocabulary().getSymbolicName(type);
            String literal = parser.getVocabulary().getLiteralName(type);
            names.add(symbolic != null && symbolic.startsWith("K_") || literal == null ? symbolic : literal);
        }
        return expected.size() == 1 ? names.toString() : "{" + names + "}";
    }

    /** The statement text from a little before the error up to the offending token, one token bracketed. */
    private static String snippet(TokenStream tokens, Token offending, Token marked) {
        if (marked == null || marked.getTokenIndex() > offending.getTokenIndex()) {
            marked = offending;
        }
        Token from = marked == offending ? previousVisible(tokens, offending, 2) : marked;
        int end = offending.getType() == Token.EOF ? offending.getStartIndex() - 1 : offending.getStopIndex();
        CharStream input = tokens.getTokenSource().getInputStream();
        StringBuilder text = new StringBuilder();
        if (from.getStartIndex() < marked.getStartIndex()) {
            text.append(input.getText(Interval.of(from.getStartIndex(), marked.getStartIndex() - 1)));
        }
        text.append('[').append(marked.getType() == Token.EOF ? "" : marked.getText()).append(']');
        if (marked.getType() != Token.EOF && marked.getStopIndex() < end) {
            text.append(input.getText(Interval.of(marked.getStopIndex() + 1, end)));
        }
        if (text.length() > MAX_SNIPPET_CHARS) {
            text.setLength(MAX_SNIPPET_CHARS);
        }
        return " (" + text + "...)";
    }

    /** The default-channel token {@code count} tokens before {@code token}, or the first one. */
    private static Token previousVisible(TokenStream tokens, Token token, int count) {
        Token found = token;
        for (int i = token.getTokenIndex() - 1; i >= 0 && count > 0; i--) {
            Token candidate = tokens.get(i);
            if (candidate.getChannel() == Token.DEFAULT_CHANNEL) {
                found = candidate;
                count--;
            }
        }
        return found;
    }
}
