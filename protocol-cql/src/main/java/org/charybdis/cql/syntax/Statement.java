package org.charybdis.cql.syntax;

import java.util.List;

/** The root of a parsed CQL statement: one immutable record per statement kind. */
public sealed interface Statement
        permits SelectStatement, ModificationStatement, BatchStatement, UseStatement, TruncateStatement,
                SchemaStatement, AuthStatement, ServiceLevelStatement, DescribeStatement {

    /** Every bind marker of the statement in order of appearance (index i is at position i). */
    default List<Term.BindMarker> bindMarkers() {
        return List.of();
    }

    default int bindMarkerCount() {
        return bindMarkers().size();
    }
}
