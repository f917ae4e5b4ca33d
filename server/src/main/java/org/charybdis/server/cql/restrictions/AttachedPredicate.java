package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.syntax.Operator;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.index.AttachedIndexTerms;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.pager.AttachedQuery;
import org.charybdis.storage.sai.TermRange;

import java.nio.ByteBuffer;

/**
 * A relation a storage-attached index answers from its terms: {@code =}, a range, {@code CONTAINS} or
 * {@code CONTAINS KEY} on a regular column; {@code value} gives the compared value (element, key) when executed.
 */
public record AttachedPredicate(IndexMetadata index, Operator operator, BoundValue value) {
    /** The terms this relation asks the index for, with this execution's value. */
    public AttachedQuery bind(ExecutionContext context, TableMetadata table) {
        ByteBuffer term = AttachedIndexTerms.lookupTerm(table.column(index.column()), index, value.bind(context));
        TermRange terms = switch (operator) {
            case GT -> new TermRange(term, false, null, false);
            case GTE -> new TermRange(term, true, null, false);
            case LT -> new TermRange(null, false, term, false);
            case LTE -> new TermRange(null, false, term, true);
            default -> TermRange.exactly(term); // =, CONTAINS, CONTAINS KEY
        };
        return new AttachedQuery(index, terms);
    }
}
