package org.charybdis.cql.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns identifier and name nodes of the parse tree into case-resolved names. */
final class Names {
    private Names() {}

    /** Unquoted: lower-cased. "Quoted": as written, with "" meaning one quote. */
    static String text(Cql.IdentContext ident) {
        String text = ident.getText();
        if (ident.QUOTED_NAME() != null) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    static ColumnIdentifier column(Cql.IdentContext ident) {
        return new ColumnIdentifier(text(ident));
    }

    static List<ColumnIdentifier> columns(List<Cql.IdentContext> idents) {
        List<ColumnIdentifier> columns = new ArrayList<>(idents.size());
        for (Cql.IdentContext ident : idents) {
            columns.add(column(ident));
        }
        return columns;
    }

    static QualifiedName qualified(Cql.QualifiedNameContext name) {
        List<Cql.IdentContext> parts = name.ident();
        return parts.size() == 1
                ? QualifiedName.unqualified(text(parts.get(0)))
                : new QualifiedName(text(parts.get(0)), text(parts.get(1)));
    }

    static QualifiedName function(Cql.FunctionNameContext name) {
        List<Cql.IdentContext> parts = name.ident();
        if (name.K_TOKEN() != null) {
            return new QualifiedName(parts.isEmpty() ? null : text(parts.get(0)), "token");
        }
        return parts.size() == 1
                ? QualifiedName.unqualified(text(parts.get(0)))
                : new QualifiedName(text(parts.get(0)), text(parts.get(1)));
    }

    /** Role, user and service level names: an identifier, or a string literal kept as written. */
    static String roleOrIdent(Cql.IdentContext ident, TerminalNode string) {
        return ident != null ? text(ident) : string(string);
    }

    /** The content of a '...' (with '' as a quote) or $$...$$ string literal. */
    static String string(TerminalNode literal) {
        String text = literal.getText();
        if (text.startsWith("$$")) {
            return text.substring(2, text.length() - 2);
        }
        return text.substring(1, text.length() - 1).replace("''", "'");
    }
}
