package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.Condition;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.statements.schema.TableDefinitions;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IF clause of one INSERT, UPDATE or DELETE: {@code IF NOT EXISTS}, {@code IF EXISTS} or column
 * conditions. Conditions on static columns apply to the partition's static row, the others to the row the
 * statement names.
 */
final class StatementConditions {
    enum Kind { EXISTS, NOT_EXISTS, COLUMNS }

    private final Kind kind;
    private final List<ColumnCondition> regular;
    private final List<ColumnCondition> statics;

    private StatementConditions(Kind kind, List<ColumnCondition> regular, List<ColumnCondition> statics) {
        this.kind = kind;
        this.regular = List.copyOf(regular);
        this.statics = List.copyOf(statics);
    }

    static StatementConditions ifExists() {
        return new StatementConditions(Kind.EXISTS, List.of(), List.of());
    }

    static StatementConditions ifNotExists() {
        return new StatementConditions(Kind.NOT_EXISTS, List.of(), List.of());
    }

    /** The statement's IF clause, or null when it has none. */
    static StatementConditions compile(TableMetadata table, boolean ifExists, List<Condition> conditions, BindVariables variables) {
        if (ifExists) return ifExists();
        if (conditions.isEmpty()) return null;
        List<ColumnCondition> regular = new ArrayList<>(conditions.size());
        List<ColumnCondition> statics = new ArrayList<>(0);
        for (Condition condition : conditions) {
            ColumnCondition compiled = ConditionCompiler.compile(table, condition, variables);
            (compiled.column().isStatic() ? statics : regular).add(compiled);
        }
        return new StatementConditions(Kind.COLUMNS, regular, statics);
    }

    /** Checks shared by every conditional statement, after its conditions compiled. */
    static void checkStatement(TableMetadata table, WriteAttributes attributes) {
        checkNotCounterTable(table, List.of());
        if (attributes.hasTimestamp()) throw new InvalidRequestException("Cannot provide custom timestamp for conditional updates");
    }

    /** Cassandra refuses conditions on counter tables before looking at the rest of the statement. */
    static void checkNotCounterTable(TableMetadata table, List<Condition> conditions) {
        if (!table.isCounterTable()) return;
        for (Condition condition : conditions) {
            ColumnMetadata column = table.column(condition.target().column().name());
            if (column != null && column.type().isCounter()) throw new InvalidRequestException("Conditions on counters are not supported");
        }
        throw new InvalidRequestException("Conditional updates are not supported on counter tables");
    }

    Kind kind() {
        return kind;
    }

    boolean isExistence() {
        return kind != Kind.COLUMNS;
    }

    /** True if some condition is on a regular (non-static) column. */
    boolean onRegularColumns() {
        return !regular.isEmpty();
    }

    /**
     * The columns a failed statement reports, as Cassandra lists them: regular columns then static ones, each
     * in the order of the IF clause, without repeats. Empty for IF [NOT] EXISTS (the whole row is reported).
     */
    Set<ColumnMetadata> reportedColumns() {
        Set<ColumnMetadata> columns = new LinkedHashSet<>();
        for (ColumnCondition c : regular) columns.add(c.column());
        for (ColumnCondition c : statics) columns.add(c.column());
        return columns;
    }

    /** Adds this execution's conditions on {@code row} (the static row for statements on static columns only). */
    void addTo(CasRequest request, Clustering row, ExecutionContext context) {
        switch (kind) {
            case EXISTS -> request.addExists(row);
            case NOT_EXISTS -> request.addNotExists(row);
            case COLUMNS -> {
                if (!regular.isEmpty()) request.addConditions(row, bind(regular, context));
                if (!statics.isEmpty()) request.addConditions(Clustering.STATIC, bind(statics, context));
            }
        }
    }

    private static List<ColumnCondition.Bound> bind(List<ColumnCondition> conditions, ExecutionContext context) {
        List<ColumnCondition.Bound> bound = new ArrayList<>(conditions.size());
        for (ColumnCondition c : conditions) bound.add(c.bind(context));
        return bound;
    }
}
