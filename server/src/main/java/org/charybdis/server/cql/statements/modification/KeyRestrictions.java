package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.service.PartitionWrites;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.syntax.Relation;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.Slice;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The compiled WHERE clause of an UPDATE or DELETE: {@code =}/{@code IN} on every partition key column,
 * {@code =}/{@code IN} on a prefix of the clustering columns, and (DELETE only) a slice on the next one.
 * Each execution expands it to the partition keys and clusterings (or slices) it names.
 */
final class KeyRestrictions {
    private final TableMetadata table;
    private final KeyValues[] partitionKey;
    private final KeyValues[] clusteringPrefix;
    private final Bound lower;
    private final Bound upper;
    private final int[] partitionKeyBindIndexes;

    /** One end of a slice on the clustering column after the prefix. */
    private record Bound(BoundValue value, boolean inclusive) {}

    private KeyRestrictions(TableMetadata table, KeyValues[] partitionKey, KeyValues[] clusteringPrefix, Bound lower,
                            Bound upper, int[] partitionKeyBindIndexes) {
        this.table = table;
        this.partitionKey = partitionKey;
        this.clusteringPrefix = clusteringPrefix;
        this.lower = lower;
        this.upper = upper;
        this.partitionKeyBindIndexes = partitionKeyBindIndexes;
    }

    /** @param statement "UPDATE" or "DELETE", for messages; slices are only allowed in DELETE */
    static KeyRestrictions compile(TableMetadata table, List<Relation> where, String statement, BindVariables variables) {
        return new Compiler(table, statement, variables).compile(where);
    }

    int[] partitionKeyBindIndexes() {
        return partitionKeyBindIndexes.clone();
    }

    /** True if a partition key column is restricted by IN (refused in conditional statements). */
    boolean partitionKeyHasIn() {
        return hasIn(partitionKey);
    }

    /** True if a clustering column is restricted by IN (refused in conditional statements). */
    boolean clusteringHasIn() {
        return hasIn(clusteringPrefix);
    }

    private static boolean hasIn(KeyValues[] restrictions) {
        for (KeyValues values : restrictions) {
            if (values instanceof KeyValues.InValues || values instanceof KeyValues.InMarker) return true;
        }
        return false;
    }

    /** Refuses IN on key columns of a conditional statement, as Cassandra does. */
    void checkNoInForConditions(String statements) {
        if (partitionKeyHasIn()) {
            throw new InvalidRequestException("IN on the partition key is not supported with conditional " + statements);
        }
        if (clusteringHasIn()) {
            throw new InvalidRequestException("IN on the clustering key columns is not supported with conditional " + statements);
        }
    }

    /** Number of clustering columns restricted by = or IN. */
    int prefixSize() {
        return clusteringPrefix.length;
    }

    boolean hasSlice() {
        return lower != null || upper != null;
    }

    /** True when every clustering column is restricted by = or IN, naming whole rows. */
    boolean namesRows() {
        return clusteringPrefix.length == table.clustering().size() && !hasSlice();
    }

    /** Whether any clustering column is restricted at all. */
    boolean restrictsClustering() {
        return clusteringPrefix.length > 0 || hasSlice();
    }

    /** Every partition key named, as components (the cartesian product of the IN lists). */
    List<List<ByteBuffer>> partitionKeys(ExecutionContext context) {
        return product(partitionKey, table.partitionKey(), context);
    }

    /** Every clustering named, when {@link #namesRows()}. */
    List<Clustering> clusterings(ExecutionContext context) {
        List<List<ByteBuffer>> prefixes = product(clusteringPrefix, table.clustering(), context);
        List<Clustering> clusterings = new ArrayList<>(prefixes.size());
        for (List<ByteBuffer> prefix : prefixes) clusterings.add(Clustering.of(prefix.toArray(ByteBuffer[]::new)));
        return clusterings;
    }

