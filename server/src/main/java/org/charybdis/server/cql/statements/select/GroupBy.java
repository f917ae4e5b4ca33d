package org.charybdis.server.cql.statements.select;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.cql.terms.functions.ScalarFunction;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A compiled GROUP BY: two rows are in the same group when they are in the same partition, have equal
 * values for the first {@code prefix} clustering columns and, with a function (5.0's
 * {@code floor(t, 1h)}), equal results of the function on the next clustering column. Groups never span
 * partitions: Cassandra requires the whole partition key in the clause or restricted by equality.
 */
final class GroupBy {
    private final List<ColumnMetadata> clustering;
    private final int prefix;
    private final ScalarFunction function;
    private final ByteBuffer[] functionArguments;
    private final int functionColumnArgument;

    /**
     * @param function         applied to clustering column {@code prefix}, or null
     * @param functionArguments the function's arguments, constants bound, the column's slot left null
     */
    GroupBy(TableMetadata table, int prefix, ScalarFunction function, ByteBuffer[] functionArguments, int functionColumnArgument) {
        this.clustering = table.clustering();
        this.prefix = prefix;
        this.function = function;
        this.functionArguments = functionArguments;
        this.functionColumnArgument = functionColumnArgument;
    }

    /** Whether a row (key, clustering; null clustering for a static-only row) belongs to the group of another. */
    boolean sameGroup(DecoratedKey groupKey, Clustering groupClustering, ByteBuffer groupFunctionValue, DecoratedKey key, Clustering row) {
        if (!groupKey.equals(key)) return false;
        if (prefix == 0 && function == null) return true;
        if (groupClustering == null || row == null) return groupClustering == row;
        for (int i = 0; i < prefix; i++) {
            if (clustering.get(i).type().compare(groupClustering.get(i), row.get(i)) != 0) return false;
        }
        if (function == null) return true;
        ByteBuffer value = functionValue(row);
        return groupFunctionValue == null ? value == null : groupFunctionValue.equals(value);
    }

    /** The function's value for a row, or null without a function (or for a static-only row). */
    ByteBuffer functionValue(Clustering row) {
        if (function == null || row == null) return null;
        ByteBuffer[] arguments = functionArguments.clone();
        arguments[functionColumnArgument] = row.get(prefix).duplicate();
        return function.execute(arguments);
    }
}
