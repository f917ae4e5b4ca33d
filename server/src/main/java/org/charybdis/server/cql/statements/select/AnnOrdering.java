package org.charybdis.server.cql.statements.select;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.syntax.Ordering;
import org.charybdis.cql.syntax.Relation;
import org.charybdis.cql.syntax.SelectStatement;
import org.charybdis.server.cql.Columns;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.index.vector.VectorIndexes;
import org.charybdis.server.index.vector.VectorSimilarity;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code ORDER BY v ANN OF [..] LIMIT k}: the vector column, the query vector and the similarity function of the
 * column's vector index, checked with Cassandra 5.0's rules and messages (a Top-K query: a limit of at most 1000,
 * no other ordering, no aggregation, only indexed columns, key columns and tokens restricted).
 *
 * @param searchesGraph true when the index's graph finds the rows (no restriction, a regular column); otherwise the
 *                      rows the restrictions select are all scored
 */
record AnnOrdering(ColumnMetadata column, IndexMetadata index, BoundValue target, VectorSimilarity similarity, boolean searchesGraph) {
    /** The largest LIMIT of an ANN query. */
    static final int MAX_LIMIT = 1000;

    /** The ANN ordering of the statement, or null when it has none. */
    static AnnOrdering compile(TableMetadata table, SelectStatement statement, BindVariables variables) {
        List<Ordering> orderings = statement.orderings();
        Ordering ann = null;
        for (Ordering o : orderings) if (o.annOf() != null) ann = o;
        if (ann == null) return null;
        ColumnMetadata column = Columns.resolve(table, ann.column());
        BoundValue target = Terms.resolve(ann.annOf(), column.type(), column.name(), variables);
        if (orderings.size() > 1) throw new InvalidRequestException("ANN ordering does not support any other ordering");
        IndexMetadata index = VectorIndexes.of(table, column);
        if (index == null) throw new InvalidRequestException("ANN ordering by vector requires the column to be indexed");
        checkRestrictions(table, column, statement.where());
        if (statement.limit() == null) {
            throw new InvalidRequestException("Top-K queries must have a limit specified and the limit must be less than the query page size");
        }
        if (statement.perPartitionLimit() != null) throw new InvalidRequestException("Top-K queries do not support per-partition limits");
        if (!statement.groupBy().isEmpty()) throw aggregation();
        VectorSimilarity similarity = VectorSimilarity.fromOption(index.options().get(VectorSimilarity.OPTION), index.name());
        return new AnnOrdering(column, index, target, similarity, statement.where().isEmpty() && column.kind() == ColumnMetadata.Kind.REGULAR);
    }

    /** A vector index answers ANN orderings only: a relation on its column is refused (with or without ALLOW FILTERING). */
    static void checkNoVectorRelation(TableMetadata table, List<Relation> where) {
        for (Relation relation : where) {
            ColumnIdentifier name = switch (relation) {
                case Relation.Compare compare -> compare.column();
                case Relation.In in -> in.column();
                default -> null;
            };
            if (name != null && VectorIndexes.of(table, Columns.resolve(table, name)) != null) {
                throw new InvalidRequestException("Vector indexes only support ANN queries");
            }
        }
    }

    static InvalidRequestException aggregation() {
        return new InvalidRequestException("Top-K queries can not be run with aggregation");
    }

    /** The query vector of one execution. */
    float[] bind(ExecutionContext context) {
        ByteBuffer value = target.bind(context);
        if (value == null || value == QueryOptions.UNSET) throw new InvalidRequestException("Unsupported null value for column " + column.name());
        float[] vector = VectorSimilarity.floats(value);
        if (similarity == VectorSimilarity.COSINE && VectorSimilarity.isZero(vector)) {
            throw new InvalidRequestException("Zero and near-zero vectors cannot be indexed or queried with cosine similarity");
        }
        return vector;
    }

    /** The LIMIT of one execution, checked against {@link #MAX_LIMIT}. */
    static int checkLimit(int limit) {
        if (limit > MAX_LIMIT) {
            throw new InvalidRequestException("Use of ANN OF in an ORDER BY clause requires a LIMIT that is not greater than " + MAX_LIMIT
                    + ". LIMIT was " + limit);
        }
        return limit;
    }

    /** Partition key equalities, tokens, clustering columns and indexed columns only, as Cassandra 5.0 allows. */
    private static void checkRestrictions(TableMetadata table, ColumnMetadata vector, List<Relation> where) {
        for (Relation relation : where) {
            switch (relation) {
                case Relation.Token ignored -> { }
                case Relation.Compare compare -> checkColumn(table, vector, compare.column(), compare.operator() == Operator.EQ);
                case Relation.In in -> {
                    ColumnMetadata column = Columns.resolve(table, in.column());
                    if (column.kind() == ColumnMetadata.Kind.PARTITION_KEY) {
                        throw new InvalidRequestException("Select on indexed columns and with IN clause for the PRIMARY KEY are not supported");
                    }
                    checkColumn(table, vector, in.column(), false);
                }
                case Relation.ElementCompare element -> checkColumn(table, vector, element.column(), false);
                case Relation.MultiColumn multi -> { for (ColumnIdentifier c : multi.columns()) checkColumn(table, vector, c, false); }
                case Relation.MultiColumnIn multi -> { for (ColumnIdentifier c : multi.columns()) checkColumn(table, vector, c, false); }
                default -> { }
            }
        }
    }

    private static void checkColumn(TableMetadata table, ColumnMetadata vector, ColumnIdentifier name, boolean equality) {
        ColumnMetadata column = Columns.resolve(table, name);
        if (column.name().equals(vector.name()) && equality) {
            throw new InvalidRequestException(column.name() + " cannot be restricted by more than one relation if it includes an Equal");
        }
        boolean allowed = switch (column.kind()) {
            case PARTITION_KEY -> equality;
            case CLUSTERING -> true;
            case STATIC, REGULAR -> isIndexed(table, column);
        };
        if (!allowed) throw new InvalidRequestException("ANN ordering by vector requires all restricted column(s) to be indexed");
    }

    private static boolean isIndexed(TableMetadata table, ColumnMetadata column) {
        for (IndexMetadata index : table.indexes().values()) if (index.column().equals(column.name())) return true;
        return false;
    }
}
