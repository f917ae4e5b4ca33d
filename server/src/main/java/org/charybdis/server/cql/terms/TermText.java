package org.charybdis.server.cql.terms;

import org.charybdis.cql.syntax.Term;

import java.util.List;
import java.util.StringJoiner;

/** Renders a term back to CQL text, for error messages that quote the statement ("Invalid operation (v = v + 'a') ..."). */
public final class TermText {
    private TermText() {}

    public static String of(Term term) {
        return switch (term) {
            case Term.NullLiteral ignored -> "null";
            case Term.BindMarker marker -> marker.name() == null ? "?" : ":" + marker.name();
            case Term.Literal literal -> literal.kind() == Term.LiteralKind.STRING
                    ? "'" + literal.text().replace("'", "''") + "'" : literal.text();
            case Term.TypeHint hint -> "(" + hint.type().toCqlString() + ")" + of(hint.term());
            case Term.ListLiteral list -> join("[", list.elements(), "]");
            case Term.SetLiteral set -> join("{", set.elements(), "}");
            case Term.TupleLiteral tuple -> join("(", tuple.elements(), ")");
            case Term.MapLiteral map -> {
                StringJoiner out = new StringJoiner(", ", "{", "}");
                for (Term.MapEntry e : map.entries()) out.add(of(e.key()) + ": " + of(e.value()));
                yield out.toString();
            }
            case Term.UdtLiteral udt -> {
                StringJoiner out = new StringJoiner(", ", "{", "}");
                for (var e : udt.fields().entrySet()) out.add(e.getKey().toCqlString() + ": " + of(e.getValue()));
                yield out.toString();
            }
            case Term.FunctionCall call -> join(call.function() + "(", call.arguments(), ")");
            case Term.Arithmetic arithmetic -> of(arithmetic.left()) + " " + arithmetic.operator().symbol() + " " + of(arithmetic.right());
            case Term.Negation negation -> "-" + of(negation.operand());
        };
    }

    private static String join(String open, List<Term> terms, String close) {
        StringJoiner out = new StringJoiner(", ", open, close);
        for (Term t : terms) out.add(of(t));
        return out.toString();
    }
}
