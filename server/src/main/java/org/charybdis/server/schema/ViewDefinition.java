package org.charybdis.server.schema;

import org.charybdis.cql.syntax.Operator;
import org.charybdis.cql.types.ListType;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * What makes a table a materialized view: its base table, whether it selects every base column
 * ({@code SELECT *}, so columns added to the base later join it), its WHERE clause as Cassandra shows it, and the
 * restrictions of that clause beyond {@code IS NOT NULL}, which decide which base rows the view holds.
 */
public record ViewDefinition(UUID baseTableId, String baseTableName, boolean includeAllColumns, String whereClause,
                             List<Filter> filters) {

    public ViewDefinition {
        filters = List.copyOf(filters);
    }

    /**
     * {@code column op value} on a base primary key column; the value serialized in the column's type (for IN, the
     * values as a frozen list of that type).
     */
    public record Filter(String column, Operator operator, ByteBuffer value) {
        /** Whether a base row whose column holds {@code actual} passes, comparing with the column's type. */
        public boolean accepts(ColumnMetadata base, ByteBuffer actual) {
            if (operator == Operator.IN) {
                for (Object candidate : ListType.of(base.type(), false).deserialize(value)) {
                    if (base.type().compare(actual, base.type().serialize(candidate)) == 0) return true;
                }
                return false;
            }
            int cmp = base.type().compare(actual, value);
            return switch (operator) {
                case EQ -> cmp == 0;
                case LT -> cmp < 0;
                case LTE -> cmp <= 0;
                case GT -> cmp > 0;
                case GTE -> cmp >= 0;
                case NEQ -> cmp != 0;
                default -> throw new IllegalStateException("view filter " + operator);
            };
        }
    }
}
