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

    /** The text of single-column relations, with the columns {@code renames} names renamed. */
    static String text(List<Relation> relations, Map<String, String> renames) {
        List<String> parts = new ArrayList<>();
        for (Relation relation : relations) {
            Relation.Compare compare = (Relation.Compare) relation;
            String column = compare.column().name();
            String value = compare.operator() == Operator.IS_NOT ? "NULL" : TermText.of(compare.value());
            parts.add(ColumnIdentifier.quoteIfNeeded(renames.getOrDefault(column, column)) + " " + compare.operator().toCqlString() + " " + value);
        }
        return String.join(" AND ", parts);
    }

    /** A stored WHERE clause with base columns renamed (ALTER TABLE ... RENAME on the base). */
    static String renamed(String whereClause, Map<String, String> renames) {
        SelectStatement select = (SelectStatement) CqlParser.parse("SELECT * FROM base WHERE " + whereClause);
        return text(select.where(), renames);
    }
}
