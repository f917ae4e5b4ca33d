package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.syntax.Operator;
import org.charybdis.server.cql.restrictions.Restrictions.FilterTerm;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.index.AttachedIndexTerms;
import org.charybdis.server.index.TextAnalyzer;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which relations of a WHERE clause secondary indexes serve, with Cassandra 5.0's rules: a legacy index
 * serves one relation (the first one an index answers), every other relation is filtering; Storage-Attached
 * Indexes serve every relation they answer, ranges on numeric and temporal columns included.
 */
final class IndexPlanner {
    private final List<IndexCandidate> served = new ArrayList<>();
    private final Set<FilterTerm> servedFilters = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<AttachedPredicate> attached = new ArrayList<>();
    /** Filters of equalities an analyzing index serves, and the analyzed filters that replace them. */
    private final Map<FilterTerm, FilterTerm> analyzed = new IdentityHashMap<>();
    private IndexMetadata lookupIndex;
    private IndexCandidate lookup;

    IndexPlanner(TableMetadata table, List<IndexCandidate> candidates) {
        for (IndexCandidate candidate : candidates) {
            IndexMetadata index = candidate.indexIn(table);
            if (index != null && index.isSai()) serve(candidate, index);
        }
        if (served.isEmpty()) {
            for (IndexCandidate candidate : candidates) {
                IndexMetadata index = candidate.indexIn(table);
                if (index != null) {
                    serve(candidate, index);
                    break;
                }
            }
        }
    }

    private void serve(IndexCandidate candidate, IndexMetadata index) {
        served.add(candidate);
        if (candidate.filter() != null) servedFilters.add(candidate.filter());
        if (candidate.storageAttached(index)) {
            attached.add(new AttachedPredicate(index, candidate.operator(), candidate.lookup()));
            TextAnalyzer analyzer = AttachedIndexTerms.analyzerOf(index, candidate.column());
            if (analyzer != null && candidate.filter() != null) {
                ColumnMetadata column = candidate.column();
                BoundValue value = candidate.lookup();
                if (candidate.operator() == Operator.EQ && candidate.target() == IndexMetadata.Target.SIMPLE) {
                    analyzed.put(candidate.filter(), context -> new AnalyzedFilter(column, analyzer, analyzer.analyze(value.bind(context))));
                } else if (candidate.operator() == Operator.CONTAINS || candidate.operator() == Operator.CONTAINS_KEY) {
                    boolean key = candidate.operator() == Operator.CONTAINS_KEY;
                    analyzed.put(candidate.filter(), context -> new ContainsFilter(column, key, analyzer.analyze(value.bind(context)), analyzer));
                }
            }
            return;
        }
        if (lookup == null && candidate.lookup() != null && !candidate.range()) {
            lookup = candidate;
            lookupIndex = index;
        }
    }

    IndexPlan plan() {
        if (served.isEmpty()) return IndexPlan.NONE;
        boolean rowIndex = false;
        for (IndexCandidate candidate : served) {
            ColumnMetadata.Kind kind = candidate.column().kind();
            rowIndex |= kind == ColumnMetadata.Kind.REGULAR || kind == ColumnMetadata.Kind.CLUSTERING;
        }
        return new IndexPlan(true, rowIndex, lookupIndex, lookup == null ? null : lookup.lookup(), List.copyOf(attached));
    }

    /** Replaces the filters of equalities an analyzing index serves by their analyzed forms. */
    void analyze(List<FilterTerm> filters) {
        filters.replaceAll(filter -> analyzed.getOrDefault(filter, filter));
    }

    /** True when an index serves a relation on this column. */
    boolean serves(ColumnMetadata column) {
        for (IndexCandidate candidate : served) if (candidate.column() == column) return true;
        return false;
    }

    /** Filters compiled for a served relation (clustering columns past the storage prefix). */
    void served(List<FilterTerm> filters) {
        servedFilters.addAll(filters);
    }

    /** True when some filter or restricted clustering column is not served by the indexes. */
    boolean needsFiltering(List<FilterTerm> filters, List<ColumnMetadata> restrictedClustering) {
        for (FilterTerm filter : filters) if (!servedFilters.contains(filter)) return true;
        for (ColumnMetadata column : restrictedClustering) if (!serves(column)) return true;
        return false;
    }
}
