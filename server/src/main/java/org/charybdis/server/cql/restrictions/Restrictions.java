package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.Operator;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A WHERE clause analysed at compile time: which partitions to read (keys, or a token range), which
 * clustering slices, and which restrictions are left to check row by row. {@link #bind} turns it into
 * concrete keys, slices and filters for one execution. A write's WHERE clause names its partitions
 * ({@link #partitionKeys}) and rows ({@link #clusterings}) or, for DELETE, slices ({@link #slices}).
 */
public final class Restrictions {
    /** Cassandra's limit on a key component: its length travels in two bytes. */
    static final int MAX_KEY_COMPONENT_LENGTH = 0xFFFF;

    /** One bound of a token range. */
    record TokenBound(BoundValue value, boolean inclusive) {}

    /** One side of a clustering slice: values for the columns from the slice's first column on. */
    record SliceBound(TupleTerm values, boolean inclusive) {}

    /** A compile-time filter, bound to a {@link Filter} for each execution. */
    @FunctionalInterface
    interface FilterTerm {
        Filter bind(ExecutionContext context);

        /** {@code column op value} or {@code column IN values} on a single column. */
        static FilterTerm column(ColumnMetadata column, Operator operator, ValueList values) {
            return context -> {
                List<ByteBuffer[]> bound = values.bind(context);
                List<ByteBuffer> flat = new ArrayList<>(bound.size());
                for (ByteBuffer[] v : bound) flat.add(v[0]);
                return new ColumnFilter(column, operator, flat);
            };
        }
    }

    private final StatementType type;
    private final TableMetadata table;
    private final ValueList[] keyValues;
    private final TokenBound tokenStart;
    private final TokenBound tokenEnd;
    private final List<ValueList> prefix;
    private final SliceBound sliceStart;
    private final SliceBound sliceEnd;
    private final boolean sliceReversed;
    private final int sliceWidth;
    private final List<FilterTerm> filters;
    private final boolean clusteringRestricted;
    private final Set<String> restrictedByEq;
    private final IndexPlan indexPlan;
    private final int prefixColumns;
    private final int[] partitionKeyBindIndexes;

    /**
     * @param sliceWidth     how many of the slice bounds' values storage reads by (the rest filtered)
     * @param restrictedByEq the key columns restricted to a single value
     * @param prefixColumns  how many clustering columns the =/IN prefix covers
     */
    Restrictions(StatementType type, TableMetadata table, ValueList[] keyValues, TokenBound tokenStart, TokenBound tokenEnd, List<ValueList> prefix,
                 SliceBound sliceStart, SliceBound sliceEnd, boolean sliceReversed, int sliceWidth, List<FilterTerm> filters,
                 boolean clusteringRestricted, Set<String> restrictedByEq, IndexPlan indexPlan, int prefixColumns,
                 int[] partitionKeyBindIndexes) {
        this.type = type;
        this.prefixColumns = prefixColumns;
        this.partitionKeyBindIndexes = partitionKeyBindIndexes;
        this.indexPlan = indexPlan;
        this.table = table;
        this.keyValues = keyValues;
        this.tokenStart = tokenStart;
        this.tokenEnd = tokenEnd;
        this.prefix = List.copyOf(prefix);
        this.sliceStart = sliceStart;
        this.sliceEnd = sliceEnd;
        this.sliceReversed = sliceReversed;
        this.sliceWidth = sliceWidth;
        this.restrictedByEq = Set.copyOf(restrictedByEq);
        this.filters = List.copyOf(filters);
        this.clusteringRestricted = clusteringRestricted;
    }

    /** True when every partition key component is restricted by = or IN: the query reads named partitions. */
    public boolean isKeyQuery() {
        return keyValues != null;
    }

    /** True when the query picks its partitions: = or IN on every partition key component, or a token() range. */
    public boolean restrictsPartitions() {
        return keyValues != null || tokenStart != null || tokenEnd != null;
    }

    /** True when some clustering column is restricted (then partitions without matching rows return nothing). */
    public boolean isClusteringRestricted() {
        return clusteringRestricted;
    }

    /** True when a primary key column is restricted to a single value (= or a one-value IN). */
    public boolean isRestrictedByEq(ColumnMetadata column) {
        return restrictedByEq.contains(column.name());
    }

    /** How secondary indexes serve this WHERE clause. */
    public IndexPlan indexPlan() {
        return indexPlan;
    }

    public boolean hasFilters() {
        return !filters.isEmpty();
    }

    /** Bind-variable indexes of the partition key components, in key order (token-aware routing); empty if not all bound. */
    public int[] partitionKeyBindIndexes() {
        return partitionKeyBindIndexes.clone();
    }

    /** Number of clustering columns restricted by = or IN. */
    public int prefixSize() {
        return prefixColumns;
    }

    public boolean hasSlice() {
        return sliceStart != null || sliceEnd != null;
    }

    /** True when every clustering column is restricted by = or IN: a write names whole rows. */
    public boolean namesRows() {
        return prefixColumns == table.clustering().size() && !hasSlice();
    }

    /** Refuses IN on key columns of a conditional statement, as Cassandra does. */
    public void checkNoInForConditions(String statements) {
        for (ValueList values : keyValues) {
            if (!isSingle(values)) throw new InvalidRequestException("IN on the partition key is not supported with conditional " + statements);
        }
        for (ValueList values : prefix) {
            if (!isSingle(values)) {
                throw new InvalidRequestException("IN on the clustering key columns is not supported with conditional " + statements);
            }
        }
    }

    private static boolean isSingle(ValueList values) {
        return values instanceof ValueList.Elements e && e.elements().size() == 1
                || values instanceof TupleValues t && t.tuples().size() == 1;
    }

    /** A write's partitions: every combination of the key columns' values, as components. */
    public List<List<ByteBuffer>> partitionKeys(ExecutionContext context) {
        return product(List.of(keyValues), context, true);
    }

    /** A write's rows, when {@link #namesRows()}: every combination of the clustering columns' values. */
    public List<Clustering> clusterings(ExecutionContext context) {
        List<List<ByteBuffer>> prefixes = product(prefix, context, true);
        List<Clustering> clusterings = new ArrayList<>(prefixes.size());
        for (List<ByteBuffer> values : prefixes) clusterings.add(Clustering.of(values.toArray(ByteBuffer[]::new)));
        return clusterings;
    }

    /** The restrictions with this execution's values. */
    public Bound bind(ExecutionContext context) {
        List<DecoratedKey> keys = isKeyQuery() ? keys(context) : null;
        TokenRange range = tokenRange(context);
        if (keys != null && (tokenStart != null || tokenEnd != null)) {
            // token() beside the partition key: only the keys inside the token range are read
            List<DecoratedKey> inRange = new ArrayList<>(keys.size());
            for (DecoratedKey k : keys) if (range.contains(k.token())) inRange.add(k);
            keys = inRange;
        }
        List<Filter> bound = new ArrayList<>(filters.size());
        for (FilterTerm f : filters) bound.add(f.bind(context));
        ByteBuffer lookup = keys == null && indexPlan.lookup() != null ? indexPlan.lookup().bind(context) : null;
        return new Bound(keys, keys != null ? null : range, slices(context), bound, lookup);
    }

    /**
     * A WHERE clause with values: keys (sorted, distinct) or a token range, slices in storage order, row filters,
     * and the value to look up in {@link IndexPlan#lookupIndex()} (null when no index lookup drives the read).
     */
    public record Bound(List<DecoratedKey> keys, TokenRange range, List<Slice> slices, List<Filter> filters, ByteBuffer indexLookup) {}

    /** The named partitions, sorted by key value and deduplicated, as Cassandra returns IN partitions. */
    private List<DecoratedKey> keys(ExecutionContext context) {
        List<ColumnMetadata> pk = table.partitionKey();
        List<List<ByteBuffer>> combos = product(List.of(keyValues), context, true);
        Comparator<List<ByteBuffer>> byValue = (a, b) -> {
            for (int i = 0; i < pk.size(); i++) {
                int c = pk.get(i).type().compare(a.get(i), b.get(i));
                if (c != 0) return c;
            }
            return 0;
        };
        combos.sort(byValue);
        List<DecoratedKey> keys = new ArrayList<>(combos.size());
        List<ByteBuffer> previous = null;
        for (List<ByteBuffer> combo : combos) {
            if (previous != null && byValue.compare(previous, combo) == 0) continue;
            DecoratedKey key = PartitionKeys.decorate(combo);
            // a lone empty component makes no key, in reads as in writes
            if (!key.key().hasRemaining()) throw new InvalidRequestException("Key may not be empty");
            keys.add(key);
            previous = combo;
        }
        return keys;
    }

    private TokenRange tokenRange(ExecutionContext context) {
        long start = Long.MIN_VALUE;
        boolean startInclusive = true;
        long end = Long.MAX_VALUE;
        boolean endInclusive = true;
        if (tokenStart != null) {
            start = token(tokenStart.value(), context);
            startInclusive = tokenStart.inclusive();
        }
        if (tokenEnd != null) {
            end = token(tokenEnd.value(), context);
            endInclusive = tokenEnd.inclusive();
        }
        return new TokenRange(start, startInclusive, end, endInclusive);
    }

    private static long token(BoundValue value, ExecutionContext context) {
        ByteBuffer bytes = value.bind(context);
        if (bytes == null || bytes == QueryOptions.UNSET) throw new InvalidRequestException("Invalid null token value");
        if (bytes.remaining() != 8) throw new InvalidRequestException("Invalid token value: expected 8 bytes but got " + bytes.remaining());
        return bytes.getLong(bytes.position());
    }

    /** The clustering slices, in the table's storage order, sorted and without duplicates (a DELETE's range deletions). */
    public List<Slice> slices(ExecutionContext context) {
        List<List<ByteBuffer>> prefixes = product(prefix, context, type.isModification());
        if (prefixes.size() == 1 && prefixes.get(0).isEmpty() && sliceStart == null && sliceEnd == null) return List.of(Slice.ALL);
        ByteBuffer[] low = sliceStart == null ? null : firstValues(sliceStart.values().bind(context));
        ByteBuffer[] high = sliceEnd == null ? null : firstValues(sliceEnd.values().bind(context));
        if (type.isModification()) {
            checkKeyLengths(low);
            checkKeyLengths(high);
        }
        ClusteringComparator comparator = TableLayouts.clusteringComparator(table);
        MixedOrderSlices mixed = mixedOrderSlices();
        List<Slice> slices = new ArrayList<>(prefixes.size());
        for (List<ByteBuffer> p : prefixes) {
            if (mixed != null) {
                for (Slice slice : mixed.slices(array(p, null), low, low != null && sliceStart.inclusive(), high, high != null && sliceEnd.inclusive())) {
                    if (!comparator.isEmpty(slice)) slices.add(slice);
                }
                continue;
            }
            ClusteringBound start;
            ClusteringBound end;
            if (!sliceReversed) {
                start = low == null ? ClusteringBound.start(true, array(p, null)) : ClusteringBound.start(sliceStart.inclusive(), array(p, low));
                end = high == null ? ClusteringBound.end(true, array(p, null)) : ClusteringBound.end(sliceEnd.inclusive(), array(p, high));
            } else {
                start = high == null ? ClusteringBound.start(true, array(p, null)) : ClusteringBound.start(sliceEnd.inclusive(), array(p, high));
                end = low == null ? ClusteringBound.end(true, array(p, null)) : ClusteringBound.end(sliceStart.inclusive(), array(p, low));
            }
            Slice slice = new Slice(start, end);
            if (!comparator.isEmpty(slice)) slices.add(slice);
        }
        slices.sort((a, b) -> comparator.compare(a.start(), b.start()));
        List<Slice> distinct = new ArrayList<>(slices.size());
        for (Slice s : slices) {
            if (!distinct.isEmpty() && distinct.getLast().equals(s)) continue;
            distinct.add(s);
        }
        return distinct;
    }

    /** A multi-column slice over columns of both clustering orders (only a DELETE reads it by storage slices), or null. */
    private MixedOrderSlices mixedOrderSlices() {
        List<ColumnMetadata> columns = table.clustering().subList(prefixColumns, Math.min(prefixColumns + sliceWidth, table.clustering().size()));
        boolean mixed = columns.stream().anyMatch(c -> c.reversed() != columns.getFirst().reversed());
        return mixed ? new MixedOrderSlices(columns) : null;
    }

    private static void checkKeyLengths(ByteBuffer[] values) {
        if (values == null) return;
        for (ByteBuffer value : values) {
            if (value.remaining() > MAX_KEY_COMPONENT_LENGTH) {
                throw new InvalidRequestException("Key length of " + value.remaining() + " is longer than maximum of " + MAX_KEY_COMPONENT_LENGTH);
            }
        }
    }

    /**
     * Every combination of the parts' values, in order (a multi-column part adds several values); with
     * {@code checkLength}, Cassandra's limit on a key component (its length travels in two bytes).
     */
    private static List<List<ByteBuffer>> product(List<ValueList> parts, ExecutionContext context, boolean checkLength) {
        List<List<ByteBuffer>> combos = new ArrayList<>();
        combos.add(List.of());
        for (ValueList part : parts) {
            List<ByteBuffer[]> values = part.bind(context);
            List<List<ByteBuffer>> next = new ArrayList<>(combos.size() * values.size());
            for (List<ByteBuffer> combo : combos) {
                for (ByteBuffer[] v : values) {
                    List<ByteBuffer> extended = new ArrayList<>(combo.size() + v.length);
                    extended.addAll(combo);
                    if (checkLength) checkKeyLengths(v);
                    extended.addAll(java.util.Arrays.asList(v));
                    next.add(extended);
                }
            }
            combos = next;
        }
        return combos;
    }

    private ByteBuffer[] firstValues(ByteBuffer[] values) {
        return values.length <= sliceWidth ? values : Arrays.copyOf(values, sliceWidth);
    }

    private static ByteBuffer[] array(List<ByteBuffer> prefix, ByteBuffer[] tail) {
        ByteBuffer[] out = new ByteBuffer[prefix.size() + (tail == null ? 0 : tail.length)];
        for (int i = 0; i < prefix.size(); i++) out[i] = prefix.get(i);
        if (tail != null) System.arraycopy(tail, 0, out, prefix.size(), tail.length);
        return out;
    }

}