    /** The slices a range deletion covers: one per clustering prefix, narrowed by the slice bounds. */
    List<Slice> slices(ExecutionContext context) {
        List<List<ByteBuffer>> prefixes = product(clusteringPrefix, table.clustering(), context);
        List<Slice> slices = new ArrayList<>(prefixes.size());
        ColumnMetadata sliced = hasSlice() ? table.clustering().get(clusteringPrefix.length) : null;
        ByteBuffer low = lower == null ? null : boundValue(lower, sliced, context);
        ByteBuffer high = upper == null ? null : boundValue(upper, sliced, context);
        for (List<ByteBuffer> prefix : prefixes) {
            ByteBuffer[] base = prefix.toArray(ByteBuffer[]::new);
            // a reversed column stores larger values first: "c > x" then bounds the end of the slice
            boolean reversed = sliced != null && sliced.reversed();
            Bound startBound = reversed ? upper : lower;
            ByteBuffer startValue = reversed ? high : low;
            Bound endBound = reversed ? lower : upper;
            ByteBuffer endValue = reversed ? low : high;
            ClusteringBound start = startBound == null ? ClusteringBound.start(true, base)
                    : ClusteringBound.start(startBound.inclusive(), append(base, startValue));
            ClusteringBound end = endBound == null ? ClusteringBound.end(true, base)
                    : ClusteringBound.end(endBound.inclusive(), append(base, endValue));
            slices.add(new Slice(start, end));
        }
        return slices;
    }

    private static ByteBuffer boundValue(Bound bound, ColumnMetadata column, ExecutionContext context) {
        List<ByteBuffer> values = new KeyValues.Eq(bound.value()).values(context, ColumnIdentifier.quoteIfNeeded(column.name()));
        PartitionWrites.checkKeyLength(values.getFirst());
        return values.getFirst();
    }

    private static ByteBuffer[] append(ByteBuffer[] prefix, ByteBuffer value) {
        ByteBuffer[] out = Arrays.copyOf(prefix, prefix.length + 1);
        out[prefix.length] = value;
        return out;
    }

    private static List<List<ByteBuffer>> product(KeyValues[] restrictions, List<ColumnMetadata> columns, ExecutionContext context) {
        List<List<ByteBuffer>> result = new ArrayList<>();
        result.add(List.of());
        for (int i = 0; i < restrictions.length; i++) {
            List<ByteBuffer> values = restrictions[i].values(context, ColumnIdentifier.quoteIfNeeded(columns.get(i).name()));
            List<List<ByteBuffer>> next = new ArrayList<>(result.size() * values.size());
            for (List<ByteBuffer> prefix : result) {
                for (ByteBuffer value : values) {
                    PartitionWrites.checkKeyLength(value);
                    List<ByteBuffer> longer = new ArrayList<>(prefix.size() + 1);
                    longer.addAll(prefix);
                    longer.add(value);
                    next.add(longer);
                }
            }
            result = next;
        }
        return result;
    }

    /** Collects the restrictions column by column, then checks their shape. */
    private static final class Compiler {
        private final TableMetadata table;
        private final String statement;
        private final BindVariables variables;
        private final KeyValues[] partitionKey;
        private final KeyValues[] clustering;
        private final int[] bindIndexes;
        private Bound lower;
        private Bound upper;
        private int slicedColumn = -1;

        Compiler(TableMetadata table, String statement, BindVariables variables) {
            this.table = table;
            this.statement = statement;
            this.variables = variables;
            this.partitionKey = new KeyValues[table.partitionKey().size()];
            this.clustering = new KeyValues[table.clustering().size()];
            this.bindIndexes = new int[partitionKey.length];
            Arrays.fill(bindIndexes, -1);
        }

        KeyRestrictions compile(List<Relation> where) {
            checkPrimaryKeyOnly(where);
            for (Relation relation : where) add(relation);
            StringJoiner missing = new StringJoiner(", ");
            for (int i = 0; i < partitionKey.length; i++) {
                if (partitionKey[i] == null) missing.add(ColumnIdentifier.quoteIfNeeded(table.partitionKey().get(i).name()));
            }
            if (missing.length() > 0) throw new InvalidRequestException("Some partition key parts are missing: " + missing);
            int prefix = checkClusteringShape();
            boolean allBound = true;
            for (int index : bindIndexes) allBound &= index >= 0;
            return new KeyRestrictions(table, partitionKey, Arrays.copyOf(clustering, prefix), lower, upper,
                    allBound ? bindIndexes : new int[0]);
        }

