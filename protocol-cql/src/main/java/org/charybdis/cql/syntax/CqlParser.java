package org.charybdis.cql.syntax;

import java.util.function.Function;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses CQL text into the syntax tree. Thread-safe and stateless: every call uses its own lexer and
 * parser; only ANTLR's shared, grammar-bounded prediction cache is reused between calls.
 */
public final class CqlParser {
    private CqlParser() {}

    /** One statement, optionally ending with {@code ;}. */
    public static Statement parse(String cql) {
        return StatementBuilder.build(run(cql, parser -> parser.root()).statement());
    }

    /** A type, e.g. {@code frozen<map<text, int>>} (as stored in system tables). */
    public static RawType parseType(String type) {
        return StatementBuilder.buildType(run(type, parser -> parser.singleType()).type());
    }

    /** A term, e.g. {@code {'class': 'SimpleStrategy'}} or {@code 42} (as stored in system tables). */
    public static Term parseTerm(String term) {
        return StatementBuilder.buildTerm(run(term, parser -> parser.singleTerm()).term());
    }

    /**
     * Fast SLL prediction first; only input that fails it is parsed again with full LL prediction,
     * which also produces the error message when the input really is wrong.
     */
    private static <T extends ParserRuleContext> T run(String text, Function<Cql, T> rule) {
        CqlLexer lexer = new CqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(LexerErrors.INSTANCE);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        Cql parser = new Cql(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException e) {
            parser.reset();
            if (tokens.LA(1) == Token.EOF) {
                throw new CqlSyntaxError(1, 0, "no viable alternative at input '<EOF>' (empty statement)");
            }
            parser.setErrorHandler(new CqlErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return rule.apply(parser);
        }
    }

    /** Lexer errors (unterminated strings, stray characters) become syntax errors at their position. */
    private static final class LexerErrors extends BaseErrorListener {
        static final LexerErrors INSTANCE = new LexerErrors();

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                String message, RecognitionException e) {
            throw new CqlSyntaxError(line, column, describe(message));
        }

        private static String describe(String antlrMessage) {
            // ANTLR says "token recognition error at: '<text>'"; name the usual causes.
            int at = antlrMessage.indexOf(": '");
            String text = at < 0 ? "" : antlrMessage.substring(at + 3, antlrMessage.length() - 1);
            if (text.startsWith("'") || text.startsWith("$$")) {
                return "unterminated string literal at input '" + text + "'";
            }
            if (text.startsWith("\"")) {
                return "unterminated or empty quoted identifier at input '" + text + "'";
            }
            if (text.startsWith("/*")) {
                return "unterminated comment at input '" + text + "'";
            }
            return "unexpected character at input '" + text + "'";
        }
    }
}
