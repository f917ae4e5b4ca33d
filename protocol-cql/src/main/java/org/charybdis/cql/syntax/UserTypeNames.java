package org.charybdis.cql.syntax;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Cassandra's grammar refuses, as syntax errors, user type names that are a native type's keyword ({@code int},
 * {@code text}, case-insensitive, unless quoted) and the names it reserves for future types (as written, unquoted).
 */
final class UserTypeNames {
    private static final Set<String> RESERVED = Set.of("byte", "complex", "enum", "date", "interval", "macaddr", "bitstring");

    private UserTypeNames() {}

    /** The name of a user type in CREATE, ALTER or DROP TYPE. */
    static QualifiedName of(Cql.QualifiedNameContext ctx) {
        List<Cql.IdentContext> parts = ctx.ident();
        check(parts.getLast(), parts.size() == 2);
        return Names.qualified(ctx);
    }

    /** A type named in a column or field definition: a native type when unqualified, else a user type. */
    static void checkNamedType(Cql.NamedTypeContext ctx) {
        List<Cql.IdentContext> parts = ctx.ident();
        if (parts.size() == 2 || !RawType.Named.isNativeName(Names.text(parts.getFirst()))) {
            check(parts.getLast(), parts.size() == 2);
        }
    }

    private static void check(Cql.IdentContext name, boolean qualified) {
        if (name.IDENT() == null) {
            return; // quoted names and unreserved keywords are never type keywords
        }
        String text = name.getText();
        if (RawType.Named.isNativeName(text.toLowerCase(Locale.ROOT))) {
            // Cassandra's parser reads an unqualified type keyword as the keyspace part, and then wants its dot
            if (qualified) {
                throw CqlSyntaxError.at(name.getStart(), "no viable alternative at input '" + text + "'");
            }
            Token next = following(name);
            String input = next.getType() == Token.EOF ? "<EOF>" : next.getText();
            throw CqlSyntaxError.at(next, "mismatched input '" + input + "' expecting '.'");
        }
        if (RESERVED.contains(text)) {
            throw CqlSyntaxError.unpositioned(name.getStart(), "Invalid (reserved) user type name " + text);
        }
    }

    /** The first token after {@code node} in the statement (EOF at the end). */
    private static Token following(ParserRuleContext node) {
        for (ParserRuleContext child = node, parent = node.getParent(); parent != null;
                child = parent, parent = parent.getParent()) {
            int at = parent.children.indexOf(child);
            if (at + 1 < parent.getChildCount()) {
                ParseTree next = parent.getChild(at + 1);
                return next instanceof TerminalNode terminal ? terminal.getSymbol() : ((ParserRuleContext) next).getStart();
            }
        }
        return node.getStop();
    }
}