        private void checkPrimaryKeyOnly(List<Relation> where) {
            StringBuilder others = new StringBuilder();
            for (Relation relation : where) {
                switch (relation) {
                    case Relation.Token ignored -> throw new InvalidRequestException(
                            "The token function cannot be used in WHERE clauses for " + statement + " statements");
                    case Relation.Compare c -> appendIfNotKey(c.column(), others);
                    case Relation.In in -> appendIfNotKey(in.column(), others);
                    case Relation.ElementCompare e -> appendIfNotKey(e.column(), others);
                    case Relation.MultiColumn m -> m.columns().forEach(c -> appendIfNotKey(c, others));
                    case Relation.MultiColumnIn m -> m.columns().forEach(c -> appendIfNotKey(c, others));
                }
            }
            if (!others.isEmpty()) throw new InvalidRequestException("Non PRIMARY KEY columns found in where clause: " + others);
        }

        private void appendIfNotKey(ColumnIdentifier name, StringBuilder others) {
            ColumnMetadata column = OperationCompiler.column(table, name);
            if (!column.isPrimaryKey()) others.append(name.toCqlString()).append(' ');
        }

        private void add(Relation relation) {
            switch (relation) {
                case Relation.Compare compare -> addCompare(compare);
                case Relation.In in -> {
                    ColumnMetadata column = table.column(in.column().name());
                    String name = in.column().toCqlString();
                    KeyValues values;
                    if (in.marker() != null) {
                        values = new KeyValues.InMarker(Terms.resolve(in.marker(), ListType.of(column.type(), false), "in(" + name + ")", variables));
                    } else {
                        List<BoundValue> bound = new ArrayList<>(in.values().size());
                        for (Term t : in.values()) bound.add(Terms.resolve(t, column.type(), name, variables));
                        values = new KeyValues.InValues(bound);
                    }
                    setEquality(column, values, "a IN");
                }
                case Relation.MultiColumn multi -> addMultiColumn(multi);
                case Relation.ElementCompare e -> throw new InvalidRequestException(
                        "Invalid restriction on primary key column " + e.column().toCqlString() + " in " + statement + " statement");
                case Relation.MultiColumnIn ignored -> throw new InvalidRequestException(
                        "Multi-column IN restrictions are not supported yet in " + statement + " statements");
                case Relation.Token ignored -> throw new IllegalStateException("checked before");
            }
        }

        private void addCompare(Relation.Compare compare) {
            ColumnMetadata column = table.column(compare.column().name());
            String name = compare.column().toCqlString();
            Operator op = compare.operator();
            if (op == Operator.EQ) {
                BoundValue value = Terms.resolve(compare.value(), column.type(), name, variables);
                if (column.kind() == ColumnMetadata.Kind.PARTITION_KEY && compare.value() instanceof Term.BindMarker marker) {
                    bindIndexes[column.position()] = marker.index();
                }
                setEquality(column, new KeyValues.Eq(value), "an Equal");
                return;
            }
            boolean lowerBound = op == Operator.GT || op == Operator.GTE;
            if (!lowerBound && op != Operator.LT && op != Operator.LTE) {
                throw new InvalidRequestException("Unsupported \"" + op.toCqlString() + "\" relation: " + name + " "
                        + op.toCqlString() + " " + TermText.of(compare.value()));
            }
            if (column.kind() == ColumnMetadata.Kind.PARTITION_KEY) {
                throw new InvalidRequestException("Only EQ and IN relation are supported on the partition key (unless you use the token() function) for "
                        + statement + " statements");
            }
            if (clustering[column.position()] != null) {
                throw new InvalidRequestException(name + " cannot be restricted by more than one relation if it includes an Equal");
            }
            if (slicedColumn >= 0 && slicedColumn != column.position()) {
                ColumnMetadata first = table.clustering().get(Math.min(slicedColumn, column.position()));
                ColumnMetadata second = table.clustering().get(Math.max(slicedColumn, column.position()));
                throw precededBySlice(second, first);
            }
            if ((lowerBound ? lower : upper) != null) {
                throw new InvalidRequestException("More than one restriction was found for the " + (lowerBound ? "start" : "end")
                        + " bound on " + name);
            }
            slicedColumn = column.position();
            Bound bound = new Bound(Terms.resolve(compare.value(), column.type(), name, variables), op == Operator.GTE || op == Operator.LTE);
            if (lowerBound) lower = bound; else upper = bound;
        }

