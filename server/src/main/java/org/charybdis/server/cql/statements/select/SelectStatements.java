package org.charybdis.server.cql.statements.select;

import org.charybdis.server.cql.Columns;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.syntax.Ordering;
import org.charybdis.cql.syntax.Relation;
import org.charybdis.cql.syntax.SelectStatement;
import org.charybdis.cql.syntax.Selector;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.json.SelectJson;
import org.charybdis.server.cql.restrictions.Restrictions;
import org.charybdis.server.cql.restrictions.RestrictionsCompiler;
import org.charybdis.server.cql.statements.select.selection.Selection;
import org.charybdis.server.cql.statements.select.selection.SelectionCompiler;
import org.charybdis.server.cql.UsingTimeout;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Compiles SELECT against a schema snapshot: selection, restrictions, ordering and limits resolved once. */
public final class SelectStatements {
    private SelectStatements() {}

    public static CqlStatement compile(SelectStatement statement, ClientState client, Schema schema) {
        String keyspaceName = client.keyspaceOr(statement.table().keyspace());
        KeyspaceMetadata keyspace = schema.keyspace(keyspaceName);
        if (keyspace == null) throw new InvalidRequestException("keyspace " + keyspaceName + " does not exist");
        TableMetadata table = keyspace.table(statement.table().name());
        if (table == null) throw new InvalidRequestException("table " + statement.table().name() + " does not exist");

        BindVariables variables = new BindVariables(statement.bindMarkers().size(), table.keyspace(), table.name(), schema);
        Selection selection = SelectionCompiler.compile(table, statement.selection(), statement.distinct(), false, variables);
        boolean masks = table.allColumns().stream().anyMatch(c -> c.mask() != null);
        Selection masked = masks ? SelectionCompiler.compile(table, statement.selection(), statement.distinct(), true, variables) : selection;
        List<String> maskedRestricted = masks ? maskedColumns(table, statement.where()) : List.of();
        AnnOrdering ann = AnnOrdering.compile(table, statement, variables);
        AnnOrdering.checkNoVectorRelation(table, statement.where());
        // an ANN query restricts indexed columns only: nothing it restricts needs ALLOW FILTERING
        Restrictions restrictions = RestrictionsCompiler.compile(table, statement.where(), variables, statement.allowFiltering() || ann != null);
        if (ann != null && selection.isAggregate()) throw AnnOrdering.aggregation();
        GroupBy groupBy = GroupByCompiler.compile(table, statement.groupBy(), restrictions, statement.distinct());
        boolean reversed = ann == null && reversed(table, statement.orderings(), restrictions);
        if (restrictions.isClusteringRestricted() && selectsOnlyStaticColumns(table, statement.selection())) {
            throw new InvalidRequestException("Cannot restrict clustering columns when selecting only static columns");
        }
        if (statement.distinct() && (restrictions.isClusteringRestricted() || restrictions.indexPlan().rowIndex() || ann != null)) {
            throw new InvalidRequestException("SELECT DISTINCT with WHERE clause only supports restriction by partition key and/or static columns.");
        }
        BoundValue limit = statement.limit() == null ? null : Terms.resolve(statement.limit(), NativeType.INT, "[limit]", variables);
        BoundValue perPartitionLimit = statement.perPartitionLimit() == null ? null
                : Terms.resolve(statement.perPartitionLimit(), NativeType.INT, "[per_partition_limit]", variables);
        UsingTimeout timeout = UsingTimeout.compile(statement.timeout(), variables);
        CqlStatement query = new SelectQuery(table, selection, masked, maskedRestricted, restrictions, reversed, !statement.orderings().isEmpty(),
                statement.distinct(), limit, perPartitionLimit, groupBy, ann, timeout, variables.specs(), restrictions.partitionKeyBindIndexes());
        return statement.json() ? SelectJson.of(query) : query;
    }

    /** Whether the selection names static columns and nothing but them and partition key columns. */
    private static boolean selectsOnlyStaticColumns(TableMetadata table, List<org.charybdis.cql.syntax.Selection> selection) {
        boolean statics = false;
        for (org.charybdis.cql.syntax.Selection s : selection) {
            if (!(s.selector() instanceof Selector.Column c)) return false;
            ColumnMetadata column = Columns.resolve(table, c.column());
            if (!column.isStatic() && column.kind() != ColumnMetadata.Kind.PARTITION_KEY) return false;
            statics |= column.isStatic();
        }
        return statics;
    }

    /** The masked columns the WHERE clause restricts, in the table's order (only roles allowed to may query them). */
    private static List<String> maskedColumns(TableMetadata table, List<Relation> where) {
        Set<String> restricted = new HashSet<>();
        for (Relation relation : where) {
            switch (relation) {
                case Relation.Compare r -> restricted.add(Columns.resolve(table, r.column()).name());
                case Relation.ElementCompare r -> restricted.add(Columns.resolve(table, r.column()).name());
                case Relation.In r -> restricted.add(Columns.resolve(table, r.column()).name());
                case Relation.Token r -> r.columns().forEach(c -> restricted.add(Columns.resolve(table, c).name()));
                case Relation.MultiColumn r -> r.columns().forEach(c -> restricted.add(Columns.resolve(table, c).name()));
                case Relation.MultiColumnIn r -> r.columns().forEach(c -> restricted.add(Columns.resolve(table, c).name()));
            }
        }
        List<String> masked = new ArrayList<>();
        for (ColumnMetadata c : table.allColumns()) if (c.mask() != null && restricted.contains(c.name())) masked.add(c.name());
        return masked;
    }

    /** Whether rows come in reverse clustering order, checking ORDER BY as Cassandra does. */
    private static boolean reversed(TableMetadata table, List<Ordering> orderings, Restrictions restrictions) {
        if (orderings.isEmpty()) return false;
        if (restrictions.indexPlan().usesIndex()) {
            throw new InvalidRequestException("ORDER BY with 2ndary indexes is not supported, except for ANN queries.");
        }
        // Cassandra refuses a key range before looking at the ordered columns
        if (!restrictions.isKeyQuery()) {
            throw new InvalidRequestException("ORDER BY is only supported when the partition key is restricted by an EQ or an IN.");
        }
        Boolean reversed = null;
        for (int i = 0; i < orderings.size(); i++) {
            Ordering o = orderings.get(i);
            ColumnMetadata column = Columns.resolve(table, o.column());
            if (column.kind() != ColumnMetadata.Kind.CLUSTERING) {
                throw new InvalidRequestException("Order by is currently only supported on the clustered columns of the PRIMARY KEY, got " + column.name());
            }
            if (column.position() != i) {
                throw new InvalidRequestException("Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY");
            }
            boolean r = o.descending() != column.reversed();
            if (reversed != null && reversed != r) throw new InvalidRequestException("Unsupported order by relation");
            reversed = r;
        }
        return reversed;
    }

    /** Marker indexes of {@code k = ?} for every partition key component, for token-aware routing; empty otherwise. */
}
