package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.syntax.Relation;
import org.charybdis.cql.syntax.SelectStatement;
import org.charybdis.server.cql.terms.TermText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A materialized view's WHERE clause as system_schema.views and DESCRIBE show it: its relations as written, joined by AND. */
final class ViewWhereClause {
    private ViewWhereClause() {}

    /** The text of the relations as written, with the columns {@code renames} names renamed. */
    static String text(List<Relation> relations, Map<String, String> renames) {
        List<String> parts = new ArrayList<>();
        for (Relation relation : relations) {
            parts.add(switch (relation) {
                case Relation.Compare compare -> name(compare.column(), renames) + " " + compare.operator().toCqlString() + " "
                        + (compare.operator() == Operator.IS_NOT ? "NULL" : TermText.of(compare.value()));
                case Relation.In in -> name(in.column(), renames) + " IN " + values(in.values());
                case Relation.MultiColumn multi -> names(multi.columns(), renames) + " " + multi.operator().toCqlString() + " " + TermText.of(multi.value());
                case Relation.MultiColumnIn multi -> names(multi.columns(), renames) + " IN " + values(multi.values());
                default -> throw new IllegalArgumentException("not a view relation: " + relation);
            });
        }
        return String.join(" AND ", parts);
    }

    private static String name(ColumnIdentifier column, Map<String, String> renames) {
        return ColumnIdentifier.quoteIfNeeded(renames.getOrDefault(column.name(), column.name()));
    }

    private static String names(List<ColumnIdentifier> columns, Map<String, String> renames) {
        List<String> names = new ArrayList<>();
        for (ColumnIdentifier column : columns) names.add(name(column, renames));
        return "(" + String.join(", ", names) + ")";
    }

    private static String values(List<org.charybdis.cql.syntax.Term> values) {
        List<String> texts = new ArrayList<>();
        for (org.charybdis.cql.syntax.Term value : values) texts.add(TermText.of(value));
        return "(" + String.join(", ", texts) + ")";
    }

    /** A stored WHERE clause with base columns renamed (ALTER TABLE ... RENAME on the base). */
    static String renamed(String whereClause, Map<String, String> renames) {
        SelectStatement select = (SelectStatement) CqlParser.parse("SELECT * FROM base WHERE " + whereClause);
        return text(select.where(), renames);
    }
}