        private void addMultiColumn(Relation.MultiColumn multi) {
            if (multi.operator() != Operator.EQ) {
                throw new InvalidRequestException("Multi-column slice restrictions are not supported yet in " + statement + " statements");
            }
            List<ColumnMetadata> columns = new ArrayList<>();
            List<CqlType> types = new ArrayList<>();
            StringJoiner names = new StringJoiner(",", "(", ")");
            for (ColumnIdentifier id : multi.columns()) {
                ColumnMetadata column = table.column(id.name());
                if (column.kind() != ColumnMetadata.Kind.CLUSTERING) {
                    throw new InvalidRequestException("Multi-column relations can only be applied to clustering columns but was applied to: "
                            + id.toCqlString());
                }
                columns.add(column);
                types.add(column.type());
                names.add(id.toCqlString());
            }
            if (multi.value() instanceof Term.TupleLiteral tuple && tuple.elements().size() == columns.size()) {
                for (int i = 0; i < columns.size(); i++) {
                    ColumnMetadata column = columns.get(i);
                    BoundValue value = Terms.resolve(tuple.elements().get(i), column.type(), ColumnIdentifier.quoteIfNeeded(column.name()), variables);
                    setEquality(column, new KeyValues.Eq(value), "an Equal");
                }
                return;
            }
            BoundValue whole = Terms.resolve(multi.value(), TupleType.of(types), names.toString(), variables);
            for (int i = 0; i < columns.size(); i++) setEquality(columns.get(i), new KeyValues.TupleComponent(whole, i), "an Equal");
        }

        private void setEquality(ColumnMetadata column, KeyValues values, String kind) {
            KeyValues[] target = column.kind() == ColumnMetadata.Kind.PARTITION_KEY ? partitionKey : clustering;
            if (target[column.position()] != null || (column.kind() == ColumnMetadata.Kind.CLUSTERING && slicedColumn == column.position())) {
                throw new InvalidRequestException(ColumnIdentifier.quoteIfNeeded(column.name())
                        + " cannot be restricted by more than one relation if it includes " + kind);
            }
            target[column.position()] = values;
        }

        /** The length of the =/IN prefix; checks that nothing is restricted after a gap or after the slice. */
        private int checkClusteringShape() {
            int prefix = 0;
            while (prefix < clustering.length && clustering[prefix] != null) prefix++;
            int firstFree = slicedColumn == prefix ? prefix + 1 : prefix;
            for (int i = firstFree; i < clustering.length; i++) {
                if (clustering[i] == null && slicedColumn != i) continue;
                ColumnMetadata restricted = table.clustering().get(i);
                if (slicedColumn >= 0 && slicedColumn < i) throw precededBySlice(restricted, table.clustering().get(slicedColumn));
                throw new InvalidRequestException("PRIMARY KEY column \"" + restricted.name() + "\" cannot be restricted as preceding column \""
                        + table.clustering().get(prefix).name() + "\" is not restricted");
            }
            if (slicedColumn >= 0 && statement.equals("UPDATE")) {
                throw new InvalidRequestException("Slice restrictions are not supported on the clustering columns in UPDATE statements");
            }
            return prefix;
        }

        private static InvalidRequestException precededBySlice(ColumnMetadata restricted, ColumnMetadata sliced) {
            return new InvalidRequestException("Clustering column \"" + restricted.name()
                    + "\" cannot be restricted (preceding column \"" + sliced.name() + "\" is restricted by a non-EQ relation)");
        }
    }
}
